// Typed provider errors. Messages carry the provider's own words and never the API key.
import type { ProviderId } from '../../shared/domain'

export type ProviderErrorCode = 'auth' | 'rate_limited' | 'not_found' | 'upstream' | 'schema_drift'

export abstract class ProviderError extends Error {
  abstract readonly code: ProviderErrorCode
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
}

export class RateLimited extends ProviderError {
  readonly code = 'rate_limited' as const
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
}

/** 5xx, resets, truncated or non-JSON bodies: worth retrying later. */
export class UpstreamError extends ProviderError {
  readonly code = 'upstream' as const
}

/** The response no longer has the shape we parse; `path` names the field. */
export class SchemaDrift extends ProviderError {
  readonly code = 'schema_drift' as const
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
