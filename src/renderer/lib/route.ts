// Where the app is lives in the URL hash (#/media?type=video, #/chat/12, #/sync, #/sync/history), so reload,
// back and forward work the same in Electron (file://) and in serve mode without server routes.
import { useSyncExternalStore } from 'react'

export type Route =
  | { readonly view: 'media'; readonly params: URLSearchParams }
  | { readonly view: 'chat'; readonly chatId: number; readonly params: URLSearchParams }
  | { readonly view: 'sync' }
  | { readonly view: 'history' }
  | { readonly view: 'settings' }

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '')
  const [path = '', query = ''] = body.split('?', 2)
  const params = new URLSearchParams(query)
  const parts = path.split('/').filter((part) => part !== '')
  if (parts[0] === 'chat' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    return { view: 'chat', chatId: Number(parts[1]), params }
  }
  if (parts[0] === 'sync') return parts[1] === 'history' ? { view: 'history' } : { view: 'sync' }
  if (parts[0] === 'settings') return { view: 'settings' }
  return { view: 'media', params }
}

export function mediaHref(params: URLSearchParams): string {
  const query = params.toString()
  return query === '' ? '#/media' : `#/media?${query}`
}

/** A chat, or a chat opened at one message (`message=` is the catalog's message id). */
export function chatHref(chatId: number, messageId?: number): string {
  return messageId === undefined ? `#/chat/${chatId}` : `#/chat/${chatId}?message=${messageId}`
}

/** `replace` for refinements (typing in search, stepping in the viewer) that should not pile up history. */
export function navigate(href: string, options: { readonly replace?: boolean } = {}): void {
  if (window.location.hash === href) return
  if (options.replace) {
    window.history.replaceState(null, '', href)
    // replaceState does not fire hashchange; tell our subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else {
    window.location.hash = href
  }
}

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const readHash = (): string => window.location.hash

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeHash, readHash)
  return parseRoute(hash)
}
