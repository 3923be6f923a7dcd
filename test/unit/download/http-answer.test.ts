import { describe, expect, it } from 'vitest'
import { PermanentDownloadError, RetryableDownloadError, UrlExpired } from '../../../src/main/download/errors'
import {
  errorForStatus,
  parseContentLength,
  parseContentRange,
  parseUnsatisfiedRange,
} from '../../../src/main/download/http-answer'

describe('Content-Range', () => {
  it('parses a satisfied range with and without a known total', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 })
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: null })
  })

  it('rejects malformed or impossible ranges', () => {
    expect(parseContentRange(undefined)).toBeNull()
    expect(parseContentRange('bytes 10-5/100')).toBeNull()
    expect(parseContentRange('bytes 0-100/100')).toBeNull()
    expect(parseContentRange('items 0-1/2')).toBeNull()
  })

  it('reads the length from a 416 answer', () => {
    expect(parseUnsatisfiedRange('bytes */5000')).toBe(5000)
    expect(parseUnsatisfiedRange('bytes 0-1/2')).toBeNull()
  })

  it('reads Content-Length only when it is a plain number', () => {
    expect(parseContentLength('42')).toBe(42)
    expect(parseContentLength('4e2')).toBeNull()
    expect(parseContentLength(undefined)).toBeNull()
  })
})

describe('errorForStatus', () => {
  const now = 0
  it('leaves 200, 206 and 416 to the caller', () => {
    for (const status of [200, 206, 416]) expect(errorForStatus(status, 'h', undefined, now)).toBeNull()
  })

  it('sends 403 and 410 to a URL refresh', () => {
    expect(errorForStatus(403, 'cdn', undefined, now)).toBeInstanceOf(UrlExpired)
    expect(errorForStatus(410, 'cdn', undefined, now)).toBeInstanceOf(UrlExpired)
  })

  it('makes 429, 408 and 5xx retryable, with Retry-After read', () => {
    const limited = errorForStatus(429, 'cdn', '3', now)
    expect(limited).toBeInstanceOf(RetryableDownloadError)
    expect((limited as RetryableDownloadError).retryAfterMs).toBe(3000)
    expect(limited?.message).toMatch(/retry in 3 s/)
    for (const status of [408, 500, 502, 503, 504]) {
      expect(errorForStatus(status, 'cdn', undefined, now)).toBeInstanceOf(RetryableDownloadError)
    }
  })

  it('makes other 4xx and unexpected statuses permanent', () => {
    for (const status of [400, 401, 404, 451, 204, 304]) {
      expect(errorForStatus(status, 'cdn', undefined, now)).toBeInstanceOf(PermanentDownloadError)
    }
  })
})
