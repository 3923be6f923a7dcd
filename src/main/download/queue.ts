// The download queue: a global concurrency cap, a per-host cap so one CDN host is not hammered,
// in-memory retries with backoff that hold no slot while waiting, and a hard stop on a full disk.
import PQueue from 'p-queue'
import { abortableSleep } from '../abortable-sleep'
import { DiskFullError, DownloadCancelled } from './errors'
import {
  emptyProgress,
  progressSnapshot,
  recordBytes,
  type ProgressSnapshot,
  type ProgressState,
} from './progress'
import { decideRetry, type RandomSource, type RetryPolicy } from './retry-policy'

export interface TaskContext {
  /** Aborts when the queue is cancelled or stopped; pass it to fetchToFile. */
  readonly signal: AbortSignal
  /** 1 for the first try. */
  readonly attempt: number
  /** Bytes just received, for the run's progress. */
  readonly reportBytes: (bytes: number) => void
  /**
   * Says the network part is over: what is left (fsyncs, the store's commit, the catalog row) need
   * not hold a connection slot, so the next download can start while this one waits for the disk.
   * The task's promise still settles only when it ends. A no-op once too many tasks are in that
   * state (the disk is slower than the network), so waiting work stays bounded.
   */
  readonly releaseSlot: () => void
}

export interface DownloadTask<T> {
  /** `new URL(url).host` of the first request; tasks of one host share its cap. */
  readonly host: string
  readonly run: (context: TaskContext) => Promise<T>
}

export interface DownloadQueueOptions {
  readonly concurrency?: number
  readonly perHostConcurrency?: number
  /** Null: a failure is handed straight back to the caller (it keeps retry state in job rows). */
  readonly retryPolicy?: RetryPolicy | null
  readonly random?: RandomSource
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  readonly now?: () => number
}

function noop(): void {}

export class DownloadQueue {
  private readonly global: PQueue
  private readonly hosts = new Map<string, PQueue>()
  private readonly perHost: number
  private readonly controller = new AbortController()
  private readonly settled = new Set<Promise<unknown>>()
  private readonly options: DownloadQueueOptions
  private readonly maxReleased: number
  /** Tasks that gave their slot back and are finishing on disk. */
  private released = 0
  private progressState: ProgressState = emptyProgress
  private expectedTotal: number | null = null
  private stopReason: Error | null = null

  constructor(options: DownloadQueueOptions = {}) {
    this.options = options
    const concurrency = options.concurrency ?? 8
    this.global = new PQueue({ concurrency })
    this.perHost = options.perHostConcurrency ?? 4
    this.maxReleased = concurrency * 4
  }

  /** Why the queue stopped: a DiskFullError, or a DownloadCancelled after `cancel()`. */
  get error(): Error | null {
    return this.stopReason instanceof DiskFullError ? this.stopReason : null
  }

  get stopped(): boolean {
    return this.stopReason !== null
  }

  /** Running and waiting tasks. */
  get size(): number {
    return this.settled.size
  }

  add<T>(task: DownloadTask<T>): Promise<T> {
    if (this.stopReason) return Promise.reject(this.stopReason)
    const result = this.runWithRetries(task)
    const tracked = result.then(
      () => undefined,
      () => undefined,
    )
    this.settled.add(tracked)
    void tracked.then(() => this.settled.delete(tracked))
    return result
  }

  /** Resolves once nothing is running or waiting; rejects with the DiskFullError if that stopped the queue. */
  async onIdle(): Promise<void> {
    while (this.settled.size > 0) await Promise.all([...this.settled])
    const error = this.error
    if (error) throw error
  }

  /** Stops everything: waiting tasks reject with DownloadCancelled, running downloads are aborted. */
  cancel(): void {
    this.stop(new DownloadCancelled('Downloads were cancelled; partial files are kept for the next sync.'))
  }

  /**
   * No new download starts until `resume()`; those already running go on to their end (a paused
   * sync keeps what is half-way rather than throwing it away). Backing-off retries wait here too.
   */
  pause(): void {
    if (!this.stopReason) this.global.pause()
  }

  resume(): void {
    if (!this.stopReason) this.global.start()
  }

  get paused(): boolean {
    return this.global.isPaused
  }

  /** Adds to the bytes the run expects, for the ETA. */
  expectBytes(bytes: number): void {
    this.expectedTotal = (this.expectedTotal ?? 0) + bytes
  }

  progress(): ProgressSnapshot {
    return progressSnapshot(this.progressState, this.now(), this.expectedTotal)
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  private stop(reason: Error): void {
    if (this.stopReason) return
    this.stopReason = reason
    this.global.pause()
    this.controller.abort(
      reason instanceof DownloadCancelled
        ? reason
        : new DownloadCancelled(`Downloads stopped: ${reason.message}`, null, { cause: reason }),
    )
  }

  private async runWithRetries<T>(task: DownloadTask<T>): Promise<T> {
    const policy = this.options.retryPolicy ?? null
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.runOnce(task, attempt)
      } catch (error) {
        if (this.stopReason) throw error instanceof DiskFullError ? error : this.controller.signal.reason
        const decision = policy
          ? decideRetry(error, attempt, policy, this.options.random ?? Math.random)
          : null
        if (decision?.action !== 'retry') throw error
        // The wait happens outside both caps, so a backing-off download leaves its slot to others.
        await (this.options.sleep ?? abortableSleep)(decision.delayMs, this.controller.signal)
      }
    }
  }

  private runOnce<T>(task: DownloadTask<T>, attempt: number): Promise<T> {
    const signal = this.controller.signal
    const hostQueue = this.hostQueue(task.host)
    // Resolving this frees the task's host and global slots early; the task itself runs on.
    let freeSlot!: () => void
    const slotFreed = new Promise<void>((resolve) => (freeSlot = resolve))
    let slotReleased = false
    const context: TaskContext = {
      signal,
      attempt,
      reportBytes: (bytes) => {
        this.progressState = recordBytes(this.progressState, bytes, this.now())
      },
      releaseSlot: () => {
        if (slotReleased || this.released >= this.maxReleased) return
        slotReleased = true
        this.released += 1
        freeSlot()
      },
    }
    // Host cap first, then the global cap: a task waiting for its busy host holds no global slot,
    // so other hosts keep downloading.
    let diskFull: DiskFullError | null = null
    let started: Promise<T> | null = null
    const guarded = async (): Promise<T> => {
      try {
        return await task.run(context)
      } catch (error) {
        if (error instanceof DiskFullError) {
          diskFull = error
          // Stop before this slot is released, so no waiting download starts on a full disk.
          this.stop(error)
        }
        throw error
      } finally {
        if (slotReleased) this.released -= 1
      }
    }
    const occupySlot = async (): Promise<void> => {
      started = guarded()
      // The slot is held until the task ends or gives it back; its outcome is read below.
      await Promise.race([started.then(noop, noop), slotFreed])
    }
    const run = hostQueue
      .add(() => this.global.add(occupySlot, { signal }), { signal })
      .then(() => started as Promise<T>)
    return run
      .catch((error: unknown) => {
        // p-queue answers with the abort reason once stop() fired; the task that hit the full
        // disk reports the DiskFullError itself.
        throw diskFull ?? error
      })
      .finally(() => {
        if (hostQueue.size === 0 && hostQueue.pending === 0) this.hosts.delete(task.host)
      })
  }

  private hostQueue(host: string): PQueue {
    let queue = this.hosts.get(host)
    if (!queue) {
      queue = new PQueue({ concurrency: this.perHost })
      this.hosts.set(host, queue)
    }
    return queue
  }
}
