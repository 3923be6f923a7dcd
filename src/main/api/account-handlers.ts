// Accounts (added, renamed, removed with or without their archive), their keys (key-handlers.ts)
// and the app settings.
import type { ChannelOutput, Handlers } from '../../shared/contract'
import { providerMeta } from '../../shared/providers'
import { planRemoval, removeAccount, type RemovalDeps } from '../accounts/remove-account'
import type { AccountRow } from '../catalog/repositories/accounts'
import { AccountBusyError } from '../sync/account-lock'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'
import { createKeyHandlers } from './key-handlers'

type AccountHandlers = Pick<
  Handlers,
  | 'accounts:list'
  | 'accounts:add'
  | 'accounts:rename'
  | 'accounts:removal'
  | 'accounts:remove'
  | 'keys:status'
  | 'keys:set'
  | 'keys:delete'
  | 'keys:test'
  | 'settings:get'
  | 'settings:set'
>
type AccountSummary = ChannelOutput<'accounts:list'>[number]

function named(row: Pick<AccountRow, 'label' | 'externalId'>): string {
  return row.label === null ? row.externalId : `“${row.label}” (${row.externalId})`
}

export function createAccountHandlers(deps: HandlerDeps): AccountHandlers {
  const { catalog, removedAccounts } = deps

  const account = (id: number): AccountRow => {
    const row = catalog.accounts.getById(id)
    if (!row) throw new ApiError('not_found', `No account with id ${id}.`)
    return row
  }

  const summaries = (): AccountSummary[] =>
    catalog.accounts.list().map((a) => ({
      id: a.id,
      provider: a.provider,
      externalId: a.externalId,
      label: a.label,
      connectionId: a.connectionId,
      lastSyncedAt: a.lastSyncedAt,
      chats: a.chats,
      media: a.media,
      removed: removedAccounts.has(a),
    }))

  const summary = (id: number): AccountSummary => {
    const found = summaries().find((a) => a.id === id)
    if (!found) throw new ApiError('not_found', `No account with id ${id}.`)
    return found
  }

  const removal: RemovalDeps = {
    catalog,
    dataDir: deps.dataDir,
    removed: removedAccounts,
    keyStore: deps.keyStore,
    command: deps.transport === 'electron' ? 'the Chatkeep app' : 'chatkeep serve',
  }

  return {
    'accounts:list': async () => summaries(),
    'accounts:add': async ({ provider, externalId, connectionId, label }) => {
      const existing = catalog.accounts.get(provider, externalId)
      if (existing && removedAccounts.has(existing)) {
        // Added again after it was removed with its archive kept: it syncs again, archive and all.
        await removedAccounts.delete(existing)
        return summary(existing.id)
      }
      if (existing) {
        throw new ApiError(
          'bad_input',
          `${providerMeta[provider].label} account ${named(existing)} is already in Chatkeep: rename it in its row instead.`,
        )
      }
      const row = catalog.accounts.insert(provider, externalId, {
        ...(connectionId && { connectionId }),
        ...(label && { label }),
      })
      if (!row) throw new ApiError('bad_input', `Account ${externalId} was added meanwhile: reload the page.`)
      return summary(row.id)
    },
    'accounts:rename': async ({ accountId, label }) => {
      account(accountId)
      catalog.accounts.rename(accountId, label === '' ? null : label)
      return summary(accountId)
    },
    'accounts:removal': async ({ accountId }) => {
      const plan = await planRemoval(removal, account(accountId))
      return { accountId, ...plan }
    },
    'accounts:remove': async ({ accountId, archive }) => {
      const row = account(accountId)
      try {
        return { archive, ...(await removeAccount(removal, row, archive)) }
      } catch (error) {
        if (error instanceof AccountBusyError) {
          throw new ApiError('unavailable', `Nothing was removed: ${error.message}`)
        }
        throw error
      }
    },
    ...createKeyHandlers(deps, account),
    'settings:get': async () => ({ ...deps.settings.get() }),
    'settings:set': async (patch) => ({ ...(await deps.settings.update(patch)) }),
  }
}
