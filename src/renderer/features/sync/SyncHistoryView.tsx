// Every sync the catalog remembers (sync:history reads sync_runs, so it survives restarts):
// when, how long, the messages it read, what it cost, and how it ended in words.
import { useEffect, useState, type ReactElement } from 'react'
import type { SyncHistoryEntry } from '../../../shared/contract'
import { providerMeta } from '../../../shared/providers'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { formatBytes, formatCount, formatDateTime } from '../../lib/format'
import { useSyncState } from './syncStore'

const pageSize = 50

const statusLabels: Readonly<Record<SyncHistoryEntry['status'], string>> = {
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

const triggerLabels: Readonly<Record<NonNullable<SyncHistoryEntry['trigger']>, string>> = {
  user: 'started in the app',
  schedule: 'scheduled',
  cli: 'command line',
}

/** "4 min 12 s", "35 s", "2 h 5 min". */
export function formatSpan(startIso: string, endIso: string | null): string {
  if (endIso === null) return '—'
  const seconds = Math.max(0, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

function HistoryRow({ run }: { readonly run: SyncHistoryEntry }): ReactElement {
  return (
    <li className={`history-run history-${run.status}`} data-testid="history-run" data-status={run.status}>
      <div className="history-head">
        <span className="history-when">{formatDateTime(run.startedAt)}</span>
        <span className="history-account">
          {providerMeta[run.provider].label} · <Name text={run.label} />
        </span>
        <span className={`status-pill phase-pill-${run.status}`}>{statusLabels[run.status]}</span>
      </div>
      <div className="history-numbers muted small">
        {formatSpan(run.startedAt, run.finishedAt)} ·{' '}
        {run.messagesSeen > 0 &&
          `${formatCount(run.messagesSeen)} messages read (${formatCount(run.messagesNew)} new) · `}
        {formatCount(run.requests)} requests · {formatCount(run.credits)} credits · {formatBytes(run.bytes)}
        {run.trigger && ` · ${triggerLabels[run.trigger]}`}
        {run.full && ' · full re-scan'}
      </div>
      <p className="history-result" data-testid="history-result">
        {run.result}.{run.retry && ` ${run.retry}`}
      </p>
      {run.error && run.status !== 'cancelled' && <ErrorNotice error={run.error} />}
      {run.failedChats.length > 0 && (
        <ul className="history-chats small">
          {run.failedChats.map((chat) => (
            <li key={chat.chat}>
              <Name text={chat.label} /> could not be read: {chat.error}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

export function SyncHistoryView(): ReactElement {
  const [runs, setRuns] = useState<readonly SyncHistoryEntry[]>([])
  const [hasMore, setHasMore] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const [loading, setLoading] = useState(true)
  const { status } = useSyncState()
  // A run that ends while the page is open shows up: reload when the jobs change state.
  const ended = (status?.jobs ?? []).filter((job) => job.finishedAt !== null).length

  useEffect(() => {
    let live = true
    call('sync:history', { limit: pageSize }).then(
      (page) => {
        if (!live) return
        setRuns(page.runs)
        setHasMore(page.hasMore)
        setLoading(false)
      },
      (failure: unknown) => {
        if (live) setError(failure as Error)
      },
    )
    return () => {
      live = false
    }
  }, [ended])

  const older = (): void => {
    const before = runs.at(-1)?.runId
    if (before === undefined) return
    call('sync:history', { limit: pageSize, before }).then(
      (page) => {
        setRuns((current) => [...current, ...page.runs])
        setHasMore(page.hasMore)
      },
      (failure: unknown) => setError(failure as Error),
    )
  }

  return (
    <section className="sync-history" aria-label="Sync history" data-testid="sync-history">
      <div className="view-header">
        <h1>Sync history</h1>
        <a href="#/sync" className="small">
          Back to Sync
        </a>
      </div>
      {error && <ErrorNotice error={error} />}
      {!loading && runs.length === 0 && <p className="muted">No sync has run in this archive yet.</p>}
      <ol className="history-runs">
        {runs.map((run) => (
          <HistoryRow key={run.runId} run={run} />
        ))}
      </ol>
      {hasMore && (
        <button type="button" className="button button-secondary" onClick={older}>
          Older syncs
        </button>
      )}
    </section>
  )
}
