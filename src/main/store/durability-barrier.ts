// Group commit for directory entries. A rename is durable only once its directory is fsynced; many
// commits finishing close together can share one fsync per directory instead of paying one each.
//
// The rule that keeps this safe: a waiter is released only by an fsync that *started after* it
// asked, because an fsync already under way may have missed the rename it wants made durable.

export type SyncDirectory = (dir: string) => Promise<void>

interface Waiter {
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

export interface DurabilityBarrierOptions {
  /** How long the first request of a round waits for others to join it. 0 (the default): a tick. */
  readonly windowMs?: number
}

export class DurabilityBarrier {
  private readonly syncDirectory: SyncDirectory
  private readonly windowMs: number
  /** Directories asked for since the last round started, with who waits on each. */
  private waiting = new Map<string, Waiter[]>()
  private scheduled = false
  private rounds = 0

  constructor(syncDirectory: SyncDirectory, options: DurabilityBarrierOptions = {}) {
    this.syncDirectory = syncDirectory
    this.windowMs = options.windowMs ?? 0
  }

  /** Rounds of fsyncs run so far; for tests and diagnostics. */
  get roundsRun(): number {
    return this.rounds
  }

  /**
   * Resolves once `dir` was fsynced by a call that began after this one; rejects with that fsync's
   * error. Call it after the rename (or create) whose entry must survive a power cut.
   */
  sync(dir: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const list = this.waiting.get(dir)
      if (list) list.push({ resolve, reject })
      else this.waiting.set(dir, [{ resolve, reject }])
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    const run = (): void => {
      this.scheduled = false
      this.runRound()
    }
    // setImmediate lets every commit whose rename finished in this turn of the loop join the round.
    if (this.windowMs > 0) setTimeout(run, this.windowMs)
    else setImmediate(run)
  }

  private runRound(): void {
    const round = this.waiting
    this.waiting = new Map()
    this.rounds += 1
    for (const [dir, waiters] of round) {
      // Directories sync in parallel: each waiter depends on its own directory only.
      this.syncDirectory(dir).then(
        () => waiters.forEach((w) => w.resolve()),
        (error: unknown) => waiters.forEach((w) => w.reject(error)),
      )
    }
  }
}
