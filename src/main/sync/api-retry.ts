// API calls made by a sync (listing, refreshing) under the one retry policy (download/retry-policy):
// rate limits are waited out and passing upstream failures retried a few times; key, permission,
// shape and deterministic errors end the sync at once; a wait longer than a sync should sleep
// ends it with the time to try again.
import { abortableSleep } from '../abortable-sleep'
import {
  decideRetry,
  defaultRetryPolicy,
  describeWait,
  RetryLater,
  type RandomSource,
  type RetryPolicy,
} from '../download/retry-policy'

export interface ApiRetryOptions {
  readonly policy?: RetryPolicy
  /** Overrides `policy.maxAttempts` (tests that want one attempt). */
  readonly maxAttempts?: number
  /** Overrides `policy.maxWaitMs`. */
  readonly maxWaitMs?: number
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly signal?: AbortSignal
  readonly random?: RandomSource
  readonly now?: () => number
  readonly onWait?: (ms: number, reason: string) => void
}

export { RetryLater }

export async function withApiRetry<T>(call: () => Promise<T>, options: ApiRetryOptions = {}): Promise<T> {
  const base = options.policy ?? defaultRetryPolicy
  const policy: RetryPolicy = {
    ...base,
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    ...(options.maxWaitMs !== undefined && { maxWaitMs: options.maxWaitMs }),
  }
  const random = options.random ?? Math.random
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      const decision = decideRetry(error, attempt, policy, random)
      if (decision.action === 'defer') {
        const now = (options.now ?? Date.now)()
        const said = error instanceof Error ? error.message.replace(/[\s.:;]+$/, '') : String(error)
        throw new RetryLater(
          now + decision.delayMs,
          decision.delayMs,
          `${said}. The provider asks to wait; try again ${describeWait(decision.delayMs, now)}.`,
          { cause: error },
        )
      }
      if (decision.action !== 'retry') throw error
      options.onWait?.(decision.delayMs, error instanceof Error ? error.message : String(error))
      await (options.sleep ?? abortableSleep)(decision.delayMs, options.signal)
    }
  }
}
