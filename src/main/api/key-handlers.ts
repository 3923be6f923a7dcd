// API keys: where a sync takes an account's key from, storing one (the desktop's keychain, or
// serve's memory for this session), removing it, and testing it with one call to the provider.
// A key goes in and never comes back out through the bridge.
import type { ChannelOutput, Handlers } from '../../shared/contract'
import type { AccountRow } from '../catalog/repositories/accounts'
import { findKey, keySourceOf, type KeyLookup } from '../keys/key-order'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'

type KeyHandlers = Pick<Handlers, 'keys:status' | 'keys:set' | 'keys:delete' | 'keys:test'>
type KeyTest = ChannelOutput<'keys:test'>

/** What to do when an account has no key, in the words of the mode the user is in. */
export function missingKeyHelp(deps: Pick<HandlerDeps, 'keyStore' | 'envKeyName'>, provider: string): string {
  const variable = deps.envKeyName?.(provider)
  const env = variable
    ? `set ${variable} in the environment Chatkeep starts from`
    : 'set it in the environment'
  if (deps.keyStore?.kind === 'keychain')
    return `save it in Settings (kept in the system keychain), or ${env}`
  if (deps.keyStore?.kind === 'session')
    return `enter it in Settings for this session, or restart chatkeep serve with ${variable ?? 'the key variable'} set`
  return env
}

export function createKeyHandlers(deps: HandlerDeps, account: (id: number) => AccountRow): KeyHandlers {
  const lookup: KeyLookup = { store: deps.keyStore, env: deps.env, envKeyName: deps.envKeyName }
  /** The last test per account, valid while the key it tested is still the one a sync would use. */
  const tests = new Map<number, { readonly source: string; readonly test: KeyTest }>()

  return {
    'keys:status': async ({ accountId }) => {
      const row = account(accountId)
      const reason = deps.keyStore
        ? await deps.keyStore.unavailableReason()
        : 'Keys come from environment variables in this mode.'
      const source = await keySourceOf(lookup, row.provider, row.externalId)
      const last = tests.get(accountId)
      return {
        hasKey: source !== null,
        source,
        envVar: deps.envKeyName?.(row.provider) ?? null,
        storesIn: deps.keyStore?.kind ?? null,
        canStore: deps.keyStore !== undefined && reason === null,
        reason,
        lastTest: last && last.source === source ? { ...last.test } : null,
      }
    },
    'keys:set': async ({ accountId, apiKey }) => {
      const row = account(accountId)
      if (!deps.keyStore) {
        throw new ApiError(
          'unavailable',
          `This mode cannot store keys: ${missingKeyHelp(deps, row.provider)}.`,
        )
      }
      const reason = await deps.keyStore.unavailableReason()
      if (reason !== null) throw new ApiError('unavailable', reason)
      await deps.keyStore.setApiKey(row.provider, row.externalId, apiKey)
      tests.delete(accountId)
      return { stored: true }
    },
    'keys:delete': async ({ accountId }) => {
      const row = account(accountId)
      const deleted = deps.keyStore ? await deps.keyStore.deleteApiKey(row.provider, row.externalId) : false
      tests.delete(accountId)
      return { deleted }
    },
    'keys:test': async ({ accountId }) => {
      const row = account(accountId)
      if (!deps.keyCheck) throw new ApiError('unavailable', 'Keys cannot be tested in this mode.')
      const found = await findKey(lookup, row.provider, row.externalId)
      if (!found) {
        throw new ApiError(
          'forbidden',
          `No API key for ${row.label ?? row.externalId}: ${missingKeyHelp(deps, row.provider)}.`,
        )
      }
      const checked = await deps.keyCheck(row, found.apiKey)
      const test: KeyTest = { ...checked, testedAt: new Date().toISOString() }
      tests.set(accountId, { source: found.source, test })
      return test
    },
  }
}
