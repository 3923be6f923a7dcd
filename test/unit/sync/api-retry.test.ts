import { describe, expect, it } from 'vitest'
import { AuthError, RateLimited, SchemaDrift, UpstreamError } from '../../../src/main/providers/errors'
import { RetryLater, withApiRetry } from '../../../src/main/sync/api-retry'

function failing(errors: Error[], value = 'ok'): () => Promise<string> {
  return async () => {
    const next = errors.shift()
    if (next) throw next
    return value
  }
}

describe('API retry', () => {
  it('waits out a rate limit for as long as the provider asks', async () => {
    const waits: number[] = []
    const result = await withApiRetry(failing([new RateLimited('fansmetric', 'slow down', 1500)]), {
      random: () => 0,
      sleep: async (ms) => void waits.push(ms),
    })
    expect(result).toBe('ok')
    expect(waits).toEqual([1500])
  })

  it('backs off on upstream errors and gives up after the attempt limit', async () => {
    const waits: number[] = []
    const errors = Array.from({ length: 10 }, () => new UpstreamError('ofauth', '503', 503))
    await expect(
      withApiRetry(failing(errors), {
        maxAttempts: 3,
        random: () => 0.5,
        sleep: async (ms) => void waits.push(ms),
      }),
    ).rejects.toBeInstanceOf(UpstreamError)
    // The one policy's full-jitter backoff: half of 1 s, then half of 2 s.
    expect(waits).toEqual([500, 1000])
  })

  it('never retries a refused key or a schema change', async () => {
    let calls = 0
    const call = async (): Promise<never> => {
      calls++
      throw calls === 1
        ? new AuthError('onlyfansapi', 'bad key', 401)
        : new SchemaDrift('onlyfansapi', 'data', 'x')
    }
    await expect(withApiRetry(call, { sleep: async () => undefined })).rejects.toBeInstanceOf(AuthError)
    expect(calls).toBe(1)
  })

  it('never retries a deterministic upstream error: each attempt would be paid for the same answer', async () => {
    const deterministic = [
      new UpstreamError('onlyfansapi', 'HTTP 200 with a body that is not JSON', 200),
      new UpstreamError('onlyfansapi', 'HTTP 422: VALIDATION_ERROR', 422),
      new UpstreamError('onlyfansapi', 'paging chats stopped: cursor "0" repeated'),
      new UpstreamError('fansmetric', 'answer larger than 32 MiB', 200, false),
    ]
    for (const error of deterministic) {
      let calls = 0
      const call = async (): Promise<never> => {
        calls++
        throw error
      }
      await expect(withApiRetry(call, { sleep: async () => undefined })).rejects.toBe(error)
      expect(calls, error.message).toBe(1)
    }
    for (const status of [408, 500, 502, 503, 524]) {
      const waits: number[] = []
      const errors = [new UpstreamError('ofauth', `HTTP ${status}`, status)]
      await expect(withApiRetry(failing(errors), { sleep: async (ms) => void waits.push(ms) })).resolves.toBe(
        'ok',
      )
      expect(waits, `HTTP ${status}`).toHaveLength(1)
    }
    // A network failure (no status) is marked retryable by the client that saw it.
    await expect(
      withApiRetry(failing([new UpstreamError('ofauth', 'ECONNRESET', null, true)]), {
        sleep: async () => undefined,
      }),
    ).resolves.toBe('ok')
  })

  it('does not sleep through a wait longer than the cap, and says when to try again', async () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0)
    const error = await withApiRetry(
      failing([new RateLimited('fansmetric', 'fansmetric: HTTP 429: daily limit', 999_999_999_000)]),
      { sleep: async () => undefined, now: () => now },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetryLater)
    expect((error as RetryLater).retryAt).toBe(now + 999_999_999_000)
    expect((error as Error).message).toBe(
      'fansmetric: HTTP 429: daily limit. The provider asks to wait; try again in 11574 days (at 2056-09-09 13:46 UTC).',
    )
    expect((error as Error).cause).toBeInstanceOf(RateLimited)
  })
})
