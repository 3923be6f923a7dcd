// A running export (files and bytes, with cancel) and, once it ends, what it did.
import { useState, type ReactElement } from 'react'
import type { ExportJobProgress } from '../../../shared/contract'
import { call } from '../../bridge'
import { useDesktopApp } from '../../lib/appInfo'
import { formatBytes, formatCount } from '../../lib/format'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ProgressBar } from '../sync/ProgressBar'

export interface ExportProgressViewProps {
  readonly job: ExportJobProgress
  readonly cancelling: boolean
  readonly onCancel: () => void
  readonly onClose: () => void
  /** Back to the form (after a failure: another folder, another template). */
  readonly onBack: () => void
}

const phaseLabels: Readonly<Record<ExportJobProgress['phase'], string>> = {
  planning: 'Planning file names…',
  copying: 'Copying files…',
  writing: 'Writing sidecars and transcripts…',
  done: 'Export finished',
  cancelled: 'Export cancelled',
  failed: 'Export failed',
}

/** Paths inside the export folder read better without it. */
function relativeTo(root: string, path: string): string {
  return path.startsWith(root) ? path.slice(root.length).replace(/^[\\/]/, '') : path
}

export function ExportProgressView({
  job,
  cancelling,
  onCancel,
  onClose,
  onBack,
}: ExportProgressViewProps): ReactElement {
  const active = job.phase === 'planning' || job.phase === 'copying' || job.phase === 'writing'
  const summary = job.summary
  const desktop = useDesktopApp()
  const [openError, setOpenError] = useState<Error | null>(null)
  const openFolder = (): void => {
    setOpenError(null)
    call('export:openFolder', { exportId: job.exportId }).catch((failure: unknown) =>
      setOpenError(failure as Error),
    )
  }
  return (
    <div className="export-progress" data-testid="export-progress" data-phase={job.phase}>
      <p className="export-phase">
        <span className={`status-pill export-pill-${job.phase}`}>{phaseLabels[job.phase]}</span>
        <code className="export-to">{job.to}</code>
      </p>
      <ProgressBar
        value={job.filesDone}
        max={Math.max(job.filesTotal, job.filesDone)}
        label="Files exported"
      />
      <p className="export-counts">
        {formatCount(job.filesDone)} of {formatCount(job.filesTotal)} files · {formatBytes(job.bytesDone)} of{' '}
        {formatBytes(job.bytesTotal)}
        {job.errors > 0 && <span className="text-danger"> · {formatCount(job.errors)} errors</span>}
      </p>
      {job.error && <ErrorNotice error={job.error} />}
      {summary && (
        <div className="export-summary" data-testid="export-summary">
          <p className="export-saved" data-testid="export-saved">
            <span>{summary.cancelled ? 'Files so far are in' : 'Saved in'}</span>
            <code>{summary.to}</code>
            {desktop && (
              <button
                type="button"
                className="button button-secondary"
                onClick={openFolder}
                data-testid="export-open-folder"
              >
                Open folder
              </button>
            )}
          </p>
          {openError && <ErrorNotice error={openError} />}
          <dl className="sync-stats">
            {(
              [
                ['Files', formatCount(summary.files)],
                ['Copied', formatCount(summary.copied)],
                ['Hard-linked', formatCount(summary.linked)],
                ['Already there', formatCount(summary.skipped)],
                ['Written', formatBytes(summary.bytes)],
                ['Chats', formatCount(summary.chats)],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="sync-stat">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {summary.transcripts.length + summary.sidecars.length > 0 && (
            <p className="muted small">
              {summary.transcripts.length} chat transcript{summary.transcripts.length === 1 ? '' : 's'} and{' '}
              {summary.sidecars.length} index file{summary.sidecars.length === 1 ? '' : 's'} (
              {summary.sidecars.map((path) => relativeTo(summary.to, path)).join(', ')}) written with the
              files.
            </p>
          )}
          {summary.cancelled && (
            <p className="muted small">
              Files copied so far stay in the folder. Export again to finish: files already there are skipped.
            </p>
          )}
          {summary.notes.map((note) => (
            <p key={note} className="muted small">
              {note}
            </p>
          ))}
          {summary.errors.length > 0 && (
            <ul className="export-errors">
              {summary.errors.slice(0, 20).map((error, i) => (
                <li key={i} className="text-danger small">
                  {error.path ?? error.mediaId ?? 'export'}: {error.message}
                </li>
              ))}
              {summary.errors.length > 20 && (
                <li className="muted small">…and {formatCount(summary.errors.length - 20)} more</li>
              )}
            </ul>
          )}
        </div>
      )}
      <div className="dialog-actions">
        {active ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel export'}
          </button>
        ) : (
          <>
            {job.phase === 'failed' && (
              <button type="button" className="button button-secondary" onClick={onBack}>
                Change folder or template
              </button>
            )}
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </>
        )}
      </div>
    </div>
  )
}
