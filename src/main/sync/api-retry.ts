// API calls made by a sync (listing, refreshing) wait out rate limits and retry passing upstream
// failures a few times; errors that are not `retryable` (key, permission, shape, a 200 that is not
// JSON, a repeated cursor) end the sync at once: asking again would be paid for the same answer.
import { abortableSleep } from '../abortable-sleep'
import { isProviderError, RateLimited } from '../providers/errors'

export interface ApiRetryOptions {
  readonly maxAttempts?: number
  /** Longer waits than this are not slept through: the sync stops and says when to try again. */
  readonly maxWaitMs?: number
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly signal?: AbortSignal
  readonly random?: () => number
  readonly onWait?: (ms: number, reason: string) => void
}

export async function withApiRetry<T>(call: () => Promise<T>, options: ApiRetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 6
  const maxWaitMs = options.maxWaitMs ?? 120_000
  const random = options.random ?? Math.random
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (!isProviderError(error) || !error.retryable || attempt >= maxAttempts) throw error
      const wait =
        error instanceof RateLimited
          ? Math.max(error.retryAfterMs, 250)
          : Math.min(30_000, 500 * 2 ** (attempt - 1)) * (0.5 + random() / 2)
      if (wait > maxWaitMs) throw error
      options.onWait?.(wait, error.message)
      await (options.sleep ?? abortableSleep)(wait, options.signal)
    }
  }
}
