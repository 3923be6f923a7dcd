// One chat of a sync: whether it can be skipped (nothing sent since the last complete sync in this
// mode; plan-chats.ts asks), and reading it: page it through the route of the mode (whole
// conversations or media only), record the marks the pass earned, and after a full, complete,
// unfiltered pass mark what the provider no longer has as deleted upstream. Nothing here deletes
// a row.
import type { ArchiveMode, SyncMediaFilter } from '../../shared/vocabulary'
import type { Catalog } from '../catalog/catalog'
import { marksFor, type ChatRow } from '../catalog/repositories/chats'
import type { AdapterContext, ProviderAdapter } from '../providers/types'
import type { WorkItem } from './ingest'
import { syncChatMessages, type ChatRoute } from './listing'

export interface ChatTarget {
  readonly chat: ChatRow
  /** The chat list's newest message id; null when the chat was named, not listed. */
  readonly lastMessageId: string | null
}

export interface ChatPassOptions {
  readonly mode: ArchiveMode
  readonly full: boolean
  readonly type?: SyncMediaFilter
  /** Media row ids this run has seen so far, in any chat. */
  readonly seenMedia: ReadonlySet<number>
  readonly call: <T>(fn: () => Promise<T>) => Promise<T>
  readonly onItems: (items: readonly WorkItem[]) => void
  readonly onProblems: (problems: readonly string[]) => void
  readonly onMessages: (seen: number, added: number) => void
  readonly signal?: AbortSignal
  readonly now?: () => Date
}

export interface ChatPassResult {
  /** Marked deleted upstream by this pass. */
  readonly deletedMessages: number
  readonly deletedMedia: number
}

/**
 * The route and the marks a pass goes by. A type filter reads the chat media route filtered by
 * type, whatever the mode (text-only messages are no media of any type), and like a media-only
 * pass it proves nothing about text-only messages.
 */
export function passPlan(
  mode: ArchiveMode,
  type: SyncMediaFilter | undefined,
): {
  readonly route: ChatRoute
  readonly marksMode: ArchiveMode
} {
  return type === undefined && mode === 'conversations'
    ? { route: 'messages', marksMode: 'conversations' }
    : { route: 'media', marksMode: 'media' }
}

/**
 * Whether a chat can be skipped without a request: its whole history was read once in this mode,
 * and the chat list names the same newest message as when it was last synced completely in this
 * mode, so nothing was sent since. A chat holding a locked item is still paged, because buying it
 * later changes the item, not the newest message. `--full` never skips (the caller's check). Marks
 * recorded by a media-only sync never let a whole-conversation sync skip: text-only messages may
 * be missing.
 */
export function unchangedSinceLastSync(
  { chat, lastMessageId }: ChatTarget,
  mode: ArchiveMode,
  type: SyncMediaFilter | undefined,
  locked: boolean,
): boolean {
  const marks = marksFor(chat, passPlan(mode, type).marksMode)
  return lastMessageId !== null && marks.complete && marks.seenLastMessageId === lastMessageId && !locked
}

/** Reads one chat (see the top of this file); throws what the provider's pages threw. */
export async function readChat(
  catalog: Catalog,
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  { chat, lastMessageId }: ChatTarget,
  options: ChatPassOptions,
): Promise<ChatPassResult> {
  const { route, marksMode } = passPlan(options.mode, options.type)
  const marks = marksFor(chat, marksMode)
  const unfiltered = options.type === undefined
  const listing = await syncChatMessages(catalog, adapter, ctx, chat, {
    route,
    marks,
    full: options.full,
    ...(options.type && { type: options.type }),
    call: options.call,
    onItems: options.onItems,
    onProblems: options.onProblems,
    onMessages: options.onMessages,
    collectSeen: options.full && unfiltered,
    ...(options.signal && { signal: options.signal }),
  })
  return catalog.transaction(() => {
    catalog.chats.markSynced(chat.id, listing.reachedEnd && unfiltered, undefined, marksMode)
    // Returning normally means every message up to the newest one is in the catalog; a
    // type-filtered sync skipped the other types, so it proves nothing for the next sync.
    if (unfiltered)
      catalog.chats.markComplete(chat.id, { lastMessageId, completeThrough: listing.newestAt }, marksMode)
    // Only a full pass that read the whole chat, every entry of it, may conclude that what it did
    // not see is gone. A media pass lists only media messages, so it concludes about media alone.
    const concludes = options.full && unfiltered && listing.reachedEnd && listing.unreadable === 0
    if (!concludes) return { deletedMessages: 0, deletedMedia: 0 }
    const at = (options.now?.() ?? new Date()).toISOString()
    const deletedMessages =
      route === 'messages' ? catalog.messages.markDeletedUpstream(chat.id, listing.seenMessages, at) : 0
    const seen = new Set([...options.seenMedia, ...listing.seenMedia])
    const deletedMedia = catalog.media.markDeletedUpstream(chat.id, seen, at)
    return { deletedMessages, deletedMedia }
  })
}
