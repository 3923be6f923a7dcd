import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AuthError, NotFound, RateLimited, UpstreamError } from '../../../src/main/providers/errors'
import {
  describeErrorBody,
  errorForStatus,
  readCredits,
  readRateLimit,
  redact,
  retryAfterMs,
} from '../../../src/main/providers/http'

const key = 'sk_live_SECRET_abc123'

function payload(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/providers/payloads/${name}`, import.meta.url), 'utf8'),
  )
}

describe('errorForStatus', () => {
  const cases: [number, new (...args: never[]) => Error][] = [
    [401, AuthError],
    [402, AuthError],
    [403, AuthError],
    [424, AuthError],
    [404, NotFound],
    [429, RateLimited],
    [400, UpstreamError],
    [409, UpstreamError],
    [413, UpstreamError],
    [422, UpstreamError],
    [500, UpstreamError],
    [502, UpstreamError],
    [503, UpstreamError],
    [524, UpstreamError],
  ]
  for (const [status, type] of cases) {
    it(`maps ${status} to ${type.name}`, () => {
      const error = errorForStatus('fansmetric', status, {}, { error: 'nope' }, [key])
      expect(error).toBeInstanceOf(type)
      expect(error.status).toBe(status)
      expect(error.message).toContain('nope')
    })
  }

  it("keeps the provider's words from the real OnlyFansAPI 401 body and the nested api2 body", () => {
    const e1 = errorForStatus('onlyfansapi', 401, {}, payload('onlyfans-error-1.json'), [key])
    expect(e1.message).toContain('SESSION_EXPIRED:NEEDS_REAUTHENTICATION')
    expect(e1.message).toContain('re-authentication')
    const e2 = errorForStatus('onlyfansapi', 400, {}, payload('onlyfans-error-2.json'), [key])
    expect(e2.message).toContain('Wrong user.')
    expect(e2.message).toContain('301')
  })

  it('accepts both OFAuth error forms', () => {
    expect(describeErrorBody({ error: 'Session expired', type: 'SESSION_EXPIRED', requestId: 'r1' })).toBe(
      'Session expired: SESSION_EXPIRED',
    )
    expect(describeErrorBody({ message: 'Bad thing', code: 'BAD_REQUEST', details: {} })).toBe(
      'BAD_REQUEST: Bad thing',
    )
  })

  it('strips HTML from a Cloudflare error page and truncates long bodies', () => {
    expect(describeErrorBody('<html><body><h1>502 Bad Gateway</h1></body></html>')).toBe('502 Bad Gateway')
    expect(describeErrorBody('x'.repeat(5000)).length).toBeLessThan(400)
  })

  it('never puts the key in the message, even when the provider echoes it', () => {
    const bodies = [
      { error: `invalid key ${key}` },
      { message: `Bearer ${key} refused`, code: key },
      `<p>${encodeURIComponent(key)}</p>`,
    ]
    for (const body of bodies) {
      for (const status of [401, 404, 429, 500]) {
        const error = errorForStatus('onlyfansapi', status, {}, body, [key])
        expect(error.message).not.toContain(key)
        expect(error.message).not.toContain(encodeURIComponent(key))
      }
    }
    expect(redact(`a ${key} b`, [key])).toBe('a [redacted] b')
  })
})

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 30)
  it('reads Retry-After seconds and HTTP dates', () => {
    expect(retryAfterMs({ 'retry-after': '7' }, null, now)).toBe(7000)
    expect(retryAfterMs({ 'retry-after': new Date(now + 5000).toUTCString() }, null, now)).toBe(5000)
  })
  it('reads X-RateLimit-Reset as epoch seconds or delta seconds', () => {
    expect(retryAfterMs({ 'x-ratelimit-reset': String(now / 1000 + 12) }, null, now)).toBe(12_000)
    expect(retryAfterMs({ 'x-ratelimit-reset': '3' }, null, now)).toBe(3000)
  })
  it('falls back to _rate_limits (until the minute turns) and then to a default', () => {
    const body = { _meta: { _rate_limits: { limit_minute: 60, remaining_minute: 0 } } }
    expect(retryAfterMs({}, body, now)).toBe(30_000)
    expect(retryAfterMs({}, { error: 'x' }, now)).toBe(60_000)
  })
  it('builds a RateLimited with retryAfterMs', () => {
    const error = errorForStatus(
      'ofauth',
      429,
      { 'retry-after': '2' },
      { error: 'slow', type: 'RATE_LIMIT_EXCEEDED' },
      [],
    )
    expect(error).toBeInstanceOf(RateLimited)
    expect((error as RateLimited).retryAfterMs).toBe(2000)
  })
})

describe('credits and rate-limit state', () => {
  it('reads _meta._credits.used from the real OnlyFansAPI envelope', () => {
    const body = payload('onlyfans-transactions-1.json')
    expect(readCredits({}, body)).toBe(1)
    expect(readRateLimit({}, body)).toEqual({ limitMinute: 5000, remainingMinute: 4999, resetAt: null })
  })
  it('reads the x-ofapi-credits-used header when the body has none', () => {
    expect(readCredits({ 'x-ofapi-credits-used': '3' }, { list: [] })).toBe(3)
    expect(readCredits({}, { list: [] })).toBeNull()
  })
  it('prefers the documented headers', () => {
    const state = readRateLimit(
      { 'x-rate-limit-limit-minute': '60', 'x-rate-limit-remaining-minute': '59' },
      null,
    )
    expect(state).toEqual({ limitMinute: 60, remainingMinute: 59, resetAt: null })
    expect(readRateLimit({}, null)).toBeNull()
  })
})
