// Typed provider errors. Messages carry the provider's own words and never the API key.
// `retryable` says whether asking again can get another answer: the sync layer retries only those
// (each attempt is a paid request), so a deterministic failure costs one request, not six.
import type { ProviderId } from '../../shared/domain'

export type ProviderErrorCode = 'auth' | 'rate_limited' | 'not_found' | 'upstream' | 'schema_drift'

export abstract class ProviderError extends Error {
  abstract readonly code: ProviderErrorCode
  abstract readonly retryable: boolean
  constructor(
    readonly provider: ProviderId,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** 401, 402, 403 on an API call, FansMetric's 424: the key, plan or permission is refused. */
export class AuthError extends ProviderError {
  readonly code = 'auth' as const
  readonly retryable = false
}

export class RateLimited extends ProviderError {
  readonly code = 'rate_limited' as const
  readonly retryable = true
  constructor(
    provider: ProviderId,
    message: string,
    /** Milliseconds to wait, from Retry-After or the provider's reset header. */
    readonly retryAfterMs: number,
    status: number | null = 429,
  ) {
    super(provider, message, status)
  }
}

export class NotFound extends ProviderError {
  readonly code = 'not_found' as const
  readonly retryable = false
}

/**
 * The provider failed or misbehaved. Transient (retryable) by default only for what can pass: a 5xx,
 * 408 or 429 status; `http.ts` marks network failures (resets, timeouts, cut bodies) retryable
 * itself. Everything else is deterministic: other 4xx, a 200 whose body is not JSON, too big or too
 * deep, and errors raised without a status by our own checks of what the provider sent (a repeated
 * cursor, the page limit, an invalid cursor): the same request would get the same answer.
 */
export class UpstreamError extends ProviderError {
  readonly code = 'upstream' as const
  readonly retryable: boolean
  constructor(provider: ProviderId, message: string, status: number | null = null, retryable?: boolean) {
    super(provider, message, status)
    this.retryable = retryable ?? isTransientStatus(status)
  }
}

/** The response no longer has the shape we parse; `path` names the field. */
export class SchemaDrift extends ProviderError {
  readonly code = 'schema_drift' as const
  readonly retryable = false
  constructor(
    provider: ProviderId,
    readonly path: string,
    message: string,
  ) {
    super(provider, `${provider}: unexpected response at ${path || '(root)'}: ${message}`, null)
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError
}

/** Statuses after which the same request may succeed: server trouble, timeouts, rate limits. */
export function isTransientStatus(status: number | null): boolean {
  return status !== null && (status >= 500 || status === 408 || status === 429)
}
