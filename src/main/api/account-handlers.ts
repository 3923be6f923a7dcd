// Accounts, their keys and the app settings. A key goes into the keychain and never comes back
// out through the bridge: the renderer only learns whether one is there and where from.
import type { Handlers } from '../../shared/contract'
import type { AccountRow } from '../catalog/repositories/accounts'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'

type AccountHandlers = Pick<
  Handlers,
  'accounts:add' | 'keys:status' | 'keys:set' | 'keys:delete' | 'settings:get' | 'settings:set'
>

export function createAccountHandlers(deps: HandlerDeps): AccountHandlers {
  const { catalog } = deps

  const account = (id: number): AccountRow => {
    const row = catalog.accounts.getById(id)
    if (!row) throw new ApiError('not_found', `No account with id ${id}.`)
    return row
  }

  const envHasKey = (provider: string): boolean => {
    const name = deps.envKeyName?.(provider)
    return name !== undefined && (deps.env?.[name]?.trim() ?? '') !== ''
  }

  return {
    'accounts:add': async ({ provider, externalId, connectionId, label }) => {
      const row = catalog.accounts.upsert(provider, externalId, {
        ...(connectionId && { connectionId }),
        ...(label && { label }),
      })
      const summary = catalog.accounts.list().find((a) => a.id === row.id)
      if (!summary) throw new ApiError('internal', 'The account was not saved.')
      return { ...summary }
    },
    'keys:status': async ({ accountId }) => {
      const row = account(accountId)
      const reason = deps.keyStore
        ? await deps.keyStore.unavailableReason()
        : 'Keys come from environment variables in this mode.'
      const inKeychain = deps.keyStore ? await deps.keyStore.hasApiKey(row.provider, row.externalId) : false
      const inEnv = envHasKey(row.provider)
      return {
        hasKey: inKeychain || inEnv,
        source: inKeychain ? 'keychain' : inEnv ? 'environment' : null,
        canStore: deps.keyStore !== undefined && reason === null,
        reason,
      }
    },
    'keys:set': async ({ accountId, apiKey }) => {
      const row = account(accountId)
      if (!deps.keyStore) {
        throw new ApiError(
          'unavailable',
          'This mode cannot store keys: set the provider key environment variable instead.',
        )
      }
      const reason = await deps.keyStore.unavailableReason()
      if (reason !== null) throw new ApiError('unavailable', reason)
      await deps.keyStore.setApiKey(row.provider, row.externalId, apiKey)
      return { stored: true }
    },
    'keys:delete': async ({ accountId }) => {
      const row = account(accountId)
      const deleted = deps.keyStore ? await deps.keyStore.deleteApiKey(row.provider, row.externalId) : false
      return { deleted }
    },
    'settings:get': async () => ({ ...deps.settings.get() }),
    'settings:set': async (patch) => ({ ...(await deps.settings.update(patch)) }),
  }
}
