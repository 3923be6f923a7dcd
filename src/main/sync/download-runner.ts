// The downloads of one sync: starts each open job of the items the listing hands over (once, even
// when an item is listed in two chats) through the download queue, and writes each outcome on the
// job's row. A cancelled or interrupted download leaves its job pending and its partial temp file
// for the next sync; nothing but a whole, hashed file is ever recorded as downloaded.
import type { VariantKind } from '../../shared/domain'
import type { Catalog } from '../catalog/catalog'
import { DiskFullError, DownloadCancelled, hostOf } from '../download/errors'
import { DownloadQueue } from '../download/queue'
import { defaultRetryPolicy, type RetryPolicy } from '../download/retry-policy'
import { AuthError } from '../providers/errors'
import { asDiskFull, bestEffort } from './disk-full'
import { runDownloadJob, type DownloadJobDeps } from './download-job'
import type { WorkItem } from './ingest'
import { expectedSize } from './media-plan'
import type { ProgressTracker } from './progress-tracker'

export interface DownloadRunnerDeps {
  readonly catalog: Catalog
  readonly job: DownloadJobDeps
  readonly tracker: ProgressTracker
  readonly concurrency?: number
  readonly perHostConcurrency?: number
  readonly retryPolicy?: RetryPolicy
  /** Ends the whole sync (a full disk, a refused key). */
  readonly fail: (error: Error) => void
  /** True once the sync is ending: failures then leave jobs pending as they are. */
  readonly stopping: () => boolean
}

export class DownloadRunner {
  private readonly queue: DownloadQueue
  /** `${mediaRowId}:${kind}` of the jobs this run has taken on. */
  private readonly taken = new Set<string>()

  constructor(private readonly deps: DownloadRunnerDeps) {
    this.queue = new DownloadQueue({
      concurrency: deps.concurrency ?? 8,
      perHostConcurrency: deps.perHostConcurrency ?? 6,
      retryPolicy: deps.retryPolicy ?? defaultRetryPolicy,
    })
  }

  get bytesProgress(): ReturnType<DownloadQueue['progress']> {
    return this.queue.progress()
  }

  /** Takes on the open jobs of one item. */
  enqueue(item: WorkItem): void {
    const jobs = this.deps.catalog.jobs.forMedia(item.mediaRowId)
    for (const kind of item.kinds) {
      const key = `${item.mediaRowId}:${kind}`
      const job = jobs.find((j) => j.kind === kind && (j.status === 'pending' || j.status === 'running'))
      if (this.taken.has(key) || !job) continue
      this.taken.add(key)
      this.start(job.id, item, kind)
    }
  }

  /** Resolves once every started download has ended; rejects with the DiskFullError that stopped them. */
  drain(): Promise<void> {
    return this.queue.onIdle()
  }

  pause(): void {
    this.queue.pause()
  }

  resume(): void {
    this.queue.resume()
  }

  /** Aborts running downloads (their partial files stay) and waits until every one has ended. */
  async stop(): Promise<void> {
    this.queue.cancel()
    await this.queue.onIdle().catch(() => undefined)
  }

  private start(jobId: number, item: WorkItem, kind: VariantKind): void {
    const { tracker, job: jobDeps } = this.deps
    const size = expectedSize(item.media, kind)
    const first = jobDeps.adapter.resolveDownload(jobDeps.ctx, item.media, kind, jobDeps.quality)
    tracker.expect(item.chatExternalId, size)
    if (size) this.queue.expectBytes(size)
    const input = {
      jobId,
      mediaRowId: item.mediaRowId,
      kind,
      chatExternalId: item.chatExternalId,
      expectedSize: size,
      media: item.media,
    }
    this.queue
      .add({
        host: first ? hostOf(first.url) : 'unknown',
        run: (task) => runDownloadJob(jobDeps, input, task),
      })
      .then(
        (result) => {
          tracker.counters.bytes += result.bytes
          if (kind === 'full') tracker.counters.downloaded++
          tracker.finished(item.chatExternalId, result.bytes, true)
        },
        (error: unknown) => {
          tracker.finished(item.chatExternalId, 0, false)
          this.failed(jobId, item.mediaRowId, kind, error)
        },
      )
  }

  private failed(jobId: number, mediaRowId: number, kind: VariantKind, error: unknown): void {
    const { catalog, fail } = this.deps
    const mapped = asDiskFull(error)
    const err = mapped instanceof Error ? mapped : new Error(String(mapped))
    if (err instanceof DiskFullError || err instanceof AuthError) return fail(err)
    // Cancelled or interrupted: the job stays pending and the next sync resumes it.
    if (err instanceof DownloadCancelled || this.deps.stopping()) {
      bestEffort(() => catalog.jobs.setStatus(jobId, 'pending'), fail)
      return
    }
    bestEffort(
      () =>
        catalog.transaction(() => {
          catalog.jobs.recordFailure(jobId, err.message, null)
          if (kind === 'full') catalog.media.setStatus(mediaRowId, 'failed')
        }),
      fail,
    )
  }
}
