// Paging a chat's media messages newest first, stopping where the archive already has
// everything (design §8: a re-sync of an unchanged chat costs one request).
import type { Catalog } from '../catalog/catalog'
import type { ChatRow } from '../catalog/repositories/chats'
import { CursorGuard } from '../providers/paging'
import type {
  AdapterContext,
  ListMediaOptions,
  PageCursor,
  ProviderAdapter,
  ProviderChat,
} from '../providers/types'
import { ingestPage, type WorkItem } from './ingest'

export interface ChatListingOptions {
  readonly full: boolean
  readonly type?: ListMediaOptions['type']
  readonly call: <T>(fn: () => Promise<T>) => Promise<T>
  readonly onItems: (items: readonly WorkItem[]) => void
  readonly signal?: AbortSignal
}

export async function listAllChats(
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<readonly ProviderChat[]> {
  const guard = new CursorGuard({ provider: adapter.id, what: `chats of ${ctx.account}` })
  const chats: ProviderChat[] = []
  const seen = new Set<string>()
  let cursor: PageCursor | null = null
  for (;;) {
    const page = await call(() => adapter.listChats(ctx, cursor))
    guard.next(page.next)
    for (const chat of page.items) {
      // Offset paging over a list that changes while we read it can repeat an entry.
      if (seen.has(chat.id)) continue
      seen.add(chat.id)
      chats.push(chat)
    }
    if (page.next === null || page.items.length === 0) return chats
    cursor = page.next
  }
}

/** Returns true when the chat was paged to its oldest message. */
export async function syncChatMessages(
  catalog: Catalog,
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  chat: ChatRow,
  options: ChatListingOptions,
): Promise<boolean> {
  const guard = new CursorGuard({ provider: adapter.id, what: `media of chat ${chat.externalId}` })
  let cursor: PageCursor | null = null
  for (;;) {
    options.signal?.throwIfAborted()
    const page = await options.call(() =>
      adapter.listChatMedia(ctx, chat.externalId, { cursor, ...(options.type && { type: options.type }) }),
    )
    guard.next(page.next)
    const result = ingestPage(catalog, chat.accountId, chat, page.items)
    options.onItems(result.items)
    // The cursor guard ends paging that repeats or runs away; an empty page with a cursor goes on.
    if (page.next === null) return true
    // Only a chat whose history was read to the end may stop early; a first sync that was cut
    // short must keep paging past what it already has.
    if (!options.full && chat.historyComplete && result.allKnown) return false
    cursor = page.next
  }
}
