// How many connections one host gets (issue 14): start at a level every CDN tolerates, grow while
// the host takes more and added connections bring more bytes, halve when it pushes back. State per
// host, kept for the whole run; pure (the clock is an argument), so every rule is unit tested.
//
// The policy, in TCP's terms (AIMD with slow start):
// - A host starts at `initial` connections (never above the run's ceiling, the user's N).
// - The level changes at most once per round (`minRoundMs`, checked as bytes arrive and as
//   downloads end). A round whose level was not put to use (three quarters of it on average; the
//   host had too little work) proves nothing and changes nothing.
// - Throughput check: a round run at a higher level than the one before must also have moved more
//   bytes: per added connection, at least `gainShare` of what an average connection brought. If
//   not (the line or the CPU is the limit, not the connection count), growth stops for
//   `holdRounds` rounds (twice as long each time in a row, up to 8×), then probes one connection
//   higher; a probe that does not pay is undone.
// - Slow start: below `ssthresh` a round that paid doubles the level, so a CDN that caps each
//   connection's speed is filled within a second or two (6, 12, 16).
// - Additive increase: at or above `ssthresh`, one connection per round; above a level the host
//   refused, `probeSlowdown` times slower, compounding with each refusal at that level up to
//   `maxSlowdown`. A whole round at the refused level without a refusal forgets it.
// - Multiplicative decrease: a 429 or 503, a reset or a timeout halves the level (once per
//   episode: failures of downloads sent before the halving were sent at the old level) and
//   `Retry-After` pauses every new request to the host until then. The lowest refused level is
//   remembered: the limit climbs back quickly (slow start) to just below it.
// - Redirect targets are hosts of their own (the queue moves a download to its new host).

import { DownloadTooSlow, RetryableDownloadError } from './errors'

export interface HostPolicy {
  /** Connections a host gets before it has shown it takes more: what browsers open per host. */
  readonly initial: number
  /** A throughput round lasts at least this long, so a few fast small files do not decide alone. */
  readonly minRoundMs: number
  /** Share of an average connection's throughput an added connection must bring to keep growing. */
  readonly gainShare: number
  /** Rounds without growth after growth stopped paying, before one more connection is tried. */
  readonly holdRounds: number
  /** How many times slower additive increase is above a level the host refused (compounding). */
  readonly probeSlowdown: number
  /** The most it compounds to. */
  readonly maxSlowdown: number
}

/**
 * - 6: browsers open 6 connections per HTTP/1.1 host, so every CDN and download proxy tolerates
 *   it; it was also the fixed per-host cap before the limit adapted.
 * - 300 ms rounds: long enough to average over many chunks of a throttled download or dozens of
 *   small files, short enough to reach 16 connections within the first second or two.
 * - 1/2: an added connection that brings half of an average one's bytes is still worth having; one
 *   that brings nothing (the line is full) is not, and noise on a shared machine stays below that.
 * - 8 rounds (2.4 s or more) before probing again once growth stopped paying.
 * - probes 8× slower above a refused level, 64× after repeated refusals (one probe per 2.4 s,
 *   then per 19 s at 300 ms rounds): a download proxy that refuses a 7th connection answers a
 *   429 a handful of times per run (simulated in test/unit/download/host-limits.test.ts: 2
 *   refusals in 120 files; the conn-limit benchmark counts them against the real fake CDN).
 */
export const defaultHostPolicy: HostPolicy = Object.freeze({
  initial: 6,
  minRoundMs: 300,
  gainShare: 0.5,
  holdRounds: 8,
  probeSlowdown: 8,
  maxSlowdown: 64,
})

/** What one finished connection says about its host. */
export type HostSignal =
  /** The body arrived (or a redirect answered): the host took the connection. */
  | { readonly kind: 'ok' }
  /** 429/503, a reset or a timeout: the host (or the path to it) is overloaded. */
  | { readonly kind: 'congestion'; readonly retryAfterMs: number | null }
  /** Says nothing about load (404, an expired URL, a cancel, our own disk). */
  | { readonly kind: 'neutral' }

/** What `start` hands out and `finish` takes back: when and at what level a connection began. */
export interface HostTicket {
  readonly epoch: number
  /** Connections open to the host with this one: a refusal says this many were too many. */
  readonly level: number
}

export interface HostStats {
  readonly host: string
  /** The current level, fractional while it grows additively. */
  readonly limit: number
  readonly maxInFlight: number
  /** Congestion signals received, and how many of them halved the level. */
  readonly congestion: number
  readonly decreases: number
}

export class HostLimit {
  readonly host: string
  private readonly ceiling: number
  private readonly policy: HostPolicy
  private limit: number
  private ssthresh: number
  private inFlightCount = 0
  private pausedUntilMs = 0
  /** Bumped at every halving; a download remembers the epoch it started in. */
  private epoch = 0
  private slowdown = 1
  private refusedLevel: number | null = null
  private holdLeft = 0
  /** Rounds the next hold lasts: doubles while growth keeps not paying, up to 8 × `holdRounds`. */
  private holdNext: number
  private round: { start: number; level: number; bytes: number; connMs: number }
  private lastAccounted: number
  private previous: { readonly rate: number; readonly avg: number; readonly level: number } | null = null
  private maxInFlight = 0
  private congestion = 0
  private decreases = 0

  constructor(host: string, ceiling: number, policy: HostPolicy, now: number) {
    this.host = host
    this.ceiling = Math.max(1, ceiling)
    this.policy = policy
    this.limit = Math.min(this.ceiling, Math.max(1, policy.initial))
    this.holdNext = policy.holdRounds
    this.ssthresh = this.ceiling
    this.lastAccounted = now
    this.round = this.newRound(now)
  }

  /** Connections this host may have open now. */
  get cap(): number {
    return Math.max(1, Math.min(this.ceiling, Math.floor(this.limit)))
  }

  get inFlight(): number {
    return this.inFlightCount
  }

  /** Epoch ms before which no new request may go to this host (Retry-After); 0 when none. */
  get pausedUntil(): number {
    return this.pausedUntilMs
  }

  canStart(now: number): boolean {
    return this.inFlightCount < this.cap && now >= this.pausedUntilMs
  }

  /** Counts a connection in; returns the ticket `finish` takes back. */
  start(now: number): HostTicket {
    this.account(now)
    // A round that began in a Retry-After pause would judge the pause: measure from its end.
    if (this.round.start < this.pausedUntilMs && now >= this.pausedUntilMs) this.round = this.newRound(now)
    this.inFlightCount += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlightCount)
    return { epoch: this.epoch, level: this.inFlightCount }
  }

  /** Bytes a connection to this host just received; a round can end on them (a big file ends late). */
  addBytes(bytes: number, now: number): void {
    this.round.bytes += bytes
    this.closeRoundIfDue(now)
  }

  finish(now: number, ticket: HostTicket, signal: HostSignal): void {
    this.account(now)
    this.inFlightCount = Math.max(0, this.inFlightCount - 1)
    if (signal.kind === 'congestion') return this.congested(now, ticket, signal.retryAfterMs)
    if (signal.kind === 'neutral') return
    // A download started before the last halving says nothing about the level since.
    if (ticket.epoch !== this.epoch) return
    this.closeRoundIfDue(now)
  }

  stats(): HostStats {
    return {
      host: this.host,
      limit: Math.round(this.limit * 100) / 100,
      maxInFlight: this.maxInFlight,
      congestion: this.congestion,
      decreases: this.decreases,
    }
  }

  private grow(): void {
    // Slow start doubles up to the threshold; additive increase goes on from there.
    const next =
      this.limit < this.ssthresh ? Math.min(this.limit * 2, this.ssthresh) : this.limit + 1 / this.slowdown
    this.limit = Math.min(this.ceiling, next)
  }

  private congested(now: number, ticket: HostTicket, retryAfterMs: number | null): void {
    this.congestion += 1
    if (retryAfterMs !== null && retryAfterMs > 0)
      this.pausedUntilMs = Math.max(this.pausedUntilMs, now + retryAfterMs)
    const refused = ticket.level
    // One halving per episode: downloads started before the last one were sent at the old level.
    // They still tell where the host's limit is: the lowest refused level counts.
    if (ticket.epoch !== this.epoch) {
      if (ticket.epoch === this.epoch - 1 && this.refusedLevel !== null && refused < this.refusedLevel) {
        this.refusedLevel = refused
        this.ssthresh = Math.max(this.limit, Math.min(this.ceiling, refused - 1))
      }
      return
    }
    // A refusal says the host has a limit near this level: probe above it `probeSlowdown` times
    // slower, and that much slower again each time the same (or a lower) level is refused, up to
    // `maxSlowdown`; refused higher up than last time, it takes more than it did: start over.
    this.slowdown =
      this.refusedLevel !== null && refused <= this.refusedLevel
        ? Math.min(this.policy.maxSlowdown, this.slowdown * this.policy.probeSlowdown)
        : this.policy.probeSlowdown
    this.refusedLevel = refused
    this.limit = Math.max(1, this.limit / 2)
    // Climb back fast to the last level that worked, not beyond.
    this.ssthresh = Math.max(this.limit, Math.min(this.ceiling, refused - 1))
    this.epoch += 1
    this.decreases += 1
    this.previous = null
    this.holdLeft = 0
    this.round = this.newRound(now)
  }

  /** Once per round: the throughput check, then growth if the round earned it. */
  private closeRoundIfDue(now: number): void {
    const elapsed = now - this.round.start
    if (elapsed < this.policy.minRoundMs) return
    this.account(now)
    const rate = this.round.bytes / elapsed
    const avg = this.round.connMs / elapsed
    const level = this.round.level
    // Three quarters of the level in use on average: the host had work enough to be judged.
    const used = avg >= 0.75 * level
    const previous = this.previous
    if (this.holdLeft > 0) {
      this.holdLeft -= 1
    } else if (
      used &&
      previous &&
      level > previous.level &&
      avg >= previous.avg + 0.5 &&
      !this.paid(previous, rate, avg)
    ) {
      // More connections, not more bytes: stop growing for a while, twice as long each time it
      // happens again. A one-connection probe that did not pay is undone; a doubling is kept (on
      // a machine shared with other work a busy CPU reads the same as a full line, and a level
      // the host takes costs nothing to keep).
      if (level === previous.level + 1) this.limit = previous.level
      this.ssthresh = this.limit
      this.holdLeft = this.holdNext
      this.holdNext = Math.min(this.holdNext * 2, 8 * this.policy.holdRounds)
    } else if (used && this.limit < this.ceiling && now >= this.pausedUntilMs) {
      if (previous && level > previous.level) this.holdNext = this.policy.holdRounds
      // A whole round at the level once refused, without a refusal: the host takes more now.
      if (this.refusedLevel !== null && level >= this.refusedLevel) {
        this.refusedLevel = null
        this.slowdown = 1
      }
      this.grow()
    }
    this.previous = used ? { rate, avg, level } : previous
    this.round = this.newRound(now)
  }

  /** Whether the connections added since `previous` each brought their share of bytes. */
  private paid(
    previous: { readonly rate: number; readonly avg: number },
    rate: number,
    avg: number,
  ): boolean {
    const perConnection = previous.rate / previous.avg
    return rate - previous.rate >= this.policy.gainShare * perConnection * (avg - previous.avg)
  }

  private newRound(now: number): HostLimit['round'] {
    return { start: now, level: this.cap, bytes: 0, connMs: 0 }
  }

  /** Integrates connections over time, for the round's average. */
  private account(now: number): void {
    this.round.connMs += this.inFlightCount * Math.max(0, now - this.lastAccounted)
    this.lastAccounted = now
  }
}

/** What a failed download says about its host's load. */
export function hostSignalOf(error: unknown): HostSignal {
  if (!(error instanceof RetryableDownloadError)) return { kind: 'neutral' }
  if (error.status === 429 || error.status === 503)
    return { kind: 'congestion', retryAfterMs: error.retryAfterMs }
  // Resets, timeouts, cut bodies and trickles: the path to the host is overloaded. Other 5xx are
  // the server's own trouble and say nothing about how many connections it takes.
  if (error.status === null || error instanceof DownloadTooSlow)
    return { kind: 'congestion', retryAfterMs: null }
  return { kind: 'neutral' }
}
