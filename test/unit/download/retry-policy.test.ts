import { describe, expect, it } from 'vitest'
import {
  DiskFullError,
  DownloadCancelled,
  PermanentDownloadError,
  RetryableDownloadError,
  UrlExpired,
} from '../../../src/main/download/errors'
import {
  backoffDelayMs,
  decideRetry,
  describeWait,
  parseRetryAfter,
  type RetryPolicy,
} from '../../../src/main/download/retry-policy'
import {
  AuthError,
  NotFound,
  RateLimited,
  SchemaDrift,
  UpstreamError,
} from '../../../src/main/providers/errors'

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, maxWaitMs: 60_000 }
const now = Date.UTC(2025, 0, 1, 12, 0, 0)

describe('backoffDelayMs', () => {
  it('draws uniformly below a doubling ceiling', () => {
    expect(backoffDelayMs(1, policy, () => 0.999999)).toBe(999)
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(1000)
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(2000)
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0)
  })

  it('never exceeds maxDelayMs, however many attempts', () => {
    expect(backoffDelayMs(50, policy, () => 0.999999)).toBe(9999)
    expect(backoffDelayMs(5000, policy, () => 0.999999)).toBe(9999)
  })
})

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })

  it('reads an HTTP date relative to now, and a past date as zero', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0)
  })

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull()
    expect(parseRetryAfter('', now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter('-5', now)).toBeNull()
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000)
  })
})

describe('decideRetry', () => {
  const retryable = new RetryableDownloadError('x')

  it('backs off with full jitter until attempts run out', () => {
    expect(decideRetry(retryable, 1, policy, () => 0.25)).toEqual({ action: 'retry', delayMs: 250 })
    expect(decideRetry(retryable, 3, policy, () => 0.25)).toEqual({ action: 'retry', delayMs: 1000 })
    expect(decideRetry(retryable, 4, policy, () => 0.25)).toEqual({
      action: 'fail',
      reason: 'attempts_exhausted',
    })
  })

  it('honours Retry-After as a floor with a little jitter on top', () => {
    const limited = new RetryableDownloadError('x', 429, 7000)
    expect(decideRetry(limited, 1, policy, () => 0)).toEqual({ action: 'retry', delayMs: 7000 })
    expect(decideRetry(limited, 1, policy, () => 0.5)).toEqual({ action: 'retry', delayMs: 7500 })
  })

  it('defers a Retry-After too long to wait out in memory', () => {
    const limited = new RetryableDownloadError('x', 429, 3_600_000)
    expect(decideRetry(limited, 1, policy, () => 0)).toEqual({ action: 'defer', delayMs: 3_600_000 })
  })

  it('asks for a refresh on an expired URL, whatever the attempt', () => {
    expect(decideRetry(new UrlExpired('x', 403), 99, policy, () => 0)).toEqual({ action: 'refresh' })
  })

  it('does not retry permanent failures, a full disk or a cancel', () => {
    expect(decideRetry(new PermanentDownloadError('x', 404), 1, policy, () => 0)).toEqual({
      action: 'fail',
      reason: 'permanent',
    })
    expect(decideRetry(new DiskFullError('x'), 1, policy, () => 0)).toEqual({
      action: 'fail',
      reason: 'disk_full',
    })
    expect(decideRetry(new DownloadCancelled('x'), 1, policy, () => 0)).toEqual({
      action: 'fail',
      reason: 'cancelled',
    })
  })

  it('does not retry an error nobody classified (a bug repeats)', () => {
    expect(decideRetry(new TypeError('bug'), 1, policy, () => 0.5)).toEqual({
      action: 'fail',
      reason: 'permanent',
    })
  })
})

describe('decideRetry for API calls (the same policy)', () => {
  it('waits out a rate limit and backs off on upstream failures', () => {
    expect(decideRetry(new RateLimited('ofauth', 'slow', 1500), 1, policy, () => 0)).toEqual({
      action: 'retry',
      delayMs: 1500,
    })
    expect(decideRetry(new UpstreamError('ofauth', '503', 503), 2, policy, () => 0.5)).toEqual({
      action: 'retry',
      delayMs: 1000,
    })
    expect(decideRetry(new UpstreamError('ofauth', '503', 503), 4, policy, () => 0.5).action).toBe('fail')
  })

  it('defers a rate limit longer than a sync waits', () => {
    expect(decideRetry(new RateLimited('ofauth', 'daily', 999_999_999_000), 1, policy, () => 0)).toEqual({
      action: 'defer',
      delayMs: 999_999_999_000,
    })
  })

  it('never retries a refused key, a missing thing or a changed shape', () => {
    for (const error of [
      new AuthError('ofauth', 'no', 401),
      new NotFound('ofauth', 'gone', 404),
      new SchemaDrift('ofauth', 'list', 'x'),
    ])
      expect(decideRetry(error, 1, policy, () => 0)).toEqual({ action: 'fail', reason: 'permanent' })
  })

  it('never retries an error marked deterministic (retryable: false), whatever its class', () => {
    const repeated = Object.assign(new UpstreamError('ofauth', 'cursor repeated', 200), { retryable: false })
    expect(decideRetry(repeated, 1, policy, () => 0)).toEqual({ action: 'fail', reason: 'permanent' })
    const download = Object.assign(new RetryableDownloadError('x'), { retryable: false })
    expect(decideRetry(download, 1, policy, () => 0).action).toBe('fail')
  })
})

describe('describeWait', () => {
  it('says how long and until when, in UTC', () => {
    expect(describeWait(3 * 60_000, now)).toBe('in 3 min (at 12:03 UTC)')
    expect(describeWait(5 * 3_600_000, now)).toBe('in 5 h (at 17:00 UTC)')
    expect(describeWait(999_999_999_000, now)).toBe('in 11574 days (at 2056-09-09 13:46 UTC)')
  })
})
