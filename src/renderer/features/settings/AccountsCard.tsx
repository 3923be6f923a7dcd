// The accounts Chatkeep archives, each with its key status, and the form to add another.
import { Fragment, type ReactElement } from 'react'
import { keyEnvNames, providerIds, providerMeta } from '../../../shared/providers'
import { ErrorNotice } from '../../components/ErrorNotice'
import type { CallHandle } from '../../lib/useCall'
import type { AccountSummary } from '../chats/chatLabel'
import { AccountKeyRow } from './AccountKeyRow'
import { AddAccountForm, type AddedAccount } from './AddAccountForm'

/** "OnlyFansAPI: OnlyFans and Fansly" for each key variable, from the provider record. */
function keyEnvUse(name: string): string {
  const users = providerIds.map((id) => providerMeta[id]).filter((meta) => meta.keyEnv === name)
  return `${users[0]?.service ?? ''}: ${users.map((meta) => meta.platform).join(' and ')}`
}

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
          {keyEnvNames.map((name, index) => (
            <Fragment key={name}>
              {index > 0 && ', '}
              <code>{name}</code> ({keyEnvUse(name)})
            </Fragment>
          ))}
          . The desktop app keeps them in the system keychain instead.
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
