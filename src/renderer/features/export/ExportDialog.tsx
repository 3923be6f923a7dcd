// The export dialog: choose folder, template and copy/link; then follow the job to its summary.
// The gallery opens it with the current selection (ids) or the current filter.
import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react'
import type { ChannelInput } from '../../../shared/contract'
import { defaultTemplate } from '../../../shared/export-template'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatCount, formatTotal } from '../../lib/format'
import { useModalDialog } from '../../lib/useModalDialog'
import { ExportForm, type ExportRequestForm } from './ExportForm'
import { ExportProgressView } from './ExportProgressView'
import { useExportJobs } from './useExportJobs'

export type ExportFilter = NonNullable<ChannelInput<'export:start'>['filter']>

export type ExportScope =
  | { readonly kind: 'selection'; readonly mediaIds: readonly number[] }
  | {
      readonly kind: 'filter'
      readonly filter: ExportFilter
      readonly count: number
      /** The view's search has not counted every hit yet: `count` is the number found so far. */
      readonly countIsLowerBound?: boolean
    }

export interface ExportDialogProps {
  readonly scope: ExportScope
  readonly onClose: () => void
}

// The last choices, so a second export in the same session starts from them. The folder also
// outlives the session: the core remembers it (`export:folder`), and suggests one the first time.
let remembered: ExportRequestForm = { to: '', template: defaultTemplate, mode: 'copy' }

interface FolderStart {
  readonly folder: string
  readonly canPick: boolean
}

function scopeTitle(scope: ExportScope): string {
  if (scope.kind === 'selection') {
    const n = scope.mediaIds.length
    return `Export ${formatCount(n)} selected item${n === 1 ? '' : 's'}`
  }
  const lowerBound = scope.countIsLowerBound === true
  const items = `item${scope.count === 1 && !lowerBound ? '' : 's'}`
  return `Export ${formatTotal(scope.count, lowerBound)} ${items} (everything this view shows)`
}

export function ExportDialog({ scope, onClose }: ExportDialogProps): ReactElement {
  const { jobs, refresh } = useExportJobs()
  const [exportId, setExportId] = useState<number | null>(null)
  const [starting, setStarting] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const [start, setStart] = useState<FolderStart | null>(null)
  const job = exportId === null ? undefined : jobs.get(exportId)
  // The dialog is modal, so what it exports cannot change while it is open; the preview keys on
  // this object, which the gallery's re-renders must not replace.
  const [opened] = useState(scope)
  const previewScope = useMemo(
    () => (opened.kind === 'selection' ? { mediaIds: [...opened.mediaIds] } : { filter: opened.filter }),
    [opened],
  )

  useEffect(() => {
    let live = true
    call('export:folder', {})
      .then(({ folder, canPick }) => live && setStart({ folder: remembered.to || (folder ?? ''), canPick }))
      // Without it the form still works: the folder is typed.
      .catch(() => live && setStart({ folder: remembered.to, canPick: false }))
    return () => {
      live = false
    }
  }, [])
  const running = exportId !== null && (!job || ['planning', 'copying', 'writing'].includes(job.phase))

  // Escape closes the dialog, except while files are being copied (Cancel export stops that).
  const dialogRef = useModalDialog(
    useCallback(() => {
      if (!running) onClose()
    }, [running, onClose]),
  )

  const begin = (request: ExportRequestForm): void => {
    remembered = request
    setStarting(true)
    setError(null)
    call('export:start', {
      to: request.to,
      template: request.template,
      mode: request.mode,
      ...(scope.kind === 'selection' ? { mediaIds: [...scope.mediaIds] } : { filter: scope.filter }),
    })
      .then(({ exportId: id }) => {
        setExportId(id)
        refresh()
      })
      .catch((failure: unknown) => setError(failure as Error))
      .finally(() => setStarting(false))
  }

  const cancel = (): void => {
    if (exportId === null) return
    setCancelling(true)
    call('export:cancel', { exportId })
      .catch((failure: unknown) => setError(failure as Error))
      .finally(() => setCancelling(false))
  }

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby="export-title" data-testid="export-dialog">
      <div className="dialog-body">
        <h2 id="export-title">{scopeTitle(scope)}</h2>
        {exportId === null ? (
          start === null ? (
            <p className="muted">Loading…</p>
          ) : (
            <ExportForm
              initial={{ ...remembered, to: start.folder }}
              scope={previewScope}
              canPick={start.canPick}
              busy={starting}
              onSubmit={begin}
              onCancel={onClose}
            />
          )
        ) : job ? (
          <ExportProgressView
            job={job}
            cancelling={cancelling}
            onCancel={cancel}
            onClose={onClose}
            onBack={() => setExportId(null)}
          />
        ) : (
          <p className="muted">Starting…</p>
        )}
        {error && <ErrorNotice error={error} />}
      </div>
    </dialog>
  )
}
