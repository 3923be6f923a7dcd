// One sync of one account, in four parts: plan the chats (plan-chats.ts), page them into the
// catalog (page-chats.ts: whole conversations, or only their media), download every file they need (download-runner.ts, with items still
// transcoding polled meanwhile: transcode-poll.ts), and summarise (summarise.ts). Jobs are rows,
// so a killed, cancelled or capped (--max-credits, run-state.ts) sync resumes where it was. The sync service (service.ts) owns runs;
// this function is one run, inside the account's session (account-session.ts): its cross-process
// lock, dead runs marked interrupted, stale temp files removed.
import { DownloadCancelled } from '../download/errors'
import { DownloadQueue } from '../download/queue'
import { defaultRetryPolicy } from '../download/retry-policy'
import { beginAccountSession } from './account-session'
import { CreditCapReached } from './credit-budget'
import { CatalogCommitBatcher } from './download-job'
import { DownloadRunner } from './download-runner'
import type { WorkItem } from './ingest'
import { resumeLeftovers } from './leftovers'
import { pageChats, type DeletedUpstream } from './page-chats'
import { planChats, type ChatPlan } from './plan-chats'
import { RefreshBatcher } from './refresh-batcher'
import { RunState } from './run-state'
import { summarise } from './summarise'
import { TranscodePoller } from './transcode-poll'
import type { SyncDeps, SyncRequest, SyncSummary } from './types'

export type { SyncDeps, SyncOutcome, SyncRequest, SyncSummary } from './types'

/** How often a running sync reports its numbers (progress bars, the app's panel). */
const progressEveryMs = 250

/**
 * Syncs one account while holding its lock (account-session.ts): throws AccountBusyError, before
 * touching anything, when another process (or another sync service in this one) is syncing it.
 */
export async function runSync(request: SyncRequest, deps: SyncDeps): Promise<SyncSummary> {
  const session = await beginAccountSession({
    catalog: deps.catalog,
    store: deps.store,
    provider: request.provider,
    account: request.account,
    command: deps.command ?? 'Chatkeep',
  })
  try {
    return await syncAccount(request, { ...deps, store: session.store })
  } finally {
    await session.end()
  }
}

async function syncAccount(request: SyncRequest, deps: SyncDeps): Promise<SyncSummary> {
  const { catalog, adapter } = deps
  const account = catalog.accounts.upsert(request.provider, request.account, {
    ...(request.connectionId && { connectionId: request.connectionId }),
  })
  const runId = catalog.syncRuns.start(account.id, request.full === true, deps.trigger ?? null)
  deps.onStart?.(runId)
  const run = new RunState(runId, account.id, request, deps)
  const refresher = new RefreshBatcher(adapter, run.ctx, { call: run.call })
  const policy = deps.retryPolicy ?? defaultRetryPolicy
  const queue = new DownloadQueue({
    concurrency: request.concurrency ?? 8,
    ...(request.perHostConcurrency && { perHostConcurrency: request.perHostConcurrency }),
    maxHostPauseMs: policy.maxWaitMs,
  })
  const downloads = new DownloadRunner({
    catalog,
    queue,
    job: {
      commits: new CatalogCommitBatcher(catalog),
      store: deps.store,
      adapter,
      ctx: run.ctx,
      refresher,
      quality: request.quality ?? 'source',
      ...(deps.downloadPace && { pace: deps.downloadPace }),
    },
    tracker: run.tracker,
    policy,
    signal: run.signal,
    fail: (error) => run.fail(error),
    stopping: () => run.stopping,
    budget: run.budget,
  })
  // Any end (cancel, a full disk, a refused key) aborts running downloads; partial files stay.
  run.onStop(() => queue.cancel())
  const stopPauses = run.gate.onChange((paused) => (paused ? queue.pause() : queue.resume()))
  if (run.gate.paused) queue.pause()
  const seen = new Set<number>()
  const enqueue = (item: WorkItem): void => {
    if (!seen.has(item.mediaRowId)) {
      seen.add(item.mediaRowId)
      run.tracker.counters.mediaSeen++
      if (item.previousStatus === 'downloaded' && item.status === 'downloaded')
        run.tracker.counters.alreadyHad++
    }
    poller.watch(item)
    downloads.enqueue(item)
  }
  const poller = new TranscodePoller(run, enqueue, deps.transcodePollsMs)

  const emit = (): void => {
    run.tracker.counters.requests = adapter.usage.requests
    run.tracker.counters.credits = run.budget.spent
    const rate = queue.progress()
    deps.onProgress?.(
      run.tracker.snapshot({ bytesPerSecond: rate.bytesPerSecond, etaSeconds: rate.etaSeconds }),
    )
  }
  const ticker = setInterval(emit, progressEveryMs)

  let plan: ChatPlan = { chatIds: [], toRead: [], unchanged: 0 }
  let deleted: DeletedUpstream = { messages: 0, media: 0 }
  try {
    plan = await planChats(run)
    deleted = await pageChats(run, plan.toRead, enqueue, seen)
    // Work earlier syncs left in these chats, whatever happened to one chat in this one.
    if (!run.stopping && !run.capped)
      await resumeLeftovers({
        catalog,
        accountId: account.id,
        chatIds: plan.chatIds,
        seen,
        refresher,
        enqueue,
      }).catch((error: unknown) => {
        // Refused at the cap: what was not resumed stays pending for the next sync.
        if (!(error instanceof CreditCapReached)) throw error
      })
    run.tracker.phase = 'downloading'
    poller.start()
    await Promise.all([downloads.drain(), poller.drain()]).catch((error: unknown) => {
      if (!(error instanceof DownloadCancelled)) run.fail(error)
    })
    // Downloads that a poll made ready started after the first drain.
    await downloads.drain().catch((error: unknown) => run.fail(error))
    run.throwIfStopped()
  } catch (error) {
    run.fail(error)
  } finally {
    poller.close()
    queue.cancel()
    await queue.onIdle().catch(() => undefined)
    downloads.close()
    clearInterval(ticker)
    stopPauses()
    run.close()
  }
  return summarise(
    run,
    {
      chatIds: plan.chatIds,
      unchangedChats: plan.unchanged,
      urlRefreshes: refresher.refreshed,
      becameReady: poller.becameReady,
      deferred: downloads.deferred(),
      deleted,
    },
    emit,
  )
}
