// The accounts Chatkeep archives, each with its key status, and the form to add another.
import type { ReactElement } from 'react'
import { ErrorNotice } from '../../components/ErrorNotice'
import type { CallHandle } from '../../lib/useCall'
import type { AccountSummary } from '../chats/chatLabel'
import { AccountKeyRow } from './AccountKeyRow'
import { AddAccountForm, type AddedAccount } from './AddAccountForm'

export interface AccountsCardProps {
  readonly accounts: CallHandle<readonly AccountSummary[]>
  readonly serveMode: boolean
  readonly onAdded: (account: AddedAccount) => void
}

export function AccountsCard({ accounts, serveMode, onAdded }: AccountsCardProps): ReactElement {
  const list = accounts.state.value ?? []
  return (
    <div className="card" data-testid="accounts-card">
      <h2>Accounts</h2>
      {accounts.state.status === 'error' && (
        <ErrorNotice error={accounts.state.error} onRetry={accounts.reload} />
      )}
      {serveMode && (
        <p className="muted small">
          Served by <code>chatkeep serve</code>: keys come from its environment —{' '}
          <code>ONLYFANSAPI_API_KEY</code> (OnlyFansAPI, OnlyFans and Fansly), <code>OFAUTH_API_KEY</code>,{' '}
          <code>FANSMETRIC_API_KEY</code>. The desktop app keeps them in the system keychain instead.
        </p>
      )}
      {list.length > 0 ? (
        <ul className="account-rows">
          {list.map((account) => (
            <AccountKeyRow key={account.id} account={account} />
          ))}
        </ul>
      ) : (
        accounts.state.status === 'ready' && <p className="muted">No accounts yet.</p>
      )}
      <h3>Add an account</h3>
      <AddAccountForm onAdded={onAdded} />
    </div>
  )
}
