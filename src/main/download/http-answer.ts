// Reading the parts of an HTTP answer that decide a download's fate: status classes, lengths and
// Content-Range. Pure functions over header values.
import type { DownloadError } from './errors'
import { PermanentDownloadError, RetryableDownloadError, UrlExpired } from './errors'
import { parseRetryAfter } from './retry-policy'

export interface ContentRange {
  readonly start: number
  readonly end: number
  /** Null for `*` (the server does not know the full length). */
  readonly total: number | null
}

/** `bytes 100-199/1000` or `bytes 100-199/*`; null when malformed. */
export function parseContentRange(value: string | undefined): ContentRange | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '')
  if (!match?.[1] || !match[2] || !match[3]) return null
  const start = Number(match[1])
  const end = Number(match[2])
  const total = match[3] === '*' ? null : Number(match[3])
  if (end < start || (total !== null && end >= total)) return null
  return { start, end, total }
}

// `bytes */1000`, sent with 416: the full length, or null.
export function parseUnsatisfiedRange(value: string | undefined): number | null {
  const match = /^bytes \*\/(\d+)$/.exec(value?.trim() ?? '')
  return match?.[1] ? Number(match[1]) : null
}

export function parseContentLength(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null
}

/**
 * The error for a status that carries no file, or null for 200/206/416 (handled by the caller).
 * 403 on a download is an expired signed URL (design §8), not a refused key.
 */
export function errorForStatus(
  status: number,
  host: string,
  retryAfter: string | undefined,
  nowMs: number,
): DownloadError | null {
  if (status === 200 || status === 206 || status === 416) return null
  if (status === 403 || status === 410) {
    return new UrlExpired(
      `Download URL on ${host} was refused (HTTP ${status}): refresh it from the provider.`,
      status,
    )
  }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs)
    const when = retryAfterMs === null ? 'later' : `in ${Math.ceil(retryAfterMs / 1000)} s`
    return new RetryableDownloadError(
      `${host} is rate limiting downloads (HTTP ${status}): retry ${when}.`,
      status,
      retryAfterMs,
    )
  }
  if (status === 408 || status === 425 || status >= 500) {
    return new RetryableDownloadError(`${host} answered HTTP ${status}: retry later.`, status)
  }
  if (status >= 400) {
    return new PermanentDownloadError(
      `${host} answered HTTP ${status} for a download: the file is not available there.`,
      status,
    )
  }
  // 1xx/3xx that reached us were not followed (no Location, or too many hops) and 2xx other than 200/206
  // have no body we can use.
  return new PermanentDownloadError(`${host} answered HTTP ${status}, which carries no file.`, status)
}
