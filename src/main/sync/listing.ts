// Paging a chat newest first into the catalog, stopping where the archive already has everything
// (design §8), and never above the point the last complete sync in the same mode reached. Both
// loops go through `pageThrough`, which ends runaway paging; what the archive holds is its size hint.
import type { Catalog } from '../catalog/catalog'
import type { ChatMarks, ChatRow } from '../catalog/repositories/chats'
import { pageThrough } from '../providers/paging'
import type {
  AdapterContext,
  ListMediaOptions,
  Page,
  PageCursor,
  ProviderAdapter,
  ProviderChat,
  ProviderMessage,
} from '../providers/types'
import { spanOfTimes } from '../providers/message-span'
import { ingestPage, type WorkItem } from './ingest'

/**
 * Which route a chat is read through: `messages` (every message, listChatMessages) or `media`
 * (the messages that carry media, listChatMedia: `--media-only`, and any `--type` filter).
 */
export type ChatRoute = 'messages' | 'media'

export interface ChatListingOptions {
  readonly route: ChatRoute
  /** The marks of the mode the route belongs to (chats.ts `marksFor`). */
  readonly marks: ChatMarks
  readonly full: boolean
  readonly type?: ListMediaOptions['type']
  readonly call: <T>(fn: () => Promise<T>) => Promise<T>
  readonly onItems: (items: readonly WorkItem[]) => void
  /** One line per item that could not be archived as it was sent (provider and field path). */
  readonly onProblems: (problems: readonly string[]) => void
  /** Messages read from a page, and how many of them were new to the archive. */
  readonly onMessages?: (seen: number, added: number) => void
  /** Collect the row ids of every message and media item read (a full pass marks the rest). */
  readonly collectSeen?: boolean
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
  /** Entries of the chat's pages that could not be read at all (left out, so the pass is not complete). */
  readonly unreadable: number
  /** Row ids of the messages and media read, when `collectSeen` asked for them. */
  readonly seenMessages: readonly number[]
  readonly seenMedia: ReadonlySet<number>
}

function fetcherFor(
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  chatId: string,
  options: ChatListingOptions,
): (cursor: PageCursor | null) => Promise<Page<ProviderMessage>> {
  return (cursor) => {
    options.signal?.throwIfAborted()
    return options.call(() =>
      options.route === 'messages'
        ? adapter.listChatMessages(ctx, chatId, { cursor })
        : adapter.listChatMedia(ctx, chatId, { cursor, ...(options.type && { type: options.type }) }),
    )
  }
}

/**
 * Whether paging may stop after this page: only in a chat read to its end in this mode, never with
 * `--full`, and only once the page reaches back below the mark, since every message older than
 * `completeThrough` is archived. A page that reaches exactly the mark's time must hold only known
 * messages too, as an unread message may share that time. Known messages above the mark prove
 * nothing: they may be the newest pages of a sync that was cut short, with unread ones below them.
 */
function mayStop(
  options: ChatListingOptions,
  through: number | null,
  oldest: number | null,
  allKnown: boolean,
  emptyPage: boolean,
): boolean {
  if (options.full || !options.marks.complete) return false
  if (through === null) return allKnown
  if (oldest === null) return false
  if (oldest < through) return true
  // A page with no message it keeps (Fansly media pages of text) proves nothing by itself, but past
  // the mark there is nothing left to find.
  return (allKnown || emptyPage) && oldest <= through
}

export async function syncChatMessages(
  catalog: Catalog,
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  chat: ChatRow,
  options: ChatListingOptions,
): Promise<ChatListingResult> {
  let newestAt: string | null = null
  let unreadable = 0
  const seenMessages: number[] = []
  const seenMedia = new Set<number>()
  // Where the last complete sync in this mode got to; null (never recorded) keeps the older rule alone.
  const through = options.marks.completeThrough === null ? null : Date.parse(options.marks.completeThrough)
  const known = catalog.messages.countInChat(chat.id)
  const pages = pageThrough(fetcherFor(adapter, ctx, chat.externalId, options), {
    provider: adapter.id,
    what: `${options.route} of chat ${chat.externalId}`,
    keyOf: (message) => message.id,
    expectedItems: known > 0 ? known : null,
  })
  const result = (reachedEnd: boolean): ChatListingResult => ({
    reachedEnd,
    newestAt,
    unreadable,
    seenMessages,
    seenMedia,
  })
  for await (const page of pages) {
    const ingested = ingestPage(catalog, chat.accountId, chat, page.items)
    options.onItems(ingested.items)
    options.onMessages?.(page.items.length, ingested.newMessages)
    if (options.collectSeen) {
      seenMessages.push(...ingested.messageRowIds)
      for (const item of ingested.items) seenMedia.add(item.mediaRowId)
    }
    unreadable += page.problems?.length ?? 0
    const problems = [...(page.problems ?? []), ...ingested.problems]
    if (problems.length > 0) options.onProblems(problems)
    const span = page.span === undefined ? spanOfTimes(page.items.map((m) => m.createdAt)) : page.span
    // Pages come newest first; a leading page may have read no message at all.
    newestAt ??= span?.newest ?? null
    if (page.next === null) return result(true)
    // Text-only messages count (the span), or a run of them would keep a media-only sync paging
    // back to the last media message.
    const oldest = span === null ? null : Date.parse(span.oldest)
    if (mayStop(options, through, oldest, ingested.allKnown, page.items.length === 0)) return result(false)
  }
  // pageThrough returns only after a page without a cursor, which returned above.
  return result(true)
}
