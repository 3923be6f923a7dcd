// The HTTP side of the bridge, for a browser talking to `chatkeep serve`. Only bridge.ts uses it.
//
// The token never sits in a cookie: cookies ignore ports, so one set by serve on 127.0.0.1 would
// go to every other server on 127.0.0.1. It is read once from the printed URL (?token=…), kept in
// this tab's sessionStorage (per origin, port included; survives a reload, gone with the tab) and
// sent as a header on API calls and the event stream. Archived files load through <img>/<video>,
// which cannot send headers, so their URLs carry the media key instead: a second secret that only
// reads files. The printed URL itself keeps working: bookmark it, open it again.
import { EventSource } from 'eventsource'
import type { EventName } from '../../shared/bridge'
import type { ChannelName, Result } from '../../shared/contract'
import {
  authorizationHeader,
  channelPath,
  EVENTS_PATH,
  SERVE_TOKEN_PARAM,
  SESSION_PATH,
  type ServeSession,
} from '../../shared/serve-http'

const storageKey = 'chatkeep.serveToken'

export class ServeError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'network' | 'internal',
    message: string,
  ) {
    super(message)
    this.name = 'ServeError'
  }
}

const signInMessage = 'This page needs the access token: open the URL that "chatkeep serve" printed.'

/** The token from the address bar (then dropped from it and from history), else from this tab. */
function takeToken(): string | null {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get(SERVE_TOKEN_PARAM)
  if (fromUrl !== null && fromUrl !== '') {
    window.sessionStorage.setItem(storageKey, fromUrl)
    url.searchParams.delete(SERVE_TOKEN_PARAM)
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
    return fromUrl
  }
  return window.sessionStorage.getItem(storageKey)
}

let token: string | null = null
let mediaKey: string | null = null

/** Settles once the media key is known, or known to be unavailable (never rejects). */
let session: Promise<void> = Promise.resolve()

async function fetchSession(withToken: string): Promise<void> {
  try {
    const response = await fetch(SESSION_PATH, {
      headers: authorizationHeader(withToken),
      credentials: 'omit',
    })
    if (!response.ok) return
    const body = (await response.json()) as Result<ServeSession>
    if (body.ok) mediaKey = body.value.mediaKey
  } catch {
    // The server is unreachable; the first call says so.
  }
}

/**
 * Reads the token now and starts fetching the media key; resolves either way (calls then report
 * what failed). The app need not wait for it: calls go out at once and wait for it only before
 * answering (see serveCall).
 */
export function connectToServe(): Promise<void> {
  token = takeToken()
  if (token !== null) session = fetchSession(token)
  return session
}

export function serveMediaKey(): string | null {
  return mediaKey
}

/** POSTs one channel; resolves with the server's envelope. */
export async function serveCall(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  if (token === null) throw new ServeError('unauthorized', signInMessage)
  let response: Response
  try {
    // Sent alongside the session request (serve answers them in turn), but answered only once the
    // media key is known: whatever renders an answer may build media URLs from it.
    ;[response] = await Promise.all([
      fetch(channelPath(channel), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authorizationHeader(token) },
        body: JSON.stringify(input),
        credentials: 'omit',
      }),
      session,
    ])
  } catch (error) {
    throw new ServeError('network', `Cannot reach the Chatkeep server: ${(error as Error).message}`)
  }
  if (response.status === 401) throw new ServeError('unauthorized', signInMessage)
  try {
    return (await response.json()) as Result<unknown>
  } catch {
    throw new ServeError('internal', `The server answered ${response.status} without a JSON body.`)
  }
}

// One event stream shared by every subscriber. EventSource cannot send headers, so this is the
// fetch-based implementation of the same standard (reconnects, Last-Event-ID), with the token as
// a header.
let source: EventSource | null = null
const listeners = new Map<EventName, Set<(payload: unknown) => void>>()

function ensureSource(): EventSource | null {
  if (source !== null || token === null) return source
  const headers = authorizationHeader(token)
  source = new EventSource(EVENTS_PATH, {
    fetch: (input, init) =>
      fetch(input, { ...init, headers: { ...init.headers, ...headers }, credentials: 'omit' }),
  })
  return source
}

/** Calls `listener` with each payload of `event`; returns the unsubscribe function. */
export function serveSubscribe(event: EventName, listener: (payload: unknown) => void): () => void {
  const stream = ensureSource()
  let set = listeners.get(event)
  if (set === undefined) {
    const fresh = new Set<(payload: unknown) => void>()
    listeners.set(event, fresh)
    stream?.addEventListener(event, (message: MessageEvent<string>) => {
      const payload = JSON.parse(message.data) as unknown
      for (const each of fresh) each(payload)
    })
    set = fresh
  }
  set.add(listener)
  const registered = set
  return () => {
    registered.delete(listener)
  }
}
