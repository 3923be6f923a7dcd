// Background exports for the app and serve mode: start returns at once with an id, progress goes
// out as events, cancel aborts between files. The CLI calls exportArchive directly instead.
import { isAbsolute } from 'node:path'
import type { Catalog } from '../catalog/catalog'
import type { MediaFilter } from '../catalog/repositories/gallery-where'
import { resolveExportRoot } from './confine'
import type { PlaceMode } from './place-file'
import { exportArchive } from './runner'
import { parseTemplate, TemplateError } from './template'
import type { ExportOptions, ExportProgress, ExportSummary } from './types'

export interface ExportRequest {
  readonly to: string
  readonly mediaIds?: readonly number[]
  readonly filter?: MediaFilter
  readonly template?: string
  readonly mode: PlaceMode
}

export interface ExportJobStatus extends ExportProgress {
  readonly exportId: number
  readonly to: string
  readonly summary: ExportSummary | null
  readonly error: string | null
}

export interface ExportJobsDeps {
  readonly catalog: Catalog
  readonly dataDir: string
  readonly emit: (status: ExportJobStatus) => void
  /** Replaceable in tests. */
  readonly run?: (options: ExportOptions) => Promise<ExportSummary>
  /** Milliseconds between progress events within one phase. */
  readonly throttleMs?: number
}

/** A request the caller got wrong: shown to the user as it is. */
export class ExportRequestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExportRequestError'
  }
}

const keepFinished = 20

/**
 * Why a template from the window is refused, or null. Besides parsing, it must end with ".{ext}":
 * a request from the window may only name media files, never e.g. a ".desktop" or ".lnk" file.
 */
export function windowTemplateProblem(template: string): string | null {
  try {
    parseTemplate(template)
  } catch (error) {
    if (error instanceof TemplateError) return error.message
    throw error
  }
  return template.endsWith('.{ext}') ? null : 'The template must end with ".{ext}".'
}

export class ExportJobs {
  private nextId = 1
  private readonly jobs = new Map<
    number,
    { status: ExportJobStatus; readonly controller: AbortController; readonly root: string }
  >()

  constructor(private readonly deps: ExportJobsDeps) {}

  async start(request: ExportRequest): Promise<{ exportId: number }> {
    if (!isAbsolute(request.to)) throw new ExportRequestError('The export folder must be an absolute path.')
    const problem = request.template === undefined ? null : windowTemplateProblem(request.template)
    if (problem !== null) throw new ExportRequestError(problem)
    let root: string
    try {
      root = await resolveExportRoot(request.to, this.deps.dataDir)
    } catch (error) {
      throw new ExportRequestError((error as Error).message)
    }
    // Two runs writing one folder would race on its manifest; one at a time per folder.
    if (
      [...this.jobs.values()].some(
        (job) => job.root === root && job.status.summary === null && job.status.error === null,
      )
    ) {
      throw new ExportRequestError('An export into this folder is already running.')
    }
    const exportId = this.nextId++
    const controller = new AbortController()
    const initial: ExportJobStatus = {
      exportId,
      to: request.to,
      phase: 'planning',
      filesDone: 0,
      filesTotal: 0,
      bytesDone: 0,
      bytesTotal: 0,
      errors: 0,
      summary: null,
      error: null,
    }
    this.jobs.set(exportId, { status: initial, controller, root })
    this.prune()
    void this.run(exportId, request, controller.signal)
    return { exportId }
  }

  cancel(exportId: number): boolean {
    const job = this.jobs.get(exportId)
    if (!job || job.status.summary !== null || job.status.error !== null) return false
    job.controller.abort()
    return true
  }

  /** The folder a finished export wrote into (resolved), or null for an unknown or running one. */
  folderOf(exportId: number): string | null {
    const job = this.jobs.get(exportId)
    return job && job.status.summary !== null ? job.root : null
  }

  status(): readonly ExportJobStatus[] {
    return [...this.jobs.values()].map((job) => job.status).reverse()
  }

  private update(exportId: number, change: Partial<ExportJobStatus>, force: boolean): void {
    const job = this.jobs.get(exportId)
    if (!job) return
    job.status = { ...job.status, ...change }
    if (force) this.deps.emit(job.status)
  }

  private async run(exportId: number, request: ExportRequest, signal: AbortSignal): Promise<void> {
    const run = this.deps.run ?? exportArchive
    let lastEmit = 0
    let lastPhase = ''
    try {
      const summary = await run({
        catalog: this.deps.catalog,
        dataDir: this.deps.dataDir,
        to: request.to,
        filter: { kind: 'gallery', filter: request.filter, mediaIds: request.mediaIds },
        template: request.template,
        mode: request.mode,
        signal,
        onProgress: (progress) => {
          const now = Date.now()
          // Phase changes always go out; within a phase a few events a second are plenty for a bar.
          const force = progress.phase !== lastPhase || now - lastEmit >= (this.deps.throttleMs ?? 150)
          lastPhase = progress.phase
          if (force) lastEmit = now
          this.update(exportId, { ...progress }, false)
          if (force && progress.phase !== 'done' && progress.phase !== 'cancelled')
            this.update(exportId, {}, true)
        },
      })
      this.update(exportId, { phase: summary.cancelled ? 'cancelled' : 'done', summary }, true)
    } catch (error) {
      this.update(exportId, { phase: 'failed', error: (error as Error).message }, true)
    }
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(
      ([, job]) => job.status.summary !== null || job.status.error !== null,
    )
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keepFinished))) this.jobs.delete(id)
  }
}
