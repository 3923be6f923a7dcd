// Reading what a provider says about its limits and costs: Retry-After, X-RateLimit-*, the
// OnlyFansAPI/FansMetric `_meta` block. Pure functions, so they are tested without a server.
import type { RateLimitState } from './types'

export type HeaderMap = Readonly<Record<string, string | string[] | undefined>>

const defaultRetryAfterMs = 60_000

/** How long to wait: Retry-After (seconds or date), X-RateLimit-Reset, then `_rate_limits`. */
export function retryAfterMs(headers: HeaderMap, body: unknown, now: number = Date.now()): number {
  const retryAfter = header(headers, 'retry-after')
  if (retryAfter !== null) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000)
    const date = Date.parse(retryAfter)
    if (Number.isFinite(date)) return Math.max(0, date - now)
  }
  const reset = resetAtFromHeaders(headers, now)
  if (reset !== null) return Math.max(0, reset - now)
  const limits = rateLimitsFromBody(body)
  if (limits && limits.remainingMinute === 0) {
    // The per-minute window: wait until the next minute boundary at most.
    return 60_000 - (now % 60_000)
  }
  return defaultRetryAfterMs
}

function resetAtFromHeaders(headers: HeaderMap, now: number): number | null {
  const raw = header(headers, 'x-ratelimit-reset') ?? header(headers, 'x-rate-limit-reset')
  if (raw === null) return null
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) {
    const date = Date.parse(raw)
    return Number.isFinite(date) ? date : null
  }
  // Providers send either epoch seconds, epoch milliseconds, or seconds from now.
  if (value > 1e12) return value
  if (value > 1e9) return value * 1000
  return now + value * 1000
}

/** Credits this response reported: `_meta._credits.used`, else the `x-ofapi-credits-used` header. */
export function readCredits(headers: HeaderMap, body: unknown): number | null {
  const meta = isRecord(body) ? body['_meta'] : undefined
  const credits = isRecord(meta) ? meta['_credits'] : undefined
  const used = isRecord(credits) ? credits['used'] : undefined
  if (typeof used === 'number' && Number.isFinite(used)) return used
  const fromHeader = Number(header(headers, 'x-ofapi-credits-used') ?? NaN)
  return Number.isFinite(fromHeader) ? fromHeader : null
}

export function readRateLimit(
  headers: HeaderMap,
  body: unknown,
  now: number = Date.now(),
): RateLimitState | null {
  const limitHeader =
    numberHeader(headers, 'x-rate-limit-limit-minute') ?? numberHeader(headers, 'x-ratelimit-limit')
  const remainingHeader =
    numberHeader(headers, 'x-rate-limit-remaining-minute') ?? numberHeader(headers, 'x-ratelimit-remaining')
  const fromBody = rateLimitsFromBody(body)
  const limitMinute = limitHeader ?? fromBody?.limitMinute ?? null
  const remainingMinute = remainingHeader ?? fromBody?.remainingMinute ?? null
  const resetAt = resetAtFromHeaders(headers, now)
  if (limitMinute === null && remainingMinute === null && resetAt === null) return null
  return { limitMinute, remainingMinute, resetAt }
}

function rateLimitsFromBody(
  body: unknown,
): { limitMinute: number | null; remainingMinute: number | null } | null {
  const meta = isRecord(body) ? body['_meta'] : undefined
  const limits = isRecord(meta) ? meta['_rate_limits'] : isRecord(body) ? body['_rate_limits'] : undefined
  if (!isRecord(limits)) return null
  const num = (value: unknown): number | null =>
    typeof value === 'number' && Number.isFinite(value) ? value : null
  return { limitMinute: num(limits['limit_minute']), remainingMinute: num(limits['remaining_minute']) }
}

function header(headers: HeaderMap, name: string): string | null {
  const value = headers[name] ?? headers[name.toLowerCase()]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function numberHeader(headers: HeaderMap, name: string): number | null {
  const raw = header(headers, name)
  if (raw === null || raw === '') return null
  const value = Number(raw)
  return Number.isFinite(value) ? value : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
