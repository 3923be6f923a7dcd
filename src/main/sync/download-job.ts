// One file of one media item: resolve its URL through the adapter, stream it into the store, and
// only then tell the catalog it is downloaded. An expired URL is refreshed, not retried blindly.
import type { VariantKind, VideoQuality } from '../../shared/domain'
import type { Catalog } from '../catalog/catalog'
import { PermanentDownloadError, UrlExpired } from '../download/errors'
import { fetchToFile } from '../download/fetch-to-file'
import type { TaskContext } from '../download/queue'
import type { AdapterContext, ProviderAdapter, ProviderMedia } from '../providers/types'
import type { FileStore } from '../store/file-store'
import { asDiskFull } from './disk-full'
import type { RefreshBatcher } from './refresh-batcher'

export interface DownloadJobDeps {
  readonly catalog: Catalog
  readonly store: FileStore
  readonly adapter: ProviderAdapter
  readonly ctx: AdapterContext
  readonly refresher: RefreshBatcher
  readonly quality: VideoQuality
  /** Fresh URLs asked for per file before giving up on it. */
  readonly maxRefreshes?: number
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

export async function runDownloadJob(
  deps: DownloadJobDeps,
  job: DownloadJobInput,
  task: TaskContext,
): Promise<DownloadJobResult> {
  const { catalog, adapter, ctx } = deps
  const maxRefreshes = deps.maxRefreshes ?? 3
  try {
    catalog.jobs.setStatus(job.jobId, 'running')
  } catch (error) {
    throw asDiskFull(error)
  }
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
        key: `${adapter.id}:${ctx.account}:${job.media.providerMediaId}:${job.kind}`,
        signal: task.signal,
        expectedSize: job.expectedSize,
        onProgress: task.reportBytes,
      })
      // The file is fsynced and in place; now the catalog may say so, all in one transaction.
      commitToCatalog(catalog, job, result)
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

function commitToCatalog(
  catalog: Catalog,
  job: DownloadJobInput,
  result: { readonly sha256: string; readonly size: number; readonly mime: string; readonly relPath: string },
): void {
  catalog.transaction(() => {
    const file = catalog.files.add({
      sha256: result.sha256,
      size: result.size,
      mime: result.mime,
      relPath: `files/${result.relPath}`,
    })
    catalog.media.attachFile(job.mediaRowId, job.kind, file.id)
    catalog.jobs.setStatus(job.jobId, 'done')
    if (job.kind === 'full') catalog.media.setStatus(job.mediaRowId, 'downloaded')
  })
}
