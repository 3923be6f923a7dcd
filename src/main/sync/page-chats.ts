// Paging the planned chats one after another into the catalog, handing every item that needs a
// file to the downloads as it is read. A chat the provider will not serve (a 404, an answer of the
// wrong shape, runaway paging) fails alone: it is recorded and the next chat is read (issue 17.8).
// What concerns every chat ends the run: the key refused, a full disk, a provider that stays down
// or rate-limits past what a sync waits, a cancel.
import { AuthError, isProviderError } from '../providers/errors'
import type { WorkItem } from './ingest'
import { syncChatMessages } from './listing'
import type { ChatTarget } from './plan-chats'
import type { RunState } from './run-state'

/**
 * Whether an error belongs to the one request (the chat being read, the items being polled), not
 * to the run. Only a provider's deterministic refusal does: asking about the next chat may work. A retryable error that outlived its retries says
 * the provider (or the network) is down for every chat, and anything else is not the provider's.
 */
export function isLocalFailure(error: unknown): boolean {
  return isProviderError(error) && !error.retryable && !(error instanceof AuthError)
}

export async function pageChats(
  run: RunState,
  targets: readonly ChatTarget[],
  enqueue: (item: WorkItem) => void,
): Promise<void> {
  const { catalog, request } = run
  const unfiltered = request.type === undefined
  for (const { chat, lastMessageId } of targets) {
    if (run.stopping) return
    try {
      const listing = await syncChatMessages(catalog, run.adapter, run.ctx, chat, {
        full: request.full === true,
        ...(request.type && { type: request.type }),
        call: run.call,
        signal: run.signal,
        onItems: (items) => items.forEach(enqueue),
        onProblems: (lines) => run.problems.add(lines),
      })
      catalog.chats.markSynced(chat.id, listing.reachedEnd && unfiltered)
      // Returning normally means every message up to the newest one is in the catalog; a
      // type-filtered sync skipped the other types, so it proves nothing for the next sync.
      if (unfiltered)
        catalog.chats.markComplete(chat.id, { lastMessageId, completeThrough: listing.newestAt })
    } catch (error) {
      if (run.stopping || !isLocalFailure(error)) throw error
      // Its marks stay as they were, so the next sync pages it again from where it is complete.
      const label = chat.fanName ?? chat.fanUsername ?? chat.externalId
      const message = (error as Error).message
      run.failedChats.push({ chat: chat.externalId, label, error: message })
      run.tracker.chatFailed(chat.externalId, message)
    }
  }
}
