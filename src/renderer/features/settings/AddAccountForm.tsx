// Adds an account to the catalog (accounts:add). Nothing is fetched yet: the account needs its
// API key (next step), then a sync.
import { useState, type FormEvent, type ReactElement } from 'react'
import type { ChannelOutput } from '../../../shared/contract'
import { providerIds, providerMeta, type ProviderId } from '../../../shared/providers'
import { call } from '../../bridge'
import { ChoiceSelect } from '../../components/ChoiceSelect'
import { ErrorNotice } from '../../components/ErrorNotice'

export type AddedAccount = ChannelOutput<'accounts:add'>

export interface AddAccountFormProps {
  readonly onAdded: (account: AddedAccount) => void
}

export function AddAccountForm({ onAdded }: AddAccountFormProps): ReactElement {
  const [provider, setProvider] = useState<ProviderId>('onlyfansapi')
  const [externalId, setExternalId] = useState('')
  const [connectionId, setConnectionId] = useState('')
  const [label, setLabel] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const info = providerMeta[provider]
  const ready = externalId.trim() !== '' && (!info.needsConnection || connectionId.trim() !== '')

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!ready) return
    setSaving(true)
    setError(null)
    call('accounts:add', {
      provider,
      externalId: externalId.trim(),
      ...(info.needsConnection && { connectionId: connectionId.trim() }),
      ...(label.trim() !== '' && { label: label.trim() }),
    })
      .then((account) => {
        setExternalId('')
        setConnectionId('')
        setLabel('')
        onAdded(account)
      })
      .catch((failure: unknown) => setError(failure as Error))
      .finally(() => setSaving(false))
  }

  return (
    <form className="add-account" onSubmit={submit} aria-label="Add an account" data-testid="add-account">
      <label className="form-field">
        <span>Provider</span>
        <ChoiceSelect
          value={provider}
          choices={providerIds}
          label={(id) => providerMeta[id].label}
          onChange={setProvider}
          testId="add-account-provider"
        />
      </label>
      <IdField
        label="Account id"
        value={externalId}
        placeholder={info.accountHint}
        onChange={setExternalId}
        testId="add-account-id"
      />
      {info.needsConnection && (
        <IdField
          label="Connection id"
          value={connectionId}
          placeholder="conn_… (OFAuth dashboard → Connections)"
          onChange={setConnectionId}
          testId="add-account-connection"
        />
      )}
      <label className="form-field">
        <span>
          Label <span className="muted">(optional)</span>
        </span>
        <input
          type="text"
          value={label}
          placeholder="How the sidebar names it"
          onChange={(event) => setLabel(event.target.value)}
          autoComplete="off"
          data-testid="add-account-label"
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={!ready || saving}>
          {saving ? 'Adding…' : 'Add account'}
        </button>
        {!ready && (
          <span className="muted small">
            {info.needsConnection
              ? 'OFAuth accounts need both the account id and the connection id.'
              : 'Enter the account id to add it.'}
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  )
}

interface IdFieldProps {
  readonly label: string
  readonly value: string
  readonly placeholder: string
  readonly onChange: (value: string) => void
  readonly testId: string
}

/** A required provider id: typed or pasted as is, so no autocomplete and no spell check. */
function IdField({ label, value, placeholder, onChange, testId }: IdFieldProps): ReactElement {
  return (
    <label className="form-field">
      <span>{label}</span>
      <input
        type="text"
        required
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
      />
    </label>
  )
}
