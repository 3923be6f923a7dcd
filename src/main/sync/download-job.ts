// One file of one media item: resolve its URL through the adapter, stream it into the store, and
// only then tell the catalog it is downloaded. An expired URL is refreshed, not retried blindly.
import type { VariantKind, VideoQuality } from '../../shared/domain'
import type { Catalog } from '../catalog/catalog'
import { hostOf, PermanentDownloadError, UrlExpired } from '../download/errors'
import { fetchToFile } from '../download/fetch-to-file'
import type { TaskContext } from '../download/queue'
import type { PaceLimits } from '../download/pace'
import { sizeCapFor } from '../download/size-limits'
import type { AdapterContext, ProviderAdapter, ProviderMedia } from '../providers/types'
import type { FileStore } from '../store/file-store'
import { asDiskFull } from './disk-full'
import type { RefreshBatcher } from './refresh-batcher'

export interface DownloadJobDeps {
  /** Writes finished downloads' rows, several per transaction; one per sync run. */
  readonly commits: CatalogCommitBatcher
  readonly store: FileStore
  readonly adapter: ProviderAdapter
  readonly ctx: AdapterContext
  readonly refresher: RefreshBatcher
  readonly quality: VideoQuality
  /** Fresh URLs asked for per file before giving up on it. */
  readonly maxRefreshes?: number
  /** How slow a body may be before it is left for later; the default outside tests. */
  readonly pace?: PaceLimits
}

export interface DownloadJobInput {
  readonly jobId: number
  readonly mediaRowId: number
  readonly kind: VariantKind
  readonly chatExternalId: string
  readonly expectedSize: number | null
  media: ProviderMedia
}

export interface DownloadJobResult {
  readonly bytes: number
  readonly sha256: string
  readonly resumed: boolean
}

/**
 * The key of one file's download: the store derives its temp file from it, so the same key finds
 * the same partial file after a crash (and the sync knows which partials may still resume).
 */
export function downloadKey(
  provider: string,
  account: string,
  providerMediaId: string,
  kind: VariantKind,
): string {
  return `${provider}:${account}:${providerMediaId}:${kind}`
}

export async function runDownloadJob(
  deps: DownloadJobDeps,
  job: DownloadJobInput,
  task: TaskContext,
): Promise<DownloadJobResult> {
  const { adapter, ctx } = deps
  const maxRefreshes = deps.maxRefreshes ?? 3
  // No 'running' row write: nothing reads it while this process lives (run-sync and the gallery
  // treat pending and running alike), and a crash resets running jobs to pending at start-up
  // anyway. It was one SQLite statement per file for no reader.
  for (let refreshes = 0; ; refreshes++) {
    const request = adapter.resolveDownload(ctx, job.media, job.kind, deps.quality)
    if (!request) {
      throw new PermanentDownloadError(
        `${adapter.id} offers no ${job.kind} file for media ${job.media.providerMediaId}.`,
      )
    }
    try {
      const result = await fetchToFile(request, {
        store: deps.store,
        key: downloadKey(adapter.id, ctx.account, job.media.providerMediaId, job.kind),
        signal: task.signal,
        expectedSize: job.expectedSize,
        maxBytes: sizeCapFor(job.media.type, job.kind),
        ...(deps.pace && { pace: deps.pace }),
        onProgress: task.reportBytes,
        onBodyReceived: task.releaseSlot,
        onRedirect: (url) => task.switchHost(hostOf(url)),
      })
      // The file is fsynced and in place; now the catalog may say so, all in one transaction.
      await deps.commits.commit(job, result)
      return { bytes: result.size, sha256: result.sha256, resumed: result.resumed }
    } catch (error) {
      if (!(error instanceof UrlExpired) || refreshes >= maxRefreshes) throw asDiskFull(error)
      const fresh = await deps.refresher.refresh(job.chatExternalId, job.media.providerMediaId)
      if (!fresh) {
        throw new PermanentDownloadError(
          `${adapter.id} no longer lists media ${job.media.providerMediaId} in chat ${job.chatExternalId}.`,
        )
      }
      job.media = fresh
    }
  }
}

interface StoredResult {
  readonly sha256: string
  readonly size: number
  readonly mime: string
  readonly relPath: string
}

interface PendingCommit {
  readonly job: DownloadJobInput
  readonly result: StoredResult
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/**
 * Writes the rows of downloads that finished in the same turn of the event loop in one
 * transaction: a commit per file was the biggest single SQLite cost of many small files. Each
 * file's rows still land all together or not at all; a batch that fails is retried file by file,
 * so one bad row cannot fail its neighbours.
 */
export class CatalogCommitBatcher {
  private readonly catalog: Catalog
  private pending: PendingCommit[] = []

  constructor(catalog: Catalog) {
    this.catalog = catalog
  }

  commit(job: DownloadJobInput, result: StoredResult): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ job, result, resolve, reject })
      if (this.pending.length === 1) setImmediate(() => this.flush())
    })
  }

  private flush(): void {
    const batch = this.pending
    this.pending = []
    try {
      this.catalog.transaction(() => batch.forEach((p) => writeRows(this.catalog, p.job, p.result)))
      batch.forEach((p) => p.resolve())
      return
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error)
    }
    for (const p of batch) {
      try {
        this.catalog.transaction(() => writeRows(this.catalog, p.job, p.result))
        p.resolve()
      } catch (error) {
        p.reject(error)
      }
    }
  }
}

function writeRows(catalog: Catalog, job: DownloadJobInput, result: StoredResult): void {
  const file = catalog.files.add({
    sha256: result.sha256,
    size: result.size,
    mime: result.mime,
    relPath: result.relPath,
  })
  catalog.media.attachFile(job.mediaRowId, job.kind, file.id)
  catalog.jobs.done(job.jobId)
  if (job.kind === 'full') catalog.media.setStatus(job.mediaRowId, 'downloaded')
}
