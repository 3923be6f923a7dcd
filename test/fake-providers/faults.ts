// Fault injection, seeded so a failing test fails the same way every run.
import type { HostileApi } from './hostile-api'
import { CdnLoad, defaultCdnFaults, type CdnFaultFlags } from './cdn-faults'
import { createPrng } from './prng'

export interface FaultFlags extends CdnFaultFlags {
  /** Probability that a request answers 503. */
  readonly status5xxRate: number
  /** Probability that the connection is reset (API: before the response; CDN: mid-body). */
  readonly resetRate: number
  /** Probability that the body stops short of its Content-Length. */
  readonly truncateRate: number
  /** The next n API requests answer 429. */
  readonly burst429: number
  /** Delay before the first byte of every response. */
  readonly slowFirstByteMs: number
  /** Lifetime of every signed URL handed out from now on. */
  readonly urlTtlSeconds: number
  /** Throttle CDN bodies (null: unthrottled). */
  readonly cdnBytesPerSecond: number | null
  /** Per-provider requests per minute before 429 (null: unlimited). */
  readonly rateLimitPerMinute: number | null
  /** Seconds sent in Retry-After with injected 429s. */
  readonly retryAfterSeconds: number
  /** Which requests the random faults hit. */
  readonly target: 'all' | 'api' | 'cdn'
  readonly seed: number
  /** A hostile answer to API requests (hostile-api.ts); null: the providers answer themselves. */
  readonly hostileApi: HostileApi | null
  /**
   * OnlyFansAPI's messages envelope: `data: {list, hasMore}` (docs), flat `data: [...]` with
   * `_pagination.next_page` (SDK), or `alternate` by chat (even chats list, odd chats flat).
   */
  readonly messagesShape: 'alternate' | 'list' | 'flat'
  /**
   * A provider that never stops paging (OnlyFansAPI chat media and messages): `repeat` serves the
   * first page forever under fresh cursors, `fresh` invents new messages on every page.
   */
  readonly runawayPaging: 'repeat' | 'fresh' | null
}

export const defaultFaults: FaultFlags = {
  ...defaultCdnFaults,
  status5xxRate: 0,
  resetRate: 0,
  truncateRate: 0,
  burst429: 0,
  slowFirstByteMs: 0,
  urlTtlSeconds: 3600,
  cdnBytesPerSecond: null,
  rateLimitPerMinute: null,
  retryAfterSeconds: 1,
  target: 'all',
  seed: 1,
  hostileApi: null,
  messagesShape: 'alternate',
  runawayPaging: null,
}

export interface FaultDecision {
  readonly status5xx: boolean
  readonly reset: boolean
  readonly truncate: boolean
}

export class FaultState {
  private current: FaultFlags = defaultFaults
  private random = createPrng(defaultFaults.seed)
  private burstLeft = 0
  private readonly windows = new Map<string, { start: number; count: number }>()
  /** Open CDN file bodies, for `cdnMaxOpen`; lives as long as the server. */
  readonly cdnLoad = new CdnLoad()

  get flags(): FaultFlags {
    return this.current
  }

  set(partial: Partial<FaultFlags>): void {
    this.current = { ...this.current, ...partial }
    if (partial.seed !== undefined) this.random = createPrng(partial.seed)
    if (partial.burst429 !== undefined) this.burstLeft = partial.burst429
  }

  reset(): void {
    this.current = defaultFaults
    this.random = createPrng(defaultFaults.seed)
    this.burstLeft = 0
    this.windows.clear()
  }

  /** Random faults for one request; draws the same number of values every time for determinism. */
  decide(kind: 'api' | 'cdn'): FaultDecision {
    const a = this.random()
    const b = this.random()
    const c = this.random()
    const hit = this.current.target === 'all' || this.current.target === kind
    return {
      status5xx: hit && a < this.current.status5xxRate,
      reset: hit && b < this.current.resetRate,
      truncate: hit && c < this.current.truncateRate,
    }
  }

  /** True when this API request must be rate limited (burst or per-minute window). */
  takeRateLimit(provider: string, now: number = Date.now()): boolean {
    if (this.burstLeft > 0) {
      this.burstLeft -= 1
      return true
    }
    const limit = this.current.rateLimitPerMinute
    if (limit === null) return false
    const window = this.windows.get(provider)
    if (!window || now - window.start >= 60_000) {
      this.windows.set(provider, { start: now, count: 1 })
      return false
    }
    window.count += 1
    return window.count > limit
  }

  remaining(
    provider: string,
    now: number = Date.now(),
  ): { limit: number; remaining: number; resetAt: number } {
    const limit = this.current.rateLimitPerMinute ?? 1000
    const window = this.windows.get(provider)
    const count = window && now - window.start < 60_000 ? window.count : 0
    const start = window && now - window.start < 60_000 ? window.start : now
    return { limit, remaining: Math.max(0, limit - count), resetAt: start + 60_000 }
  }
}
