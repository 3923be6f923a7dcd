// Accounts and their keys, download settings, and where the archive lives. Keys are write-only:
// the desktop app keeps them in the OS keychain, serve mode in memory for its session (or reads
// them from its environment, as the CLI does).
import type { ReactElement } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { bumpDataVersion } from '../../lib/dataVersion'
import { useCall } from '../../lib/useCall'
import { AccountsCard } from './AccountsCard'
import { GettingStarted } from './GettingStarted'
import { ScheduleCard } from './ScheduleCard'
import { SyncSettingsCard } from './SyncSettingsCard'

export function SettingsView(): ReactElement {
  const info = useCall('app:info', {})
  const accounts = useCall('accounts:list', {})
  const value = info.state.value
  const list = accounts.state.value
  // Until some account has synced once, the first-run steps stay on top.
  const firstRun =
    accounts.state.status === 'ready' && list !== null && list.every((a) => a.lastSyncedAt === null)
  return (
    <section className="settings" aria-label="Settings" data-testid="settings">
      <div className="view-header">
        <h1>Settings</h1>
      </div>
      {info.state.status === 'error' && <ErrorNotice error={info.state.error} onRetry={info.reload} />}
      {firstRun && (
        <GettingStarted hasAccount={(list?.length ?? 0) > 0} serveMode={value?.transport === 'http'} />
      )}
      <AccountsCard
        accounts={accounts}
        serveMode={value?.transport === 'http'}
        onAdded={() => {
          accounts.reload()
          bumpDataVersion()
        }}
        onChanged={() => {
          accounts.reload()
          bumpDataVersion()
        }}
      />
      <SyncSettingsCard />
      <ScheduleCard
        loginItems={
          value?.transport === 'electron' && (value.platform === 'darwin' || value.platform === 'win32')
        }
      />
      <div className="card">
        <h2>This archive</h2>
        <dl className="settings-list">
          <dt>Data folder</dt>
          <dd>
            <code data-testid="data-dir">{value?.dataDir ?? '…'}</code>
          </dd>
          <dt>Version</dt>
          <dd>{value?.version ?? '…'}</dd>
          <dt>Running as</dt>
          <dd>
            {value
              ? value.transport === 'electron'
                ? 'Desktop app'
                : 'Local web server (chatkeep serve)'
              : '…'}
          </dd>
          <dt>Platform</dt>
          <dd>{value?.platform ?? '…'}</dd>
        </dl>
        <p className="muted small">
          The catalog (SQLite) and every archived file live in this folder. Back it up or move it as a whole;
          the CLI uses the same folder by default.
        </p>
      </div>
      <div className="card">
        <h2>Appearance</h2>
        <p className="muted">Chatkeep follows your system’s light or dark theme.</p>
      </div>
    </section>
  )
}
