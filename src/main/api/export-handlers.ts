// export:start / export:cancel / export:status over the background export jobs. Progress goes out
// as `export:progress` events on the bus, like sync progress.
import type { Handlers } from '../../shared/contract'
import { ExportJobs, ExportRequestError } from '../export/jobs'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'

type ExportHandlers = Pick<Handlers, 'export:start' | 'export:cancel' | 'export:status'>

export function createExportHandlers(deps: HandlerDeps, jobs?: ExportJobs): ExportHandlers {
  const exports =
    jobs ??
    new ExportJobs({
      catalog: deps.catalog,
      dataDir: deps.dataDir,
      emit: (status) => deps.events.emit('export:progress', toWire(status)),
    })
  return {
    'export:start': async (request) => {
      try {
        return await exports.start(request)
      } catch (error) {
        if (error instanceof ExportRequestError) throw new ApiError('bad_input', error.message)
        throw error
      }
    },
    'export:cancel': async ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
    'export:status': async () => exports.status().map(toWire),
  }
}

type Wire = Awaited<ReturnType<Handlers['export:status']>>[number]

/** Plain mutable copies for the zod output schemas (which infer non-readonly arrays). */
function toWire(status: ReturnType<ExportJobs['status']>[number]): Wire {
  const { summary } = status
  return {
    ...status,
    summary: summary && {
      ...summary,
      sidecars: [...summary.sidecars],
      transcripts: [...summary.transcripts],
      errors: summary.errors.map((e) => ({ ...e })),
      notes: [...summary.notes],
    },
  }
}
