// One download: stream a DownloadRequest into the store's temp file while hashing, resume a partial
// temp file with Range, and commit into the content-addressed store only when every byte arrived.
import { createHash, type Hash } from 'node:crypto'
import { once } from 'node:events'
import type { Delays, Request, Response } from 'got'
import type { DownloadRequest } from '../providers/types'
import { extensionFor, mimeFor } from '../store/extension'
import type { FileStore, SyncedTemp } from '../store/file-store'
import {
  DownloadError,
  DownloadTooSlow,
  PermanentDownloadError,
  RetryableDownloadError,
  UrlExpired,
  hostOf,
} from './errors'
import { localError, networkError } from './error-mapping'
import { header, limitText, planBody, type Plan, type PlanOptions, type Started } from './body-plan'
import { defaultPaceLimits, PaceWatch, type PaceLimits } from './pace'
import {
  defaultTimeouts,
  downloadClient,
  downloadHeaders,
  requestOptions,
  type OnRedirect,
  type RangeRequest,
} from './request-options'
import {
  hashPrefix,
  metaThresholdBytes,
  openTempFile,
  readMeta,
  removeMeta,
  removeTemp,
  sizeOf,
  writeMeta,
  type OpenTempFile,
  type TempFileMeta,
  type TempFileSink,
} from './temp-file'
import { WriteCoalescer } from './write-coalescer'

export interface FetchToFileOptions extends PlanOptions {
  readonly store: FileStore
  /** Stable per job: the same key finds the same temp file after a crash. */
  readonly key: string
  readonly signal?: AbortSignal
  /**
   * The provider's size: the completeness check when the server sends no length of its own, and
   * (with a little slack, see size-limits.ts) a bound on what the server may send or announce.
   */
  readonly expectedSize?: number | null
  /** The most bytes a file of this kind may have (`sizeCapFor`); the largest cap when absent. */
  readonly maxBytes?: number
  /** Called with the number of bytes each chunk adds (network bytes, not counting a resumed prefix). */
  readonly onProgress?: (chunkBytes: number) => void
  readonly now?: () => number
  readonly timeouts?: Readonly<Delays>
  /** How slow a body may be before it is left for later (pace.ts); tests shorten it. */
  readonly pace?: PaceLimits
  /**
   * Called once the whole body has arrived and before the disk work (flush, fsync, commit) that
   * no longer needs the connection; the queue's `releaseSlot` goes here.
   */
  readonly onBodyReceived?: () => void
  /** Told each redirect target before it is requested (the queue's `switchHost`). */
  readonly onRedirect?: OnRedirect
  /** Where bytes are written; a test can stand in a disk that fills up. */
  readonly openTempFile?: OpenTempFile
}

export interface FetchResult {
  readonly sha256: string
  readonly size: number
  readonly mime: string
  readonly relPath: string
  readonly absPath: string
  /** True when the stored bytes began with a partial temp file from an earlier attempt. */
  readonly resumed: boolean
}

export async function fetchToFile(request: DownloadRequest, opts: FetchToFileOptions): Promise<FetchResult> {
  const now = opts.now ?? Date.now
  const host = hostOf(request.url)
  if (request.expiresAt !== null && request.expiresAt <= now()) {
    throw new UrlExpired(
      `Download URL on ${host} expired before the download started: refresh it from the provider.`,
    )
  }
  const tempPath = opts.store.tempPathFor(opts.key)
  const found = await sizeOf(tempPath)
  const meta = found > 0 ? await readMeta(tempPath) : null
  // A small body writes its sidecar only when it fails, so a small partial without one was cut off
  // by a crash: nothing says which version of the file it holds, and resuming it without If-Range
  // could splice two versions. Fetching under 1 MiB again is cheaper than that risk.
  const existing = found > 0 && meta === null && found < metaThresholdBytes ? 0 : found
  const range: RangeRequest | null =
    existing > 0 ? { from: existing, validator: meta?.etag ?? meta?.lastModified ?? null } : null

  const first = await startRequest(request, range, opts)
  const plan = await planBody(first, range, meta, opts, tempPath, host)
  if (plan === 'complete')
    return finish(
      tempPath,
      { sha256: await hashWhole(tempPath, existing), size: existing, resumed: true },
      first.response,
      null,
      true,
      opts,
    )
  if (plan === 'restart') {
    // The server would not continue the partial file; start over with a plain request.
    first.stream.destroy()
    await removeTemp(tempPath)
    const fresh = await startRequest(request, null, opts)
    const freshPlan = await planBody(fresh, null, null, opts, tempPath, host)
    if (typeof freshPlan === 'string') {
      fresh.stream.destroy()
      throw new RetryableDownloadError(`${host} sent an unusable answer to a plain request: retry later.`)
    }
    return streamBody(fresh, freshPlan, tempPath, host, opts)
  }
  return streamBody(first, plan, tempPath, host, opts)
}

async function startRequest(
  request: DownloadRequest,
  range: RangeRequest | null,
  opts: FetchToFileOptions,
): Promise<Started> {
  const options = requestOptions(
    downloadHeaders(request.headers, range),
    opts.signal,
    opts.timeouts ?? defaultTimeouts,
    opts.onRedirect,
  )
  let stream: Request | undefined
  try {
    // Inside the try: a malformed URL or option may throw here rather than on the stream.
    stream = downloadClient.stream(request.url, options)
    // Listening before the head is awaited: a protocol error in the same packet as the head (bytes
    // after Content-Length, a bad chunk size) is emitted right after 'response', before the code
    // after this await runs, and an 'error' with no listener kills the process. The same holds in
    // the gap before the body loop (re-hashing a resumed prefix). Swallowing it here loses nothing:
    // `once` below rejects with an error that comes first, and the body loop reads a later one
    // from `stream.errored`.
    stream.on('error', ignoreHere)
    const [response] = (await once(stream, 'response')) as [Response]
    return { stream, response }
  } catch (error) {
    stream?.destroy()
    throw networkError(error, hostOf(request.url), opts.signal)
  }
}

async function streamBody(
  { stream, response }: Started,
  plan: Plan,
  tempPath: string,
  host: string,
  opts: FetchToFileOptions,
): Promise<FetchResult> {
  const hash = createHash('sha256')
  if (plan.offset > 0) await hashPrefix(hash, tempPath, plan.offset)
  const open = opts.openTempFile ?? openTempFile
  let sink: TempFileSink
  try {
    sink = await open(tempPath, plan.offset > 0 ? 'append' : 'truncate')
  } catch (error) {
    stream.destroy()
    throw localError(error, host)
  }

  const writer = new WriteCoalescer(sink)
  const now = opts.now ?? Date.now
  const expecting = plan.total === null ? null : plan.total - plan.offset
  const pace = new PaceWatch(opts.pace ?? defaultPaceLimits, now(), expecting)
  let size = plan.offset
  // False once the temp file is known to be useless for a resume (it was removed).
  let keepPartial = true
  try {
    try {
      if (stream.errored) throw stream.errored
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (size + chunk.length > plan.limit.bytes) {
          // A lying or endless body: stop reading now, rather than write it all and delete it.
          stream.destroy()
          keepPartial = false
          await discard(writer, sink, tempPath)
          throw new PermanentDownloadError(
            `${host} sent more than ${limitText(plan.limit)}: stopped, nothing kept.`,
          )
        }
        const slow = pace.record(chunk.length, now())
        if (slow) {
          stream.destroy()
          throw new DownloadTooSlow(
            `${host} is too slow (${slow.reason}): left for a later attempt, the part received is kept.`,
          )
        }
        hash.update(chunk)
        await writeTo(writer, chunk, host)
        size += chunk.length
        opts.onProgress?.(chunk.length)
      }
    } catch (error) {
      throw error instanceof DownloadError ? error : networkError(error, host, opts.signal)
    }
    if (plan.total !== null && size < plan.total) {
      throw new RetryableDownloadError(
        `Download from ${host} ended after ${size} of ${plan.total} bytes: retry to resume it.`,
      )
    }
    opts.onBodyReceived?.()
    try {
      await writer.flush()
      // The one fsync of this file: the store trusts it and does not open the file again.
      await sink.sync()
    } catch (error) {
      throw localError(error, host)
    }
  } catch (error) {
    if (keepPartial) await keepForResume(writer, tempPath, plan.meta)
    throw error
  } finally {
    // Closing twice is harmless here; a failed close must not hide the error that got us here.
    await sink.close().catch(() => undefined)
  }
  const done: Finished = { sha256: hash.digest('hex'), size, resumed: plan.offset > 0 }
  return finish(tempPath, done, response, { size }, plan.sidecarMayExist, opts)
}

/**
 * A failed download leaves its prefix for the next attempt: the bytes that already arrived, and the
 * sidecar a small body skipped (best effort: on a full disk even that may not fit, and a resume
 * without a validator is what a missing sidecar always meant).
 */
async function keepForResume(
  writer: WriteCoalescer,
  tempPath: string,
  meta: TempFileMeta | null,
): Promise<void> {
  await writer.salvage()
  if (meta) await writeMeta(tempPath, meta).catch(() => undefined)
}

/** Drops a temp file whose bytes are known to be wrong, sidecar included. */
async function discard(writer: WriteCoalescer, sink: TempFileSink, tempPath: string): Promise<void> {
  await writer.salvage()
  await sink.close().catch(() => undefined)
  await removeTemp(tempPath)
}

interface Finished {
  readonly sha256: string
  readonly size: number
  readonly resumed: boolean
}

/**
 * Commits the temp file. `synced` is set when this attempt wrote and fsynced the whole file itself;
 * a temp file found complete on disk (416) was written by an earlier process and is synced by the
 * store.
 */
async function finish(
  tempPath: string,
  { sha256, size, resumed }: Finished,
  response: Response,
  synced: SyncedTemp | null,
  sidecarMayExist: boolean,
  opts: FetchToFileOptions,
): Promise<FetchResult> {
  const contentType = header(response, 'content-type')
  const finalUrl = response.url || response.requestUrl.toString()
  const ext = extensionFor(contentType, finalUrl)
  let stored
  try {
    stored = await opts.store.commit(tempPath, sha256, ext, synced ?? undefined)
  } catch (error) {
    throw localError(error, hostOf(finalUrl))
  }
  // The commit moved or dropped the temp file; only a sidecar can be left. A fresh small body never
  // wrote one, so it skips that unlink.
  if (sidecarMayExist) await removeMeta(tempPath)
  return {
    sha256,
    size,
    mime: mimeFor(contentType, ext),
    relPath: stored.relPath,
    absPath: stored.absPath,
    resumed,
  }
}

function ignoreHere(): void {}

async function hashWhole(file: string, length: number): Promise<string> {
  const hash: Hash = createHash('sha256')
  await hashPrefix(hash, file, length)
  return hash.digest('hex')
}

async function writeTo(writer: WriteCoalescer, chunk: Buffer, host: string): Promise<void> {
  try {
    await writer.push(chunk)
  } catch (error) {
    throw localError(error, host)
  }
}
