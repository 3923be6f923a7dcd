// How slow a download may be before it gives its connection back (issue 17.7): a CDN that trickles
// (one byte every 20 s) never trips the socket's idle timeout, and would hold a slot, and the sync,
// forever. Pure: the clock is an argument.

export interface PaceLimits {
  /** Bytes per second a body must average over each window once it has started. */
  readonly minBytesPerSecond: number
  /** The window that average is taken over. */
  readonly windowMs: number
  /** Every file gets this long, whatever its size... */
  readonly deadlineBaseMs: number
  /** ...plus its size at this rate. */
  readonly deadlineBytesPerSecond: number
}

/**
 * - 2 KiB/s over 30 s: below this a 1 MB photo takes over eight minutes; a 1 Mbit/s line shared by
 *   16 downloads still gives each ~7.6 KiB/s. A trickle of one byte every 20 s is caught after
 *   ~40 s (the check runs as bytes arrive; total silence is the socket timeout's job, 60 s).
 * - deadline 2 min + size at 8 KiB/s (64 kbit/s): 7 min for a 2.5 MB file, 3.6 h for 100 MB. A
 *   file slower than that on average is better resumed later than holding a slot for hours.
 * Either way the partial file stays, so the next attempt resumes where this one stopped.
 */
export const defaultPaceLimits: PaceLimits = Object.freeze({
  minBytesPerSecond: 2 * 1024,
  windowMs: 30_000,
  deadlineBaseMs: 2 * 60_000,
  deadlineBytesPerSecond: 8 * 1024,
})

/** What to tell the user when a body is too slow; null while it is fine. */
export type PaceVerdict = null | { readonly reason: string }

/** Watches one body's bytes against `PaceLimits`; fed on every chunk. */
export class PaceWatch {
  private readonly limits: PaceLimits
  private readonly budgetMs: number
  private readonly deadline: number
  private windowStart: number
  private windowBytes = 0

  /** `expectedBytes`: what this attempt should fetch (null when unknown: no deadline). */
  constructor(limits: PaceLimits, startedAt: number, expectedBytes: number | null) {
    this.limits = limits
    this.windowStart = startedAt
    this.budgetMs =
      expectedBytes === null
        ? Number.POSITIVE_INFINITY
        : limits.deadlineBaseMs + (expectedBytes / limits.deadlineBytesPerSecond) * 1000
    this.deadline = startedAt + this.budgetMs
  }

  record(bytes: number, now: number): PaceVerdict {
    if (now > this.deadline) {
      return { reason: `did not finish within its ${Math.round(this.budgetMs / 1000)} s` }
    }
    this.windowBytes += bytes
    const elapsed = now - this.windowStart
    if (elapsed < this.limits.windowMs) return null
    if (this.windowBytes < (this.limits.minBytesPerSecond * elapsed) / 1000) {
      return { reason: `sent ${this.windowBytes} bytes in ${Math.round(elapsed / 1000)} s` }
    }
    this.windowStart = now
    this.windowBytes = 0
    return null
  }
}
