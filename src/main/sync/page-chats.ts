// Paging the planned chats one after another into the catalog, handing every item that needs a
// file to the downloads as it is read. A chat the provider will not serve (a 404, an answer of the
// wrong shape, runaway paging) fails alone: it is recorded and the next chat is read (issue 17.8).
// What concerns every chat ends the run: the key refused, a full disk, a provider that stays down
// or rate-limits past what a sync waits, a cancel.
import { AuthError, isProviderError } from '../providers/errors'
import { readChat, type ChatTarget } from './chat-pass'
import { CreditCapReached } from './credit-budget'
import type { WorkItem } from './ingest'
import type { RunState } from './run-state'

/** What the run's passes marked deleted upstream (kept in the archive). */
export interface DeletedUpstream {
  messages: number
  media: number
}

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
  seenMedia: ReadonlySet<number>,
): Promise<DeletedUpstream> {
  const { request, tracker } = run
  const deleted: DeletedUpstream = { messages: 0, media: 0 }
  for (const target of targets) {
    if (run.stopping || run.capped) break
    const { chat } = target
    try {
      const pass = await readChat(run.catalog, run.adapter, run.ctx, target, {
        mode: request.mode ?? 'conversations',
        full: request.full === true,
        ...(request.type && { type: request.type }),
        seenMedia,
        call: run.call,
        signal: run.signal,
        onItems: (items) => items.forEach(enqueue),
        onProblems: (lines) => run.problems.add(lines),
        onMessages: (seen, added) => {
          tracker.counters.messagesSeen += seen
          tracker.counters.messagesNew += added
        },
      })
      deleted.messages += pass.deletedMessages
      deleted.media += pass.deletedMedia
    } catch (error) {
      // The cap refused a page: the chat's marks stay, so the next sync goes on from there.
      if (error instanceof CreditCapReached) break
      if (run.stopping || !isLocalFailure(error)) throw error
      // Its marks stay as they were, so the next sync pages it again from where it is complete.
      const label = chat.fanName ?? chat.fanUsername ?? chat.externalId
      const message = (error as Error).message
      run.failedChats.push({ chat: chat.externalId, label, error: message })
      tracker.chatFailed(chat.externalId, message)
    }
  }
  return deleted
}
