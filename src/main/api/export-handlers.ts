// export:start / export:cancel / export:status over the background export jobs. Progress goes out
// as `export:progress` events on the bus, like sync progress.
import type { Handlers } from '../../shared/contract'
import { defaultTemplate } from '../../shared/export-template'
import { ExportJobs } from '../export/jobs'
import { previewExport } from '../export/preview'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'

type ExportHandlers = Pick<
  Handlers,
  | 'export:start'
  | 'export:cancel'
  | 'export:status'
  | 'export:folder'
  | 'export:pickFolder'
  | 'export:preview'
  | 'export:openFolder'
>

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
      // A request the user got wrong throws ExportRequestError, which the error table answers.
      const started = await exports.start(request)
      // The next export starts from this folder. Remembering it is a convenience: a settings file
      // that cannot be written must not fail an export that is already running.
      await deps.settings.update({ exportFolder: request.to }).catch(() => undefined)
      return started
    },
    'export:cancel': async ({ exportId }) => ({ cancelled: exports.cancel(exportId) }),
    'export:status': async () => exports.status().map(toWire),
    'export:folder': async () => ({
      folder: deps.settings.get().exportFolder ?? deps.suggestedExportFolder ?? null,
      canPick: deps.folderPicker !== undefined,
    }),
    'export:pickFolder': async ({ defaultPath }) => {
      if (!deps.folderPicker) {
        throw new ApiError('unavailable', 'There is no folder picker here: type the full path of the folder.')
      }
      return { path: await deps.folderPicker.pick(defaultPath ?? null) }
    },
    'export:preview': async ({ mediaIds, filter, template, to, limit }) => {
      const preview = previewExport(
        deps.catalog,
        { kind: 'gallery', ...(filter && { filter }), ...(mediaIds && { mediaIds }) },
        template ?? defaultTemplate,
        { to, limit },
      )
      return { ...preview, names: [...preview.names] }
    },
    'export:openFolder': async ({ exportId }) => {
      const folder = exports.folderOf(exportId)
      if (folder === null) throw new ApiError('not_found', 'That export is not finished or no longer known.')
      if (!deps.desktopShell) {
        throw new ApiError('unavailable', `Open the folder in your file manager: ${folder}`)
      }
      await deps.desktopShell.openFolder(folder)
      return { opened: true }
    },
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
      conversations: [...summary.conversations],
      errors: summary.errors.map((e) => ({ ...e })),
      notes: [...summary.notes],
    },
  }
}
