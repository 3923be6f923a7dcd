// Confirms removing an account: keep its archive (it stays in the gallery, is no longer synced)
// or delete it (its catalog rows and the stored files no other account uses). What would go is
// counted by the core first; while a sync is in the way the dialog says so and removes nothing.
import { useCallback, useState, type ReactElement } from 'react'
import type { ChannelOutput } from '../../../shared/contract'
import { call } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { RadioChoices, type RadioChoice } from '../../components/RadioChoices'
import { formatBytes, formatCount } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { useModalDialog } from '../../lib/useModalDialog'
import { accountLabel, type AccountSummary } from '../chats/chatLabel'

export type Removed = ChannelOutput<'accounts:remove'> & { readonly name: string }

export interface RemoveAccountDialogProps {
  readonly account: AccountSummary
  readonly onClose: () => void
  readonly onRemoved: (removed: Removed) => void
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`
}

export function RemoveAccountDialog({ account, onClose, onRemoved }: RemoveAccountDialogProps): ReactElement {
  const plan = useCall('accounts:removal', { accountId: account.id })
  // An account whose archive was kept can only have that archive deleted now.
  const [archive, setArchive] = useState<'keep' | 'delete'>(account.removed ? 'delete' : 'keep')
  const [working, setWorking] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const dialogRef = useModalDialog(
    useCallback(() => {
      if (!working) onClose()
    }, [working, onClose]),
  )
  const value = plan.state.value
  const name = accountLabel(account)
  const blocked = value === null ? null : (value.busy ?? (archive === 'delete' ? value.deleteBusy : null))
  const archiveChoices: readonly RadioChoice<'keep' | 'delete'>[] = [
    ...(account.removed
      ? []
      : [
          {
            value: 'keep' as const,
            label: 'Keep it',
            hint: 'its chats and media stay in the gallery and exports; Chatkeep stops syncing the account and forgets its key',
          },
        ]),
    {
      value: 'delete',
      label: 'Delete it',
      hint: (
        <>
          its chats, messages and media leave the catalog
          {value && value.files > 0 ? `, and ${formatBytes(value.bytes)} of files leave the disk` : ''}. Files
          another account also has are kept. This cannot be undone.
        </>
      ),
      testId: 'remove-delete-archive',
    },
  ]

  const confirm = (): void => {
    setWorking(true)
    setError(null)
    call('accounts:remove', { accountId: account.id, archive })
      .then((result) => onRemoved({ ...result, name }))
      .catch((failure: unknown) => {
        setError(failure as Error)
        plan.reload()
      })
      .finally(() => setWorking(false))
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="remove-account-title"
      data-testid="remove-account-dialog"
    >
      <div className="dialog-body">
        <h2 id="remove-account-title" className="dialog-title">
          {account.removed ? 'Delete the archive of ' : 'Remove '}
          <Name text={name} />?
        </h2>
        {value ? (
          <p data-testid="removal-counts">
            Its archive: {plural(value.chats, 'chat')} and {plural(value.media, 'media item')}.{' '}
            {value.files > 0
              ? `${plural(value.files, 'stored file')} (${formatBytes(value.bytes)}) belong to it alone.`
              : 'Every file it has is also another account’s, so deleting it frees no disk space.'}
          </p>
        ) : (
          plan.state.status !== 'error' && <p className="muted">Counting…</p>
        )}
        {plan.state.status === 'error' && <ErrorNotice error={plan.state.error} onRetry={plan.reload} />}
        <RadioChoices
          legend="Its archive"
          name="archive"
          choices={archiveChoices}
          value={archive}
          onChange={setArchive}
          disabled={working}
        />
        {blocked && (
          <p className="text-danger small" role="alert" data-testid="removal-busy">
            {blocked}
          </p>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={working}>
            Cancel
          </button>
          {blocked && (
            <button type="button" className="button button-secondary" onClick={plan.reload}>
              Check again
            </button>
          )}
          <button
            type="button"
            className={`button ${archive === 'delete' ? 'button-danger' : ''}`}
            onClick={confirm}
            disabled={working || !value || blocked !== null}
            data-testid="remove-confirm"
          >
            {working ? 'Removing…' : archive === 'delete' ? 'Delete archive' : 'Remove account'}
          </button>
        </div>
      </div>
    </dialog>
  )
}
