// Typed download failures: each class tells the caller what to do next. Messages are one line and
// name only the host (signed URLs carry credentials in the query; headers carry API keys).

export type DownloadErrorCode = 'url_expired' | 'retryable' | 'permanent' | 'disk_full' | 'cancelled'

export abstract class DownloadError extends Error {
  abstract readonly code: DownloadErrorCode
  constructor(
    message: string,
    /** HTTP status when the failure was an HTTP answer. */
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The signed URL is refused (403, 410) or already past its expiry: refresh it from the provider. */
export class UrlExpired extends DownloadError {
  readonly code = 'url_expired' as const
}

/** Worth trying again later: 429, 5xx, resets, timeouts, truncated bodies. */
export class RetryableDownloadError extends DownloadError {
  readonly code = 'retryable' as const
  constructor(
    message: string,
    status: number | null = null,
    /** From Retry-After when the server sent one. */
    readonly retryAfterMs: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, status, options)
  }
}

/**
 * The body came too slowly (see pace.ts). Worth another try, but not soon: the CDN may be healthier
 * in a while, and the sync moves on meanwhile. The partial file is kept for the resume.
 */
export class DownloadTooSlow extends RetryableDownloadError {
  /** How long a slow file is left alone: long enough for a congested CDN edge to recover. */
  static readonly retryAfterMs = 10 * 60_000
  constructor(message: string) {
    super(message, null, DownloadTooSlow.retryAfterMs)
  }
}

/** 404 and other 4xx: retrying the same request will not help. */
export class PermanentDownloadError extends DownloadError {
  readonly code = 'permanent' as const
}

/** The disk (or quota) is full. The partial temp file is kept so the download resumes once there is room. */
export class DiskFullError extends DownloadError {
  readonly code = 'disk_full' as const
}

/** The caller aborted the download; the partial temp file is kept for a later resume. */
export class DownloadCancelled extends DownloadError {
  readonly code = 'cancelled' as const
}

export function isDownloadError(error: unknown): error is DownloadError {
  return error instanceof DownloadError
}

/** The host of a URL for messages, never its path or query (signatures live there). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return '(invalid URL)'
  }
}
