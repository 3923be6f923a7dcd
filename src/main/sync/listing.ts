// Paging a chat's media messages newest first, stopping where the archive already has
// everything (design §8), and never above the point the last complete sync reached.
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
import { spanOfTimes } from '../providers/message-span'
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

export interface ChatListingResult {
  /** True when the chat was paged to its oldest message. */
  readonly reachedEnd: boolean
  /** The newest message time read (ISO 8601), text-only messages included; null when none was read. */
  readonly newestAt: string | null
}

export async function syncChatMessages(
  catalog: Catalog,
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  chat: ChatRow,
  options: ChatListingOptions,
): Promise<ChatListingResult> {
  const guard = new CursorGuard({ provider: adapter.id, what: `media of chat ${chat.externalId}` })
  let cursor: PageCursor | null = null
  let newestAt: string | null = null
  // Where the last complete sync got to; null (never recorded) keeps the older rule alone.
  const through = chat.completeThrough === null ? null : Date.parse(chat.completeThrough)
  for (;;) {
    options.signal?.throwIfAborted()
    const page = await options.call(() =>
      adapter.listChatMedia(ctx, chat.externalId, { cursor, ...(options.type && { type: options.type }) }),
    )
    guard.next(page.next)
    const result = ingestPage(catalog, chat.accountId, chat, page.items)
    options.onItems(result.items)
    const span = page.span === undefined ? spanOfTimes(page.items.map((m) => m.createdAt)) : page.span
    // Pages come newest first; a leading page may have read no message at all.
    newestAt ??= span?.newest ?? null
    // The cursor guard ends paging that repeats or runs away; an empty page with a cursor goes on.
    if (page.next === null) return { reachedEnd: true, newestAt }
    // Only a chat whose history was read to the end may stop early, and only once it is back at
    // messages the last complete sync had: known messages above that point may be the newest
    // pages of a sync that was cut short, with unread ones below them. Text-only messages count
    // (the span), or a run of them would keep a sync paging back to the last media message.
    const reachedMark = through === null || (span !== null && Date.parse(span.oldest) <= through)
    // A page with no media message (Fansly text) proves nothing known by itself, but past the mark
    // there is nothing left to find.
    const nothingNew = result.allKnown || (through !== null && page.items.length === 0)
    if (!options.full && chat.historyComplete && nothingNew && reachedMark)
      return { reachedEnd: false, newestAt }
    cursor = page.next
  }
}
