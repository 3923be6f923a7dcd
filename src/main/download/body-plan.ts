// Reading a download's response head: how its body relates to the temp file (fresh, resumed,
// already complete, or to be restarted), how long it may be, or the typed failure it means.
import type { Request, Response } from 'got'
import { localError } from './error-mapping'
import { PermanentDownloadError } from './errors'
import { errorForStatus, parseContentLength, parseContentRange, parseUnsatisfiedRange } from './http-answer'
import type { RangeRequest } from './request-options'
import { bodyLimit, defaultSizeCap, type BodyLimit } from './size-limits'
import { wantsMetaUpFront, writeMeta, type TempFileMeta } from './temp-file'

export interface Started {
  readonly stream: Request
  readonly response: Response
}

export interface PlanOptions {
  readonly expectedSize?: number | null
  readonly maxBytes?: number
  readonly now?: () => number
}

export interface Plan {
  /** Where the body starts in the file; 0 means the temp file is rewritten from scratch. */
  readonly offset: number
  /** The full file length when the server (or, failing that, the provider) said it. */
  readonly total: number | null
  /** The body is stopped, and nothing kept, once the file would grow past this. */
  readonly limit: BodyLimit
  /** The sidecar a small fresh (200) body writes only if it fails; null when it is written already. */
  readonly meta: TempFileMeta | null
  /** False only when no sidecar can be on disk, so a finished download need not unlink one. */
  readonly sidecarMayExist: boolean
}

/** Decides from the response head how the body relates to the temp file, or throws the typed failure. */
export async function planBody(
  { stream, response }: Started,
  range: RangeRequest | null,
  meta: TempFileMeta | null,
  opts: PlanOptions,
  tempPath: string,
  host: string,
): Promise<Plan | 'restart' | 'complete'> {
  const status = response.statusCode
  const headerError = errorForStatus(status, host, header(response, 'retry-after'), (opts.now ?? Date.now)())
  if (headerError) {
    stream.destroy()
    throw headerError
  }
  const length = parseContentLength(header(response, 'content-length'))
  const expected = opts.expectedSize ?? null

  if (status === 416) {
    stream.destroy()
    const total = parseUnsatisfiedRange(header(response, 'content-range'))
    return range && total === range.from ? 'complete' : 'restart'
  }
  if (status === 206) {
    const contentRange = parseContentRange(header(response, 'content-range'))
    const wanted = range?.from ?? 0
    const sameFile = meta?.total == null || contentRange?.total == null || meta.total === contentRange.total
    if (!contentRange || contentRange.start !== wanted || !sameFile) return 'restart'
    const announced = contentRange.total ?? (length === null ? null : wanted + length)
    const limit = limitFor(announced, stream, opts, host)
    return { offset: wanted, total: announced ?? expected, limit, meta: null, sidecarMayExist: true }
  }
  // 200: the whole file, whatever we asked for.
  const limit = limitFor(length, stream, opts, host)
  const total = length ?? expected
  const fresh: TempFileMeta = {
    etag: strongEtag(header(response, 'etag')),
    lastModified: header(response, 'last-modified') ?? null,
    total,
  }
  // A partial file that the server would not continue may have left a sidecar of its own.
  if (!wantsMetaUpFront(total))
    return { offset: 0, total, limit, meta: fresh, sidecarMayExist: range !== null }
  try {
    await writeMeta(tempPath, fresh)
  } catch (error) {
    stream.destroy()
    throw localError(error, host)
  }
  return { offset: 0, total, limit, meta: null, sidecarMayExist: true }
}

/**
 * The bound on this file's length, or a permanent failure when the response announces more than
 * the provider's size or the cap allow: nothing of such a body is written.
 */
function limitFor(announced: number | null, stream: Request, opts: PlanOptions, host: string): BodyLimit {
  const limit = bodyLimit(announced, opts.expectedSize ?? null, opts.maxBytes ?? defaultSizeCap)
  if (announced !== null && announced > limit.bytes) {
    stream.destroy()
    throw new PermanentDownloadError(
      `${host} announces ${announced} bytes, more than ${limitText(limit)}: not downloaded.`,
    )
  }
  return limit
}

export function limitText(limit: BodyLimit): string {
  return limit.source === 'provider'
    ? `the provider's size allows (${limit.bytes} bytes with slack)`
    : limit.source === 'cap'
      ? `a file of this kind may have (${limit.bytes} bytes)`
      : `it announced (${limit.bytes} bytes)`
}

export function header(response: Response, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Weak ETags cannot validate byte ranges (RFC 9110 §13.1.5), so only strong ones are kept. */
function strongEtag(etag: string | undefined): string | null {
  return etag && !etag.startsWith('W/') ? etag : null
}
