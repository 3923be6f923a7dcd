// The accounts Chatkeep archives, each with its key status, renaming and removal, and the form to
// add another.
import { useState, type ReactElement } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatBytes, formatCount } from '../../lib/format'
import { visibleBidi } from '../../lib/text'
import type { CallHandle } from '../../lib/useCall'
import type { AccountSummary } from '../chats/chatLabel'
import { AccountRow } from './AccountRow'
import { AddAccountForm, type AddedAccount } from './AddAccountForm'
import type { Removed } from './RemoveAccountDialog'

export interface AccountsCardProps {
  readonly accounts: CallHandle<readonly AccountSummary[]>
  readonly serveMode: boolean
  readonly onAdded: (account: AddedAccount) => void
  /** An account was renamed or removed. */
  readonly onChanged: () => void
}

function removedNotice(removed: Removed): string {
  const name = visibleBidi(removed.name)
  return removed.archive === 'keep'
    ? `${name} was removed; its archive stays in the gallery.`
    : `${name} and its archive were removed: ${formatCount(removed.media)} media items, ${formatCount(removed.files)} files (${formatBytes(removed.bytes)}) deleted.`
}

export function AccountsCard({ accounts, serveMode, onAdded, onChanged }: AccountsCardProps): ReactElement {
  const list = accounts.state.value ?? []
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <div className="card" data-testid="accounts-card">
      <h2>Accounts</h2>
      {accounts.state.status === 'error' && (
        <ErrorNotice error={accounts.state.error} onRetry={accounts.reload} />
      )}
      {serveMode && (
        <p className="muted small" data-testid="serve-key-note">
          Served by <code>chatkeep serve</code>, which has no keychain: a key entered here is kept in its
          memory for this session only, never written to disk, and forgotten when serve stops. To give serve a
          key for good, start it with the provider’s key variable set (each account names its own).
        </p>
      )}
      {notice && (
        <p className="small key-notice" role="status" data-testid="accounts-notice">
          {notice}
        </p>
      )}
      {list.length > 0 ? (
        <ul className="account-rows">
          {list.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              onChanged={(removed) => {
                setNotice(removed ? removedNotice(removed) : null)
                onChanged()
              }}
            />
          ))}
        </ul>
      ) : (
        accounts.state.status === 'ready' && <p className="muted">No accounts yet.</p>
      )}
      <h3>Add an account</h3>
      <AddAccountForm
        onAdded={(account) => {
          setNotice(null)
          onAdded(account)
        }}
      />
    </div>
  )
}
