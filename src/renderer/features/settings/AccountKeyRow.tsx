// One account in Settings: who it is, where its API key comes from, and a write-only field to
// store a new key in the keychain (keys:set) or remove it (keys:delete).
import { useState, type FormEvent, type ReactElement } from 'react'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useCall } from '../../lib/useCall'
import { Name } from '../../components/Name'
import { visibleBidi } from '../../lib/text'
import { accountLabel, type AccountSummary } from '../chats/chatLabel'
import { providerMeta } from '../../../shared/providers'
import { describeKeyStatus } from './keyStatus'

export interface AccountKeyRowProps {
  readonly account: AccountSummary
}

const minKeyLength = 8

export function AccountKeyRow({ account }: AccountKeyRowProps): ReactElement {
  const status = useCall('keys:status', { accountId: account.id })
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const info = providerMeta[account.provider]
  const value = status.state.value
  const text = value ? describeKeyStatus(value) : null

  const run = (action: Promise<unknown>, done: string): void => {
    setBusy(true)
    setError(null)
    setNotice(null)
    action
      .then(() => {
        setNotice(done)
        status.reload()
      })
      .catch((failure: unknown) => setError(failure as Error))
      .finally(() => setBusy(false))
  }

  const save = (event: FormEvent): void => {
    event.preventDefault()
    const apiKey = draft.trim()
    if (apiKey.length < minKeyLength) return
    // The field is cleared at once: the key is never shown again, not even after a failure.
    setDraft('')
    run(call('keys:set', { accountId: account.id, apiKey }), 'Key saved to the system keychain.')
  }

  const remove = (): void => {
    run(call('keys:delete', { accountId: account.id }), 'Key removed from the keychain.')
  }

  return (
    <li className="account-row" data-testid="account-row" aria-label={visibleBidi(accountLabel(account))}>
      <div className="account-row-head">
        <div>
          <strong className="account-row-name">
            <Name className="truncate" text={accountLabel(account)} />
          </strong>
          <span className="muted small account-row-meta">
            {info.label} · <code>{account.externalId}</code>
            {account.connectionId && (
              <>
                {' '}
                · <code>{account.connectionId}</code>
              </>
            )}
          </span>
        </div>
        {text && (
          <span className={`status-pill key-pill-${text.tone}`} data-testid="key-status">
            {text.label}
          </span>
        )}
      </div>
      {status.state.status === 'error' && <ErrorNotice error={status.state.error} onRetry={status.reload} />}
      {value && (!value.canStore || text?.env) && (
        <p className="muted small account-row-detail" data-testid="key-reason">
          {!value.canStore && value.reason && <>{value.reason} </>}
          {text?.env === 'reads' && (
            <>
              A sync reads it from <code>{info.keyEnv}</code> when it starts.
            </>
          )}
          {text?.env === 'set-it' && (
            <>
              Set <code>{info.keyEnv}</code> in the environment Chatkeep starts from, then restart it.
            </>
          )}
        </p>
      )}
      {value?.canStore && !value.hasKey && (
        <p className="muted small account-row-detail">Paste the provider’s API key below, then press Sync.</p>
      )}
      {value?.canStore && (
        <form className="key-form" onSubmit={save}>
          <input
            type="password"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={value.source === 'keychain' ? 'Paste a new key to replace it' : 'Paste the API key'}
            aria-label={`API key for ${visibleBidi(accountLabel(account))}`}
            autoComplete="off"
            spellCheck={false}
            data-testid="key-input"
          />
          <button type="submit" className="button" disabled={busy || draft.trim().length < minKeyLength}>
            Save key
          </button>
          {value.source === 'keychain' && (
            <button type="button" className="button button-secondary" disabled={busy} onClick={remove}>
              Delete key
            </button>
          )}
        </form>
      )}
      {notice && (
        <p className="small key-notice" role="status">
          {notice}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </li>
  )
}
