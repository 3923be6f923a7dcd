// One account in Settings: who it is, its key (KeyPanel), and renaming or removing it. An account
// removed with its archive kept stays listed (its media are still in the gallery) with the one
// thing left to do: delete that archive too.
import { useState, type FormEvent, type ReactElement } from 'react'
import { providerMeta } from '../../../shared/providers'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { visibleBidi } from '../../lib/text'
import { useCall } from '../../lib/useCall'
import { accountLabel, type AccountSummary } from '../chats/chatLabel'
import { KeyPanel } from './KeyPanel'
import { describeKeyStatus } from './keyStatus'
import { RemoveAccountDialog, type Removed } from './RemoveAccountDialog'

export interface AccountRowProps {
  readonly account: AccountSummary
  /** The account list changed (renamed, removed): reload it and what depends on it. */
  readonly onChanged: (removed?: Removed) => void
}

export function AccountRow({ account, onChanged }: AccountRowProps): ReactElement {
  const status = useCall('keys:status', account.removed ? null : { accountId: account.id })
  const [renaming, setRenaming] = useState(false)
  const [label, setLabel] = useState(account.label ?? '')
  const [removing, setRemoving] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const info = providerMeta[account.provider]
  const name = visibleBidi(accountLabel(account))
  const text = status.state.value ? describeKeyStatus(status.state.value, info.service) : null

  const rename = (event: FormEvent): void => {
    event.preventDefault()
    setError(null)
    call('accounts:rename', { accountId: account.id, label: label.trim() })
      .then(() => {
        setRenaming(false)
        onChanged()
      })
      .catch((failure: unknown) => setError(failure as Error))
  }

  return (
    <li className="account-row" data-testid="account-row" aria-label={name}>
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
        {account.removed ? (
          <span className="status-pill key-pill-neutral" data-testid="account-removed">
            Removed · archive kept
          </span>
        ) : (
          text && (
            <span className={`status-pill key-pill-${text.tone}`} data-testid="key-status">
              {text.label}
            </span>
          )
        )}
      </div>
      {renaming ? (
        <form className="key-form" onSubmit={rename} data-testid="rename-form">
          <input
            type="text"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder={account.externalId}
            aria-label={`New name for ${name}`}
            maxLength={200}
            autoFocus
            autoComplete="off"
          />
          <button type="submit" className="button">
            Save name
          </button>
          <button type="button" className="button button-secondary" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="key-actions account-actions">
          {!account.removed && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setLabel(account.label ?? '')
                setRenaming(true)
              }}
              aria-label={`Rename ${name}`}
            >
              Rename
            </button>
          )}
          <button
            type="button"
            className="link-button text-danger"
            onClick={() => setRemoving(true)}
            aria-label={account.removed ? `Delete the archive of ${name}` : `Remove ${name}`}
            data-testid="account-remove"
          >
            {account.removed ? 'Delete archive…' : 'Remove…'}
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      {account.removed ? (
        <p className="muted small account-row-detail">
          Its chats and media stay in the gallery; Chatkeep no longer syncs it. Add it again below to sync it
          again.
        </p>
      ) : (
        <>
          {status.state.status === 'error' && (
            <ErrorNotice error={status.state.error} onRetry={status.reload} />
          )}
          <KeyPanel account={account} status={status} text={text} />
        </>
      )}
      {removing && (
        <RemoveAccountDialog
          account={account}
          onClose={() => setRemoving(false)}
          onRemoved={(removed) => {
            setRemoving(false)
            onChanged(removed)
          }}
        />
      )}
    </li>
  )
}
