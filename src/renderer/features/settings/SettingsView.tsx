// Where the archive lives and how to add accounts. Keys are never entered or shown here: the
// desktop app keeps them in the OS keychain and the CLI reads them from the environment.
import type { ReactElement } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useCall } from '../../lib/useCall'

export function SettingsView(): ReactElement {
  const info = useCall('app:info', {})
  const value = info.state.value
  return (
    <section className="settings" aria-label="Settings" data-testid="settings">
      <div className="view-header">
        <h1>Settings</h1>
      </div>
      {info.state.status === 'error' && <ErrorNotice error={info.state.error} onRetry={info.reload} />}
      <div className="card">
        <h2>This archive</h2>
        <dl className="settings-list">
          <dt>Version</dt>
          <dd>{value?.version ?? '…'}</dd>
          <dt>Data folder</dt>
          <dd>
            <code>{value?.dataDir ?? '…'}</code>
          </dd>
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
      </div>
      <div className="card">
        <h2>Add an account</h2>
        <p>
          Chatkeep reads chats through an API provider (OnlyFansAPI, OFAuth or FansMetric). Put the provider’s
          key in the environment and run a first sync; the account then appears in the sidebar and can be
          synced from here.
        </p>
        <pre className="code-block">{`export ONLYFANSAPI_API_KEY=…   # never passed as an argument
npm run cli -- sync --provider onlyfansapi --account <account id>`}</pre>
        <p className="muted">
          Trying it out? <code>npm run demo</code> fills the archive with sample chats from the built-in fake
          providers.
        </p>
      </div>
      <div className="card">
        <h2>Appearance</h2>
        <p className="muted">Chatkeep follows your system’s light or dark theme.</p>
      </div>
    </section>
  )
}
