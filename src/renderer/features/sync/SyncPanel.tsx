// Start a sync of one account or of all, watch it, pause or cancel it. While the chosen account
// syncs, "Sync now" turns into "Cancel".
import { useState, type FormEvent, type ReactElement } from 'react'
import { EmptyState, FirstRunSteps } from '../../components/EmptyState'
import { navigate } from '../../lib/route'
import { ErrorNotice } from '../../components/ErrorNotice'
import { BridgeError, call } from '../../bridge'
import type { ChannelInput, SyncJob } from '../../../shared/contract'
import { useDataVersion } from '../../lib/dataVersion'
import { useCall } from '../../lib/useCall'
import { providerMeta } from '../../../shared/providers'
import { visibleBidi } from '../../lib/text'
import { accountLabel } from '../chats/chatLabel'
import { SyncRunCard } from './SyncRunCard'
import { activeJobOf, control, useSyncState } from './syncStore'

export function SyncPanel(): ReactElement {
  const accounts = useCall('accounts:list', {}, useDataVersion())
  const { status, error } = useSyncState()
  const [accountId, setAccountId] = useState<string>('')
  const [full, setFull] = useState(false)
  const [actionError, setActionError] = useState<Error | null>(null)
  const [starting, setStarting] = useState(false)
  // Accounts removed with their archive kept are not synced any more.
  const list = (accounts.state.value ?? []).filter((account) => !account.removed)
  const jobs = status?.jobs ?? []
  const chosen = accountId === '' ? (list[0]?.id ?? null) : Number(accountId)
  const chosenJob = chosen === null ? undefined : activeJobOf(jobs, chosen)

  const act = (work: Promise<unknown>): void => {
    setActionError(null)
    work.catch((failure: unknown) => setActionError(failure as Error))
  }

  const startSync = (input: ChannelInput<'sync:start'>): void => {
    setStarting(true)
    setActionError(null)
    call('sync:start', input)
      .catch((failure: unknown) => setActionError(failure as Error))
      .finally(() => setStarting(false))
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (chosen === null) return
    if (chosenJob) act(control('cancel', chosen))
    else startSync({ accountId: chosen, full })
  }

  const retryFor = (job: SyncJob): (() => void) | undefined => {
    if (activeJobOf(jobs, job.accountId) || starting) return undefined
    return () => startSync({ accountId: job.accountId, full: false })
  }

  // Newest first, the active ones on top.
  const shown = [...jobs].reverse()

  return (
    <section className="sync-panel" aria-label="Sync" data-testid="sync-panel">
      <div className="view-header">
        <h1>Sync</h1>
        <a href="#/sync/history" className="small" data-testid="history-link">
          Sync history
        </a>
      </div>
      {list.length === 0 && accounts.state.status === 'ready' ? (
        <EmptyState
          title="No accounts to sync"
          action={{ label: 'Add an account', onClick: () => navigate('#/settings') }}
        >
          <FirstRunSteps />
        </EmptyState>
      ) : (
        <form className="sync-form" onSubmit={submit}>
          <label className="field">
            <span>Account</span>
            <select value={chosen ?? ''} onChange={(event) => setAccountId(event.target.value)}>
              {list.map((account) => (
                <option key={account.id} value={account.id}>
                  {visibleBidi(accountLabel(account))} ({providerMeta[account.provider].label})
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={full} onChange={(event) => setFull(event.target.checked)} />
            Full re-scan (page through everything, not just what is new)
          </label>
          <button
            type="submit"
            className={chosenJob ? 'button button-secondary' : 'button'}
            disabled={starting || chosen === null}
            data-testid="sync-now"
          >
            {starting
              ? 'Starting…'
              : chosenJob
                ? chosenJob.state === 'queued'
                  ? 'Cancel (queued)'
                  : 'Cancel'
                : 'Sync now'}
          </button>
          {list.length > 1 && (
            <button
              type="button"
              className="button button-secondary"
              disabled={starting}
              onClick={() => startSync({ all: true, full })}
            >
              Sync all accounts
            </button>
          )}
        </form>
      )}
      {actionError && <ErrorNotice error={actionError} />}
      {actionError instanceof BridgeError && actionError.code === 'forbidden' && (
        <p className="small">
          <a href="#/settings">Open Settings</a> to see where this account’s key comes from.
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="sync-runs">
        {shown.length === 0 ? (
          <p className="muted">
            No syncs since the app started. Earlier ones are in the <a href="#/sync/history">sync history</a>.
          </p>
        ) : (
          shown.map((job) => (
            <SyncRunCard
              key={job.id}
              job={job}
              onRetry={retryFor(job)}
              onControl={(action) => act(control(action, job.accountId))}
            />
          ))
        )}
      </div>
    </section>
  )
}
