// The compact sync state in the header of every page: running (with how far), paused, queued, or
// the last sync failed; a running or paused sync can be cancelled from here.
import { useState, type ReactElement } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { control, isActive, percentDone, useSyncState } from './syncStore'

export function SyncIndicator(): ReactElement | null {
  const { status } = useSyncState()
  const [error, setError] = useState<Error | null>(null)
  const jobs = status?.jobs ?? []
  const current = jobs.find((job) => job.state === 'running' || job.state === 'paused')
  const queued = jobs.filter((job) => job.state === 'queued').length
  const last = [...jobs].reverse().find((job) => !isActive(job))
  const more = queued > 0 ? ` · ${queued} queued` : ''

  if (current) {
    const percent = percentDone(current)
    const verb = current.state === 'paused' ? 'Paused' : 'Syncing'
    return (
      <div className="sync-indicator" data-testid="sync-indicator" data-state={current.state} role="status">
        <span className={`sync-dot sync-dot-${current.state}`} aria-hidden="true" />
        <a href="#/sync" className="sync-indicator-text">
          {verb} <Name className="sync-indicator-name" text={current.label} />
          {percent !== null && ` · ${percent}%`}
          {more}
        </a>
        <button
          type="button"
          className="button button-small"
          aria-label={`Cancel the sync of ${current.label}`}
          onClick={() => {
            setError(null)
            control('cancel', current.accountId).catch((failure: unknown) => setError(failure as Error))
          }}
        >
          Cancel
        </button>
        {error && <ErrorNotice error={error} />}
      </div>
    )
  }
  if (queued > 0)
    return (
      <div className="sync-indicator" data-testid="sync-indicator" data-state="queued" role="status">
        <span className="sync-dot sync-dot-queued" aria-hidden="true" />
        <a href="#/sync">{queued} queued</a>
      </div>
    )
  if (last?.state === 'failed')
    return (
      <div className="sync-indicator" data-testid="sync-indicator" data-state="failed" role="status">
        <span className="sync-dot sync-dot-failed" aria-hidden="true" />
        <a href="#/sync">
          Last sync failed: <Name className="sync-indicator-name" text={last.label} />
        </a>
      </div>
    )
  return null
}
