// Paging a chat's media messages newest first, stopping where the archive already has
// everything (design §8), and never above the point the last complete sync reached. Both loops go
// through `pageThrough`, which ends runaway paging; what the archive holds is its size hint.
import type { Catalog } from '../catalog/catalog'
import type { ChatRow } from '../catalog/repositories/chats'
import { pageThrough } from '../providers/paging'
import type { AdapterContext, ListMediaOptions, ProviderAdapter, ProviderChat } from '../providers/types'
import { spanOfTimes } from '../providers/message-span'
import { ingestPage, type WorkItem } from './ingest'

export interface ChatListingOptions {
  readonly full: boolean
  readonly type?: ListMediaOptions['type']
  readonly call: <T>(fn: () => Promise<T>) => Promise<T>
  readonly onItems: (items: readonly WorkItem[]) => void
  /** One line per item that could not be archived as it was sent (provider and field path). */
  readonly onProblems: (problems: readonly string[]) => void
  readonly signal?: AbortSignal
}

export interface ChatList {
  readonly chats: readonly ProviderChat[]
  /** Chat entries that could not be read (one line each). */
  readonly problems: readonly string[]
}

export async function listAllChats(
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
  /** Chats the archive knows for this account: the size hint. */
  knownChats: number,
): Promise<ChatList> {
  const chats: ProviderChat[] = []
  const problems: string[] = []
  const pages = pageThrough((cursor) => call(() => adapter.listChats(ctx, cursor)), {
    provider: adapter.id,
    what: `chats of ${ctx.account}`,
    keyOf: (chat) => chat.id,
    expectedItems: knownChats > 0 ? knownChats : null,
  })
  for await (const page of pages) {
    // Offset paging over a list that changes while we read it can repeat an entry.
    chats.push(...page.fresh)
    problems.push(...(page.problems ?? []))
  }
  return { chats, problems }
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
  let newestAt: string | null = null
  // Where the last complete sync got to; null (never recorded) keeps the older rule alone.
  const through = chat.completeThrough === null ? null : Date.parse(chat.completeThrough)
  const known = catalog.messages.countInChat(chat.id)
  const pages = pageThrough(
    (cursor) => {
      options.signal?.throwIfAborted()
      return options.call(() =>
        adapter.listChatMedia(ctx, chat.externalId, { cursor, ...(options.type && { type: options.type }) }),
      )
    },
    {
      provider: adapter.id,
      what: `media of chat ${chat.externalId}`,
      keyOf: (message) => message.id,
      expectedItems: known > 0 ? known : null,
    },
  )
  for await (const page of pages) {
    const result = ingestPage(catalog, chat.accountId, chat, page.items)
    options.onItems(result.items)
    const problems = [...(page.problems ?? []), ...result.problems]
    if (problems.length > 0) options.onProblems(problems)
    const span = page.span === undefined ? spanOfTimes(page.items.map((m) => m.createdAt)) : page.span
    // Pages come newest first; a leading page may have read no message at all.
    newestAt ??= span?.newest ?? null
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
  }
  // pageThrough returns only after a page without a cursor, which returned above.
  return { reachedEnd: true, newestAt }
}
