// The download queue: a ceiling on connections for the whole run, a limit per host that adapts
// (host-limits.ts), Retry-After pauses per host, and a hard stop on a full disk. It does not retry:
// a failure goes back to the caller, whose job row owns attempts and retry-after (sync/).
//
// Hand-written rather than p-queue: a host's limit moves with every answer, a host can be paused
// until a time, and a download can move to another host mid-way (a redirect) while keeping its
// place under the run's ceiling; p-queue's fixed concurrency per queue expressed none of that
// without nesting queues and racing promises.
import { DiskFullError, DownloadCancelled, RetryableDownloadError } from './errors'
import { Fifo } from './fifo'
import {
  defaultHostPolicy,
  HostLimit,
  hostSignalOf,
  type HostPolicy,
  type HostSignal,
  type HostStats,
  type HostTicket,
} from './host-limits'
import {
  emptyProgress,
  progressSnapshot,
  recordBytes,
  type ProgressSnapshot,
  type ProgressState,
} from './progress'

export interface TaskContext {
  /** Aborts when the queue is cancelled or stopped; pass it to fetchToFile. */
  readonly signal: AbortSignal
  /** Bytes just received, for the run's progress and the host's throughput. */
  readonly reportBytes: (bytes: number) => void
  /**
   * Says the network part is over: what is left (fsyncs, the store's commit, the catalog row) need
   * not hold a connection slot, so the next download can start while this one waits for the disk.
   * The task's promise still settles only when it ends. A no-op once too many tasks are in that
   * state (the disk is slower than the network), so waiting work stays bounded.
   */
  readonly releaseSlot: () => void
  /**
   * The download was redirected to `host`: its slot there is taken (waiting for the host's limit
   * and pause) and the one on the previous host given back; the run-wide slot is kept.
   */
  readonly switchHost: (host: string) => Promise<void>
}

export interface DownloadTask<T> {
  /** `new URL(url).host` of the first request. */
  readonly host: string
  readonly run: (context: TaskContext) => Promise<T>
}

export interface DownloadQueueOptions {
  /** Connections open at once for the whole run, and the most any one host gets (the user's N). */
  readonly concurrency?: number
  /** A lower ceiling per host than `concurrency` (tests); the host limit still adapts under it. */
  readonly perHostConcurrency?: number
  readonly hostPolicy?: HostPolicy
  /**
   * A host pause (Retry-After) longer than this is not waited out: the host's waiting downloads
   * fail at once with a RetryableDownloadError carrying the time left, so their job rows store it
   * and the sync goes on with other hosts. The retry policy's `maxWaitMs`; unlimited when absent.
   */
  readonly maxHostPauseMs?: number
  readonly now?: () => number
}

interface Waiter {
  readonly resolve: (ticket: HostTicket) => void
  readonly reject: (error: unknown) => void
}

/**
 * Who waits for one host. Downloads moving there after a redirect go first: they already hold a
 * run-wide slot, and queued behind fresh downloads that need one, they could hold every slot while
 * waiting for each other.
 */
interface HostLine {
  readonly redirected: Fifo<Waiter>
  readonly fresh: Fifo<Waiter>
}

export class DownloadQueue {
  private readonly concurrency: number
  private readonly perHost: number
  private readonly policy: HostPolicy
  private readonly now: () => number
  private readonly hosts = new Map<string, HostLimit>()
  private readonly lines = new Map<string, HostLine>()
  private readonly pauseTimers = new Map<string, NodeJS.Timeout>()
  private readonly controller = new AbortController()
  private readonly settled = new Set<Promise<unknown>>()
  private readonly maxReleased: number
  private readonly maxHostPauseMs: number
  /** Run-wide slots held (connections open, or about to be). */
  private active = 0
  /** Tasks that gave their slot back and are finishing on disk. */
  private released = 0
  private progressState: ProgressState = emptyProgress
  private expectedTotal: number | null = null
  private stopReason: Error | null = null
  /** Paused by the user: no fresh download takes a slot (redirected ones already hold theirs). */
  private held = false

  constructor(options: DownloadQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 8)
    this.perHost = Math.max(1, Math.min(this.concurrency, options.perHostConcurrency ?? this.concurrency))
    this.policy = options.hostPolicy ?? defaultHostPolicy
    this.now = options.now ?? Date.now
    this.maxReleased = this.concurrency * 4
    this.maxHostPauseMs = options.maxHostPauseMs ?? Number.POSITIVE_INFINITY
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
    const result = this.runTask(task)
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
    if (!this.stopReason) this.held = true
  }

  resume(): void {
    if (this.stopReason || !this.held) return
    this.held = false
    this.pump()
  }

  get paused(): boolean {
    return this.held
  }

  /** Adds to the bytes the run expects, for the ETA. */
  expectBytes(bytes: number): void {
    this.expectedTotal = (this.expectedTotal ?? 0) + bytes
  }

  progress(): ProgressSnapshot {
    return progressSnapshot(this.progressState, this.now(), this.expectedTotal)
  }

  /** Each host's limit and history so far (for tests and the benchmark notes). */
  hostStats(): readonly HostStats[] {
    return [...this.hosts.values()].map((h) => h.stats())
  }

  private stop(reason: Error): void {
    if (this.stopReason) return
    this.stopReason = reason
    const cancelled =
      reason instanceof DownloadCancelled
        ? reason
        : new DownloadCancelled(`Downloads stopped: ${reason.message}`, null, { cause: reason })
    this.controller.abort(cancelled)
    for (const line of this.lines.values())
      for (const waiter of [...line.redirected.drain(), ...line.fresh.drain()]) waiter.reject(cancelled)
    for (const timer of this.pauseTimers.values()) clearTimeout(timer)
    this.pauseTimers.clear()
  }

  private hostLimit(host: string): HostLimit {
    let limit = this.hosts.get(host)
    if (!limit) {
      // Kept for the whole run: what a host showed it takes is remembered, not relearnt per burst.
      limit = new HostLimit(host, this.perHost, this.policy, this.now())
      this.hosts.set(host, limit)
    }
    return limit
  }

  /** Waits for a slot on `host` (and a run-wide one unless already held); resolves with its ticket. */
  private acquire(host: string, holdsRunSlot: boolean): Promise<HostTicket> {
    if (this.stopReason) return Promise.reject(this.controller.signal.reason)
    return new Promise<HostTicket>((resolve, reject) => {
      let line = this.lines.get(host)
      if (!line) {
        line = { redirected: new Fifo<Waiter>(), fresh: new Fifo<Waiter>() }
        this.lines.set(host, line)
      }
      ;(holdsRunSlot ? line.redirected : line.fresh).push({ resolve, reject })
      this.pump()
    })
  }

  /** Starts every waiter whose host and the run have room, one per host per pass (fair to hosts). */
  private pump(): void {
    if (this.stopReason) return
    const now = this.now()
    let progressed = true
    while (progressed) {
      progressed = false
      for (const [host, line] of this.lines) {
        if (line.redirected.length === 0 && line.fresh.length === 0) {
          this.lines.delete(host)
          continue
        }
        const limit = this.hostLimit(host)
        if (limit.pausedUntil - now > this.maxHostPauseMs) {
          this.refuseAll(host, line, limit.pausedUntil - now)
          continue
        }
        if (!limit.canStart(now)) {
          if (limit.pausedUntil > now) this.wakeAt(host, limit.pausedUntil)
          continue
        }
        let next = line.redirected.shift()
        if (!next) {
          if (this.held || this.active >= this.concurrency) continue
          next = line.fresh.shift()!
          this.active += 1
        }
        next.resolve(limit.start(now))
        progressed = true
      }
    }
  }

  /** The host asked for a longer pause than a sync waits: everything for it is left for later. */
  private refuseAll(host: string, line: HostLine, leftMs: number): void {
    const error = new RetryableDownloadError(
      `${host} is rate limiting downloads: retry in ${Math.ceil(leftMs / 1000)} s.`,
      429,
      leftMs,
    )
    for (const waiter of [...line.redirected.drain(), ...line.fresh.drain()]) waiter.reject(error)
    this.lines.delete(host)
  }

  private wakeAt(host: string, at: number): void {
    if (this.pauseTimers.has(host)) return
    const timer = setTimeout(
      () => {
        this.pauseTimers.delete(host)
        this.pump()
      },
      Math.max(0, at - this.now()),
    )
    timer.unref?.()
    this.pauseTimers.set(host, timer)
  }

  private async runTask<T>(task: DownloadTask<T>): Promise<T> {
    let host = task.host
    let ticket = await this.acquire(host, false)
    let holdsHost = true
    let holdsRun = true
    let gaveBack = false
    const finishHost = (signal: HostSignal): void => {
      if (!holdsHost) return
      holdsHost = false
      this.hostLimit(host).finish(this.now(), ticket, signal)
    }
    const freeRunSlot = (): void => {
      if (!holdsRun) return
      holdsRun = false
      this.active -= 1
    }
    const context: TaskContext = {
      signal: this.controller.signal,
      reportBytes: (bytes) => {
        this.progressState = recordBytes(this.progressState, bytes, this.now())
        if (holdsHost) this.hostLimit(host).addBytes(bytes, this.now())
      },
      releaseSlot: () => {
        if (!holdsRun || this.released >= this.maxReleased) return
        gaveBack = true
        this.released += 1
        finishHost({ kind: 'ok' })
        freeRunSlot()
        this.pump()
      },
      switchHost: async (next) => {
        if (!holdsRun || next === host) return
        // The redirect answered: the first host did its part. Its slot goes before the wait, so a
        // busy CDN host never holds a slot on the host that redirected to it.
        finishHost({ kind: 'ok' })
        this.pump()
        host = next
        ticket = await this.acquire(next, true)
        holdsHost = true
      },
    }
    try {
      const result = await task.run(context)
      finishHost({ kind: 'ok' })
      return result
    } catch (error) {
      finishHost(hostSignalOf(error))
      if (error instanceof DiskFullError) {
        // Stop before this slot is given back, so no waiting download starts on a full disk.
        this.stop(error)
        throw error
      }
      // Once the queue stopped, what a download says is the stop's doing: report the stop.
      if (this.stopReason) throw this.controller.signal.reason
      throw error
    } finally {
      if (gaveBack) this.released -= 1
      freeRunSlot()
      this.pump()
    }
  }
}
