// When to try a failed download again, and after how long. Pure: the clock and the random source
// are arguments, so every decision can be replayed in a test.
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
   * A Retry-After beyond this is not waited out in memory: the caller gets `defer` and stores the
   * time on the job row instead of holding the download open for an hour.
   */
  readonly maxRetryAfterMs: number
}

export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
})

export type RetryDecision =
  | { readonly action: 'retry'; readonly delayMs: number }
  /** Wait longer than is sensible in memory; record `delayMs` and pick the job up later. */
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
  if (error instanceof PermanentDownloadError) return { action: 'fail', reason: 'permanent' }

  const retryAfterMs = error instanceof RetryableDownloadError ? error.retryAfterMs : null
  if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) {
    return { action: 'defer', delayMs: retryAfterMs }
  }
  if (attempt >= policy.maxAttempts) return { action: 'fail', reason: 'attempts_exhausted' }
  if (retryAfterMs !== null) {
    return { action: 'retry', delayMs: retryAfterMs + Math.floor(random() * policy.baseDelayMs) }
  }
  // Errors we did not classify (a bug, an unexpected library error) get the same bounded retries.
  return { action: 'retry', delayMs: backoffDelayMs(attempt, policy, random) }
}
