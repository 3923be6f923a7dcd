// The end of a run: what the catalog now says of the synced chats, how the run ended (as flags,
// not an exit code: the CLI and the app decide what those mean), the last progress event, and
// the run's sync_runs row for the history.
import { DiskFullError } from '../download/errors'
import { AuthError } from '../providers/errors'
import { bestEffort } from './disk-full'
import type { Deferred } from './download-runner'
import type { DeletedUpstream } from './page-chats'
import type { RunState } from './run-state'
import type { SyncOutcome, SyncSummary } from './types'

export interface RunTotals {
  readonly chatIds: readonly number[]
  readonly unchangedChats: number
  readonly urlRefreshes: number
  readonly becameReady: number
  readonly deferred: Deferred
  readonly deleted: DeletedUpstream
}

function outcomeOf(run: RunState, error: Error | null, incomplete: number): SyncOutcome {
  // A full disk also aborts the downloads, but it is a failure, not the user's cancel.
  const cancelled = run.cancelled && !(error instanceof DiskFullError)
  const creditCapReached = run.capped !== null
  return {
    cancelled,
    keyRefused: error instanceof AuthError,
    creditCapReached,
    complete: error === null && !creditCapReached && incomplete === 0,
  }
}

export function summarise(run: RunState, totals: RunTotals, emit: () => void): SyncSummary {
  const { catalog, tracker } = run
  const counts = catalog.syncWork.statusCountsForChats(totals.chatIds)
  Object.assign(tracker.counters, {
    locked: counts.locked ?? 0,
    drm: counts.drm ?? 0,
    notReady: counts.not_ready ?? 0,
    failed: counts.failed ?? 0,
  })
  const pending = counts.pending ?? 0
  const error = run.fatal
  const { failed, notReady } = tracker.counters
  const outcome = outcomeOf(
    run,
    error,
    failed + notReady + pending + run.problems.count + run.failedChats.length,
  )
  tracker.phase = outcome.cancelled ? 'cancelled' : error ? 'failed' : 'done'
  // The cap's message says where the run stopped and how to go on; it is not a failure.
  tracker.error = error ? error.message : (run.capped?.message ?? null)
  emit()
  // On a full disk these last writes may fail too; the run row then stays "running" and is marked
  // interrupted at the next start, which is the truth.
  bestEffort(
    () =>
      catalog.transaction(() => {
        catalog.syncRuns.finish(run.runId, {
          ...tracker.asCounters(),
          status: outcome.cancelled ? 'cancelled' : error ? 'failed' : 'done',
          error: tracker.error,
          pending,
          failedChats: run.failedChats,
        })
        if (!error && !outcome.creditCapReached) catalog.accounts.markSynced(run.accountId)
      }),
    () => undefined,
  )
  return {
    runId: run.runId,
    provider: run.request.provider,
    account: run.request.account,
    chats: totals.chatIds.length,
    unchangedChats: totals.unchangedChats,
    ...tracker.counters,
    pending,
    messagesDeletedUpstream: totals.deleted.messages,
    mediaDeletedUpstream: totals.deleted.media,
    urlRefreshes: totals.urlRefreshes,
    becameReady: totals.becameReady,
    deferred: totals.deferred.count,
    retryAt: totals.deferred.firstDueAt === null ? null : new Date(totals.deferred.firstDueAt).toISOString(),
    error: tracker.error,
    problems: run.problems.lines(),
    failedChats: [...run.failedChats],
    outcome,
  }
}
