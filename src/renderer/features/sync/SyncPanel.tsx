// Start a sync for an account and watch it run.
import { useState, type FormEvent, type ReactElement } from 'react'
import { EmptyState, FirstRunSteps } from '../../components/EmptyState'
import { navigate } from '../../lib/route'
import { ErrorNotice } from '../../components/ErrorNotice'
import { BridgeError, call } from '../../bridge'
import type { SyncProgress } from '../../../shared/domain'
import { useDataVersion } from '../../lib/dataVersion'
import { useCall } from '../../lib/useCall'
import { providerMeta } from '../../../shared/providers'
import { visibleBidi } from '../../lib/text'
import { accountLabel } from '../chats/chatLabel'
import { SyncRunCard } from './SyncRunCard'
import { useSyncRuns } from './useSyncRuns'

export function SyncPanel(): ReactElement {
  const accounts = useCall('accounts:list', {}, useDataVersion())
  const { runs, error } = useSyncRuns()
  const [accountId, setAccountId] = useState<string>('')
  const [full, setFull] = useState(false)
  const [startError, setStartError] = useState<Error | null>(null)
  const [starting, setStarting] = useState(false)
  // Accounts removed with their archive kept are not synced any more.
  const list = (accounts.state.value ?? []).filter((account) => !account.removed)
  const chosen = accountId === '' ? (list[0]?.id ?? null) : Number(accountId)

  const startSync = (id: number, fullScan: boolean): void => {
    setStarting(true)
    setStartError(null)
    call('sync:start', { accountId: id, full: fullScan })
      .catch((failure: unknown) => setStartError(failure as Error))
      .finally(() => setStarting(false))
  }

  const start = (event: FormEvent): void => {
    event.preventDefault()
    if (chosen !== null) startSync(chosen, full)
  }

  /** A run names its account by provider and external id; retrying needs the catalog id. */
  const retryFor = (run: SyncProgress): (() => void) | undefined => {
    const account = list.find((a) => a.provider === run.provider && a.externalId === run.account)
    const active = runs.some(
      (r) => r.account === run.account && (r.phase === 'listing' || r.phase === 'downloading'),
    )
    if (!account || active || starting) return undefined
    return () => startSync(account.id, false)
  }

  return (
    <section className="sync-panel" aria-label="Sync" data-testid="sync-panel">
      <div className="view-header">
        <h1>Sync</h1>
      </div>
      {list.length === 0 && accounts.state.status === 'ready' ? (
        <EmptyState
          title="No accounts to sync"
          action={{ label: 'Add an account', onClick: () => navigate('#/settings') }}
        >
          <FirstRunSteps />
        </EmptyState>
      ) : (
        <form className="sync-form" onSubmit={start}>
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
          <button type="submit" className="button" disabled={starting || chosen === null}>
            {starting ? 'Starting…' : 'Sync now'}
          </button>
        </form>
      )}
      {startError && <ErrorNotice error={startError} />}
      {startError instanceof BridgeError && startError.code === 'forbidden' && (
        <p className="small">
          <a href="#/settings">Open Settings</a> to see where this account’s key comes from.
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="sync-runs">
        {runs.length === 0 ? (
          <p className="muted">No syncs have run since the app started.</p>
        ) : (
          runs.map((run) => <SyncRunCard key={run.runId} run={run} onRetry={retryFor(run)} />)
        )}
      </div>
    </section>
  )
}
