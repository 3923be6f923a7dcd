// Turns what Node, the file system and got throw into the typed download errors. Only error codes
// are kept: got's errors carry the request options (headers with keys), so they are never wrapped.
import {
  DiskFullError,
  DownloadCancelled,
  DownloadError,
  PermanentDownloadError,
  RetryableDownloadError,
} from './errors'

function errnoCode(error: unknown): string {
  return error instanceof Error ? String((error as NodeJS.ErrnoException).code ?? '') : ''
}

/** Errors from our own disk. */
export function localError(error: unknown, host: string): Error {
  const code = errnoCode(error)
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DiskFullError(
      `The disk holding the archive is full (${code}) while downloading from ${host}: free some space, then sync again to resume.`,
    )
  }
  return error instanceof Error ? error : new Error(String(error))
}

const permanentNetworkCodes: ReadonlySet<string> = new Set([
  'ERR_TOO_MANY_REDIRECTS',
  'ERR_INVALID_URL',
  'ERR_UNSUPPORTED_PROTOCOL',
])

/** Errors from the network side. The message keeps the code only: got's errors carry the request options. */
export function networkError(error: unknown, host: string, signal: AbortSignal | undefined): DownloadError {
  if (error instanceof DownloadError) return error
  const code = errnoCode(error)
  if (signal?.aborted || code === 'ERR_ABORTED') {
    return new DownloadCancelled(
      `Download from ${host} was cancelled; the partial file is kept for the next sync.`,
    )
  }
  if (permanentNetworkCodes.has(code)) {
    return new PermanentDownloadError(`Download from ${host} cannot be requested (${code}).`)
  }
  if (code === 'ETIMEDOUT') return new RetryableDownloadError(`Download from ${host} timed out: retry later.`)
  // llhttp's codes: the server broke HTTP framing (bytes after Content-Length, a bad chunk size).
  // A server that builds a broken answer for a file builds it again: not retried in this sync (a
  // cut connection is a reset, not one of these); the next sync tries once more.
  if (code.startsWith('HPE_')) {
    return new PermanentDownloadError(
      `${host} sent a malformed HTTP response (${code}): not retried in this sync.`,
    )
  }
  return new RetryableDownloadError(`Download from ${host} failed (${code || 'network error'}): retry later.`)
}
