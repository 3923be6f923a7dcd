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
  parseRetryAfter,
  type RetryPolicy,
} from '../../../src/main/download/retry-policy'

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 }
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

  it('gives unclassified errors the same bounded backoff', () => {
    expect(decideRetry(new TypeError('bug'), 1, policy, () => 0.5)).toEqual({ action: 'retry', delayMs: 500 })
    expect(decideRetry(new TypeError('bug'), 4, policy, () => 0.5).action).toBe('fail')
  })
})
