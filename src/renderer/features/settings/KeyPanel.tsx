// One account's API key: exactly where a sync takes it from, "Test key" (one call to the provider,
// the badge turning green or red with the provider's words), and a write-only field to store a key
// in the desktop's keychain (keys:set) or, in serve mode, in memory for this session only.
import { useState, type FormEvent, type ReactElement } from 'react'
import { providerMeta } from '../../../shared/providers'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatDateTime } from '../../lib/format'
import { visibleBidi } from '../../lib/text'
import type { CallHandle } from '../../lib/useCall'
import { accountLabel, type AccountSummary } from '../chats/chatLabel'
import type { KeyStatus, KeyStatusText } from './keyStatus'

export interface KeyPanelProps {
  readonly account: AccountSummary
  readonly status: CallHandle<KeyStatus>
  readonly text: KeyStatusText | null
}

const minKeyLength = 8

export function KeyPanel({ account, status, text }: KeyPanelProps): ReactElement {
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState<'save' | 'delete' | 'test' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const value = status.state.value
  const service = providerMeta[account.provider].service
  const session = value?.storesIn === 'session'

  const run = (kind: 'save' | 'delete' | 'test', action: Promise<unknown>, done: string | null): void => {
    setBusy(kind)
    setError(null)
    setNotice(null)
    action
      .then(() => {
        setNotice(done)
        status.reload()
      })
      .catch((failure: unknown) => setError(failure as Error))
      .finally(() => setBusy(null))
  }

  const save = (event: FormEvent): void => {
    event.preventDefault()
    const apiKey = draft.trim()
    if (apiKey.length < minKeyLength) return
    // The field is cleared at once: the key is never shown again, not even after a failure.
    setDraft('')
    const done = session
      ? 'Key kept in memory for this session only. Press Test key to check it.'
      : 'Key saved to the system keychain. Press Test key to check it.'
    run('save', call('keys:set', { accountId: account.id, apiKey }), done)
  }

  const test = (): void => run('test', call('keys:test', { accountId: account.id }), null)
  const remove = (): void =>
    run(
      'delete',
      call('keys:delete', { accountId: account.id }),
      session ? 'Key forgotten.' : 'Key removed from the keychain.',
    )

  const last = value?.lastTest ?? null
  return (
    <>
      {value && text && (
        <p className="muted small account-row-detail" data-testid="key-reason">
          {!value.canStore && value.reason && <>{value.reason} </>}
          {text.where}
        </p>
      )}
      {last && (
        <p
          className={`small account-row-detail ${last.result === 'refused' ? 'text-danger' : ''}`}
          data-testid="key-test-result"
        >
          {last.result === 'accepted'
            ? `${service} accepted the key`
            : last.result === 'refused'
              ? `${service} refused the key`
              : `${service} could not be asked`}{' '}
          ({formatDateTime(last.testedAt)}): <span className="provider-words">{last.message}</span>
        </p>
      )}
      {value && (
        <div className="key-actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={!value.hasKey || busy !== null}
            onClick={test}
            data-testid="key-test"
          >
            {busy === 'test' ? 'Testing…' : 'Test key'}
          </button>
          {value.source !== null && value.source === value.storesIn && (
            <button
              type="button"
              className="button button-secondary"
              disabled={busy !== null}
              onClick={remove}
            >
              {session ? 'Forget key' : 'Delete key'}
            </button>
          )}
        </div>
      )}
      {value?.canStore && (
        <form className="key-form" onSubmit={save}>
          <input
            type="password"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={
              value.source === value.storesIn
                ? 'Paste a new key to replace it'
                : session
                  ? 'Paste an API key for this session'
                  : 'Paste the API key'
            }
            aria-label={`API key for ${visibleBidi(accountLabel(account))}`}
            autoComplete="off"
            spellCheck={false}
            data-testid="key-input"
          />
          <button
            type="submit"
            className="button"
            disabled={busy !== null || draft.trim().length < minKeyLength}
          >
            {session ? 'Use for this session' : 'Save key'}
          </button>
        </form>
      )}
      {notice && (
        <p className="small key-notice" role="status">
          {notice}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </>
  )
}
