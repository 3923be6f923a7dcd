// The downloads of one sync: starts each open job of the items the listing hands over, records
// every failed attempt on the job's row under the one retry policy (download/retry-policy.ts), and
// starts the job again when it is due: soon (a timer the sync waits for) or later (stored; picked up
// if this sync still runs then, else by a later sync). The queue (download/queue.ts) decides when
// a started download gets a connection.
import type { Catalog } from '../catalog/catalog'
import { DiskFullError, DownloadCancelled, hostOf } from '../download/errors'
import type { DownloadQueue } from '../download/queue'
import { decideRetry, type RandomSource, type RetryPolicy } from '../download/retry-policy'
import { AuthError } from '../providers/errors'
import { CreditCapReached, downloadCredits, type CreditBudget } from './credit-budget'
import { asDiskFull, bestEffort } from './disk-full'
import { runDownloadJob, type DownloadJobDeps, type DownloadJobInput } from './download-job'
import type { WorkItem } from './ingest'
import { expectedSize } from './media-plan'
import type { ProgressTracker } from './progress-tracker'

export interface DownloadRunnerDeps {
  readonly catalog: Catalog
  readonly queue: DownloadQueue
  readonly job: DownloadJobDeps
  readonly tracker: ProgressTracker
  readonly policy: RetryPolicy
  readonly signal: AbortSignal
  /** Ends the whole sync (a full disk, a refused key). */
  readonly fail: (error: Error) => void
  /** True once the sync is ending for another reason: failures then leave jobs pending as they are. */
  readonly stopping: () => boolean
  readonly random?: RandomSource
  readonly now?: () => number
  /**
   * The run's credit cap: a paid download reserves its price when it starts, so what is queued
   * always fits; one that does not fit stays pending for the next sync. Absent: no cap.
   */
  readonly budget?: Pick<CreditBudget, 'reserveDownload' | 'settleDownload'>
}

/** Jobs left for a later attempt when the sync ended, and when the first of them is due. */
export interface Deferred {
  readonly count: number
  /** Epoch ms; null when none is waiting. */
  readonly firstDueAt: number | null
}

interface Waiting {
  readonly timer: NodeJS.Timeout
  readonly dueAt: number
  /** The sync waits for it before it ends (a short wait); otherwise it is only taken if still running. */
  readonly soon: boolean
}

export class DownloadRunner {
  private readonly deps: DownloadRunnerDeps
  private readonly now: () => number
  /** Jobs this sync has taken on, so an item listed twice (two chats) is downloaded once. */
  private readonly taken = new Set<number>()
  private readonly attempts = new Map<number, number>()
  private readonly waiting = new Map<number, Waiting>()
  private wake: (() => void) | null = null
  private closed = false

  constructor(deps: DownloadRunnerDeps) {
    this.deps = deps
    this.now = deps.now ?? Date.now
    deps.signal.addEventListener('abort', () => this.close(), { once: true })
  }

  /** Takes on the open jobs of one listed item: started now, or when their row says they are due. */
  enqueue(item: WorkItem): void {
    for (const job of item.jobs) {
      if ((job.status !== 'pending' && job.status !== 'running') || this.taken.has(job.id)) continue
      this.taken.add(job.id)
      this.attempts.set(job.id, job.attempts)
      const size = expectedSize(item.media, job.kind)
      const input: DownloadJobInput = {
        jobId: job.id,
        mediaRowId: item.mediaRowId,
        kind: job.kind,
        chatExternalId: item.chatExternalId,
        expectedSize: size,
        media: item.media,
      }
      const dueAt = job.retryAfter ?? 0
      const now = this.now()
      if (dueAt <= now) this.start(input, true)
      // Left by an earlier sync: waited for if it is due within what a sync waits, else reported.
      else this.startAt(input, dueAt, dueAt - now <= this.deps.policy.maxWaitMs, true)
    }
  }

  /**
   * Resolves once every started download has ended and no short retry is waiting; rejects with a
   * DiskFullError if that stopped the queue. Jobs left for later stay on their rows.
   */
  async drain(): Promise<void> {
    for (;;) {
      await this.deps.queue.onIdle()
      if (this.closed || this.deps.stopping() || ![...this.waiting.values()].some((w) => w.soon)) return
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }

  /** Stops the timers; what is waiting stays on its row for the next sync. */
  close(): void {
    this.closed = true
    for (const waiting of this.waiting.values()) clearTimeout(waiting.timer)
    this.wake?.()
  }

  deferred(): Deferred {
    const due = [...this.waiting.values()].map((w) => w.dueAt)
    return { count: due.length, firstDueAt: due.length ? Math.min(...due) : null }
  }

  /** `counting`: whether the job enters the progress's totals when it starts (see `start`). */
  private startAt(input: DownloadJobInput, dueAt: number, soon: boolean, counting: boolean): void {
    if (this.closed) return
    const timer = setTimeout(
      () => {
        this.waiting.delete(input.jobId)
        if (this.closed) return
        this.start(input, counting)
        this.wake?.()
      },
      Math.max(0, dueAt - this.now()),
    )
    // A wait the sync does not hold out for must not hold the process open either.
    if (!soon) timer.unref()
    this.waiting.set(input.jobId, { timer, dueAt, soon })
  }

  /**
   * `counting`: the job enters the progress's totals: its first start, or a start after it was
   * left for later (which counted it as ended); not a short retry, which never left them.
   */
  private start(input: DownloadJobInput, counting: boolean): void {
    const { queue, tracker, budget } = this.deps
    const first = this.deps.job.adapter.resolveDownload(
      this.deps.job.ctx,
      input.media,
      input.kind,
      this.deps.job.quality,
    )
    const price = downloadCredits(first, input.expectedSize)
    // Past the cap: the job row stays as it is (pending, or due later) for the next sync.
    if (budget && !budget.reserveDownload(price)) return
    if (counting) {
      tracker.expect(input.chatExternalId, input.expectedSize)
      if (input.expectedSize) queue.expectBytes(input.expectedSize)
    }
    let started = false
    queue
      .add({
        host: first ? hostOf(first.url) : 'unknown',
        run: (task) => {
          started = true
          return runDownloadJob(this.deps.job, input, task)
        },
      })
      .then(
        (result) => {
          budget?.settleDownload(price, downloadCredits(first, result.bytes))
          tracker.counters.bytes += result.bytes
          if (input.kind === 'full') tracker.counters.downloaded++
          tracker.finished(input.chatExternalId, result.bytes, true)
        },
        (error: unknown) => {
          // One that started may have been charged for; one that never started was not.
          budget?.settleDownload(price, started ? price : 0)
          this.failed(input, error)
        },
      )
  }

  private failed(input: DownloadJobInput, error: unknown): void {
    const { catalog, tracker, fail } = this.deps
    const mapped = asDiskFull(error)
    const err = mapped instanceof Error ? mapped : new Error(String(mapped))
    if (err instanceof DiskFullError || err instanceof AuthError) {
      tracker.finished(input.chatExternalId, 0, false)
      return fail(err)
    }
    // Cancelled, interrupted or out of credits (a URL refresh was refused at the cap): the job
    // stays pending (its attempt not counted) for the next sync.
    if (
      err instanceof DownloadCancelled ||
      err instanceof CreditCapReached ||
      this.deps.signal.aborted ||
      this.deps.stopping()
    ) {
      tracker.finished(input.chatExternalId, 0, false)
      bestEffort(() => catalog.jobs.setStatus(input.jobId, 'pending'), fail)
      return
    }
    const attempt = (this.attempts.get(input.jobId) ?? 0) + 1
    this.attempts.set(input.jobId, attempt)
    const decision = decideRetry(err, attempt, this.deps.policy, this.deps.random ?? Math.random)
    if (decision.action === 'retry' || decision.action === 'defer') {
      const dueAt = this.now() + decision.delayMs
      bestEffort(() => catalog.jobs.recordFailure(input.jobId, err.message, dueAt), fail)
      const soon = decision.action === 'retry'
      if (!soon) tracker.finished(input.chatExternalId, 0, false)
      return this.startAt(input, dueAt, soon, !soon)
    }
    tracker.finished(input.chatExternalId, 0, false)
    bestEffort(
      () =>
        catalog.transaction(() => {
          catalog.jobs.recordFailure(input.jobId, err.message, null)
          if (input.kind === 'full') catalog.media.setStatus(input.mediaRowId, 'failed')
        }),
      fail,
    )
  }
}
