// The one retry policy, for downloads and API calls alike: what to do after a failure, and after
// how long. Pure: the clock and the random source are arguments, so every decision can be
// replayed in a test. Who keeps the count differs: a download's attempts and retry time live on
// its job row (sync/download-retries.ts), an API call's in the loop that makes it (sync/api-retry.ts).
import { RateLimited, UpstreamError } from '../providers/errors'
import {
  DiskFullError,
  DownloadCancelled,
  PermanentDownloadError,
  RetryableDownloadError,
  UrlExpired,
} from './errors'

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /**
   * The longest wait spent inside one sync. A longer one is not slept through: a download's job
   * row stores when it is due (`defer`), and an API call stops the sync saying when to come back.
   */
  readonly maxWaitMs: number
}

/**
 * - 6 attempts: a burst of rate limits (each answer uses an attempt) and a flaky minute both
 *   still end in a success; few enough that a broken file or endpoint does not cost much (each
 *   API retry is a paid request).
 * - backoff 1 s doubling to at most 60 s, full jitter: 0–1, 0–2, 0–4, 0–8, 0–16 s between attempts.
 * - 2 minutes in-sync wait: a Retry-After up to that is waited out; beyond it the sync goes on with
 *   other work (downloads) or stops with the time to come back (API).
 */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxWaitMs: 2 * 60_000,
})

export type RetryDecision =
  | { readonly action: 'retry'; readonly delayMs: number }
  /** Wait longer than a sync should; store or report the time, and pick the work up then. */
  | { readonly action: 'defer'; readonly delayMs: number }
  /** The URL expired: get a fresh one from the provider, then try again (not counted as a failure). */
  | { readonly action: 'refresh' }
  | {
      readonly action: 'fail'
      readonly reason: 'permanent' | 'attempts_exhausted' | 'disk_full' | 'cancelled'
    }

/** A number in [0, 1), like Math.random. */
export type RandomSource = () => number

/**
 * Full-jitter exponential backoff: uniform in [0, min(max, base * 2^(attempt-1))]. Spreading the
 * whole range (not just a little noise on top) keeps many failed downloads from retrying in step.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: RandomSource): number {
  const exponent = Math.max(0, attempt - 1)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30))
  return Math.floor(random() * ceiling)
}

/**
 * Retry-After as milliseconds from now: either delay-seconds or an HTTP date. Null when absent or
 * unreadable; a date in the past is zero.
 */
export function parseRetryAfter(
  value: string | readonly string[] | null | undefined,
  nowMs: number,
): number | null {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!raw) return null
  if (/^\d+$/.test(raw)) return Number(raw) * 1000
  // Only something that looks like an HTTP date: Date.parse also accepts '-5' and other odd forms.
  const date = /[A-Za-z]/.test(raw) ? Date.parse(raw) : Number.NaN
  if (Number.isNaN(date)) return null
  return Math.max(0, date - nowMs)
}

/**
 * A wait longer than a sync sleeps through, said by an API call (sync/api-retry.ts): it ends a
 * listing with the time to try again, and leaves a download whose URL refresh met it for then.
 */
export class RetryLater extends Error {
  constructor(
    /** Epoch ms when the provider takes requests again. */
    readonly retryAt: number,
    /** How long that was from when it was said. */
    readonly delayMs: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'RetryLater'
  }
}

/**
 * Whether trying again can help, and the server's wait if it named one; null when it cannot.
 * An error no layer classified is a bug or a local fault: repeating it would repeat it.
 */
function transient(error: unknown): { readonly retryAfterMs: number | null } | null {
  // Deterministic failures say so (a repeated cursor, a 200 with a body that is not JSON).
  if ((error as { retryable?: unknown } | null)?.retryable === false) return null
  if (error instanceof RetryableDownloadError) return { retryAfterMs: error.retryAfterMs }
  if (error instanceof RateLimited) return { retryAfterMs: error.retryAfterMs }
  if (error instanceof UpstreamError) return { retryAfterMs: null }
  if (error instanceof RetryLater) return { retryAfterMs: error.delayMs }
  return null
}

/**
 * What to do after attempt number `attempt` (1-based) failed with `error`. A server's Retry-After is
 * a floor; a little jitter on top keeps a burst of 429s from coming back in the same millisecond.
 */
export function decideRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: RandomSource,
): RetryDecision {
  if (error instanceof UrlExpired) return { action: 'refresh' }
  if (error instanceof DiskFullError) return { action: 'fail', reason: 'disk_full' }
  if (error instanceof DownloadCancelled) return { action: 'fail', reason: 'cancelled' }
  const worth = transient(error)
  if (!worth || error instanceof PermanentDownloadError) return { action: 'fail', reason: 'permanent' }

  const { retryAfterMs } = worth
  if (retryAfterMs !== null && retryAfterMs > policy.maxWaitMs)
    return { action: 'defer', delayMs: retryAfterMs }
  if (attempt >= policy.maxAttempts) return { action: 'fail', reason: 'attempts_exhausted' }
  const delayMs =
    retryAfterMs !== null
      ? retryAfterMs + Math.floor(random() * policy.baseDelayMs)
      : backoffDelayMs(attempt, policy, random)
  return { action: 'retry', delayMs }
}

/** "in 3 min (at 14:05 UTC)", "in 11574 days (at 2057-11-09 01:46 UTC)": when a wait ends, one line. */
export function describeWait(delayMs: number, nowMs: number): string {
  const minutes = Math.max(1, Math.ceil(delayMs / 60_000))
  const span =
    minutes < 120
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} days`
  const at = new Date(Math.min(nowMs + delayMs, 8.64e15)).toISOString()
  const sameDay = at.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10)
  return `in ${span} (at ${sameDay ? at.slice(11, 16) : `${at.slice(0, 10)} ${at.slice(11, 16)}`} UTC)`
}
