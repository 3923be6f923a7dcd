// One sync of one account: list chats, page each one (whole conversations, or only its media)
// newest first into the catalog, and download every file through the queue, within the run's
// credit cap. Jobs are rows, so a killed or capped sync resumes where it was.
import type { ProviderId, SyncProgress, VideoQuality } from '../../shared/domain'
import type { ArchiveMode } from '../../shared/vocabulary'
import type { Catalog } from '../catalog/catalog'
import { DiskFullError, DownloadCancelled } from '../download/errors'
import { DownloadQueue } from '../download/queue'
import type { PaceLimits } from '../download/pace'
import { defaultRetryPolicy, type RetryPolicy } from '../download/retry-policy'
import { AuthError } from '../providers/errors'
import type { AdapterContext, ListMediaOptions, ProviderAdapter } from '../providers/types'
import type { FileStore } from '../store/file-store'
import { beginAccountSession } from './account-session'
import { withApiRetry, type ApiRetryOptions } from './api-retry'
import { syncChat, type ChatTarget } from './chat-pass'
import { CreditBudget, CreditCapReached } from './credit-budget'
import { asDiskFull, bestEffort } from './disk-full'
import { CatalogCommitBatcher } from './download-job'
import { DownloadRunner } from './download-runner'
import type { WorkItem } from './ingest'
import { resumeLeftovers } from './leftovers'
import { listAllChats } from './listing'
import { ProblemList } from './problem-list'
import { ProgressTracker } from './progress-tracker'
import { RefreshBatcher } from './refresh-batcher'

export interface SyncRequest {
  readonly provider: ProviderId
  readonly account: string
  readonly connectionId?: string
  /** Provider chat ids; empty means every chat. */
  readonly chats?: readonly string[]
  readonly type?: ListMediaOptions['type']
  readonly full?: boolean
  /** Connections at once for the sync, and the most any one host gets (hosts adapt below it). */
  readonly concurrency?: number
  readonly quality?: VideoQuality
  /** Whole conversations (the default) or only the messages that carry media (`--media-only`). */
  readonly mode?: ArchiveMode
  /** Stop before spending more than this many credits (`--max-credits`); absent: no cap. */
  readonly maxCredits?: number | null
}

export interface SyncDeps {
  readonly catalog: Catalog
  readonly store: FileStore
  readonly adapter: ProviderAdapter
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: SyncProgress) => void
  /** Called once the run has its sync_runs row, before any request is made. */
  readonly onStart?: (runId: number) => void
  readonly retryPolicy?: RetryPolicy
  readonly apiRetry?: Omit<ApiRetryOptions, 'signal'>
  /**
   * How this process is named to another one refused while this sync holds the account's lock:
   * "chatkeep sync", "the Chatkeep app". Default "Chatkeep".
   */
  readonly command?: string
  /** How slow a download may be before it is left for later (download/pace.ts); tests shorten it. */
  readonly downloadPace?: PaceLimits
}

export interface SyncSummary {
  readonly runId: number
  readonly provider: ProviderId
  readonly account: string
  readonly chats: number
  /** Chats not read because their newest message was the one the last sync saw. Not a --json key. */
  readonly unchangedChats: number
  readonly requests: number
  readonly credits: number
  readonly mediaSeen: number
  readonly downloaded: number
  readonly alreadyHad: number
  readonly bytes: number
  readonly locked: number
  readonly drm: number
  readonly notReady: number
  readonly failed: number
  readonly pending: number
  /** Messages read from the provider's pages, and those new to the archive. */
  readonly messagesSeen: number
  readonly messagesNew: number
  /** Marked deleted upstream by this run's full passes (kept in the archive). */
  readonly messagesDeletedUpstream: number
  readonly mediaDeletedUpstream: number
  /** The run stopped at its credit cap (`error` says where); everything left is resumable. */
  readonly creditCapReached: boolean
  /** Media whose URLs were asked for again (expired signatures, leftovers from an earlier run). */
  readonly urlRefreshes: number
  /** Files left for a later attempt (a host asked for a long wait, or was too slow). */
  readonly deferred: number
  /** When the first of them is due (ISO 8601), or null: the next sync takes them from then. */
  readonly retryAt: string | null
  readonly error: string | null
  /**
   * Items the provider sent that could not be read or resolved, one line each naming the provider
   * and the field path (catalogued as failed, or left out when they had no id). Capped.
   */
  readonly problems: readonly string[]
  /** 0 complete, 1 something failed, is not ready or was interrupted, 3 the key or permission was refused. */
  readonly exitCode: 0 | 1 | 3
}

/**
 * Syncs one account while holding its lock (account-session.ts): throws AccountBusyError, before
 * touching anything, when another process is syncing it.
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
  const ctx: AdapterContext = {
    account: request.account,
    ...(request.connectionId && { connectionId: request.connectionId }),
  }
  const runId = catalog.syncRuns.start(account.id, request.full === true)
  const budget = new CreditBudget(request.maxCredits ?? null, () => adapter.usage.credits)
  adapter.meter(budget.beforeRequest)
  deps.onStart?.(runId)
  const tracker = new ProgressTracker(runId, request.provider, request.account)
  const controller = new AbortController()
  const abort = (): void => controller.abort(deps.signal?.reason ?? new DownloadCancelled('Sync cancelled.'))
  deps.signal?.addEventListener('abort', abort, { once: true })
  const signal = controller.signal
  const call = <T>(fn: () => Promise<T>): Promise<T> => withApiRetry(fn, { ...deps.apiRetry, signal })
  const retryPolicy = deps.retryPolicy ?? defaultRetryPolicy
  const queue = new DownloadQueue({
    concurrency: request.concurrency ?? 8,
    maxHostPauseMs: retryPolicy.maxWaitMs,
  })
  signal.addEventListener('abort', () => queue.cancel(), { once: true })
  const refresher = new RefreshBatcher(adapter, ctx, { call })
  const jobDeps = {
    commits: new CatalogCommitBatcher(catalog),
    store: deps.store,
    adapter,
    ctx,
    refresher,
    quality: request.quality ?? 'source',
    ...(deps.downloadPace && { pace: deps.downloadPace }),
  }
  const seenMedia = new Set<number>()
  const problems = new ProblemList()
  let fatal: Error | null = null

  const emit = (): void => {
    tracker.counters.requests = adapter.usage.requests
    tracker.counters.credits = budget.spent
    const rate = queue.progress()
    deps.onProgress?.(tracker.snapshot({ bytesPerSecond: rate.bytesPerSecond, etaSeconds: rate.etaSeconds }))
  }
  const ticker = setInterval(emit, 250)

  const fail = (error: Error): void => {
    if (!fatal) fatal = error
    queue.cancel()
  }
  const downloads = new DownloadRunner({
    catalog,
    queue,
    job: jobDeps,
    tracker,
    policy: retryPolicy,
    signal,
    fail,
    stopping: () => fatal !== null,
    budget,
  })

  // A request the credit cap refused ends the listing cleanly (budget.reached remembers it) and
  // lets the downloads already queued, which fit under the cap, finish; anything else is fatal.
  const stopAtCap =
    <T>(fallback: T) =>
    (error: unknown): T => {
      if (error instanceof CreditCapReached) return fallback
      throw error
    }

  const enqueue = (item: WorkItem): void => {
    if (!seenMedia.has(item.mediaRowId)) {
      seenMedia.add(item.mediaRowId)
      tracker.counters.mediaSeen++
      if (item.previousStatus === 'downloaded' && item.status === 'downloaded') tracker.counters.alreadyHad++
    }
    downloads.enqueue(item)
  }

  let chatIds: number[] = []
  let unchangedChats = 0
  const deleted = { messages: 0, media: 0 }
  try {
    // Chats named with --chat are not listed, so their newest message id is not known.
    const targets: readonly ChatTarget[] = request.chats?.length
      ? request.chats.map((id) => ({
          chat:
            catalog.chats.get(account.id, id) ??
            catalog.chats.upsert(account.id, {
              externalId: id,
              fanId: null,
              fanUsername: null,
              fanName: null,
              lastMessageAt: null,
              raw: null,
            }),
          lastMessageId: null,
        }))
      : await listAllChats(adapter, ctx, call, catalog.chats.listByAccount(account.id).length)
          .then((list) => {
            problems.add(list.problems)
            return list.chats.map((listed) => ({
              chat: catalog.chats.upsert(account.id, { ...listed, externalId: listed.id }),
              lastMessageId: listed.lastMessageId,
            }))
          })
          .catch(stopAtCap([]))
    chatIds = targets.map((t) => t.chat.id)
    for (const { chat } of targets)
      tracker.chat(chat.externalId, chat.fanName ?? chat.fanUsername ?? chat.externalId)
    const lockedChats = catalog.chats.withLockedMedia(account.id)
    for (const target of targets) {
      if (fatal || budget.reached) break
      const pass = await syncChat(catalog, adapter, ctx, target, {
        mode: request.mode ?? 'conversations',
        full: request.full === true,
        ...(request.type && { type: request.type }),
        lockedChats,
        seenMedia,
        call,
        signal,
        onItems: (items) => items.forEach(enqueue),
        onProblems: (lines) => problems.add(lines),
        onMessages: (seen, added) => {
          tracker.counters.messagesSeen += seen
          tracker.counters.messagesNew += added
        },
      }).catch(stopAtCap(null))
      if (pass?.skipped) {
        tracker.unchanged(target.chat.externalId)
        unchangedChats++
      }
      deleted.messages += pass?.deletedMessages ?? 0
      deleted.media += pass?.deletedMedia ?? 0
    }
    if (!fatal && !budget.reached)
      await resumeLeftovers({
        catalog,
        accountId: account.id,
        chatIds,
        seen: seenMedia,
        refresher,
        enqueue,
      }).catch(stopAtCap(undefined))
    tracker.phase = 'downloading'
    await downloads.drain().catch((error: unknown) => {
      if (error instanceof Error && !(error instanceof DownloadCancelled)) fail(error)
    })
    if (fatal) throw fatal
    signal.throwIfAborted()
  } catch (error) {
    const mapped = asDiskFull(error)
    if (!fatal) fatal = mapped instanceof Error ? mapped : new Error(String(mapped))
    queue.cancel()
    await queue.onIdle().catch(() => undefined)
  } finally {
    downloads.close()
    clearInterval(ticker)
    deps.signal?.removeEventListener('abort', abort)
    adapter.meter(null)
  }

  const counts = catalog.syncWork.statusCountsForChats(chatIds)
  Object.assign(tracker.counters, {
    locked: counts.locked ?? 0,
    drm: counts.drm ?? 0,
    notReady: counts.not_ready ?? 0,
    failed: counts.failed ?? 0,
  })
  const pending = counts.pending ?? 0
  const waiting = downloads.deferred()
  const error = fatal as Error | null
  const capReached = budget.reached
  tracker.phase = error
    ? signal.aborted && !(error instanceof DiskFullError)
      ? 'cancelled'
      : 'failed'
    : 'done'
  tracker.error = error ? error.message : (capReached?.message ?? null)
  emit()
  const exitCode: 0 | 1 | 3 =
    error instanceof AuthError
      ? 3
      : error || tracker.counters.failed + tracker.counters.notReady + pending + problems.count > 0
        ? 1
        : 0
  // On a full disk these last writes may fail too; the run row then stays "running" and is marked
  // interrupted at the next start, which is the truth.
  bestEffort(
    () => {
      const status = error ? (tracker.phase === 'cancelled' ? 'cancelled' : 'failed') : 'done'
      catalog.syncRuns.update(runId, tracker.asCounters(), status, tracker.error)
      if (!error && !capReached) catalog.accounts.markSynced(account.id)
    },
    () => undefined,
  )
  return {
    runId,
    provider: request.provider,
    account: request.account,
    chats: chatIds.length,
    unchangedChats,
    ...tracker.counters,
    pending,
    messagesDeletedUpstream: deleted.messages,
    mediaDeletedUpstream: deleted.media,
    creditCapReached: capReached !== null,
    urlRefreshes: refresher.refreshed,
    deferred: waiting.count,
    retryAt: waiting.firstDueAt === null ? null : new Date(waiting.firstDueAt).toISOString(),
    error: tracker.error,
    problems: problems.lines(),
    exitCode,
  }
}
