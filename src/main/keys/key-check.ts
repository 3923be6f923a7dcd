// "Test key": one cheap call to the provider with the key a sync would use, through the same
// adapter a sync uses (so the same URL, headers and error wording): the first page of the chat
// list, one request (adapters never retry; the sync layer does). A refusal comes back in the
// provider's own words, the key redacted by the adapter.
import type { ProviderId } from '../../shared/domain'
import { AuthError, NotFound, isProviderError } from '../providers/errors'
import type { AdapterOptions, ProviderAdapter } from '../providers/types'

export interface KeyCheckAccount {
  readonly provider: ProviderId
  readonly externalId: string
  readonly connectionId: string | null
}

export interface KeyCheckResult {
  readonly result: 'accepted' | 'refused' | 'inconclusive'
  /** One line: the provider's words when refused, what happened otherwise. */
  readonly message: string
}

export type KeyCheck = (account: KeyCheckAccount, apiKey: string) => Promise<KeyCheckResult>

export interface KeyCheckDeps {
  readonly createAdapter: (provider: ProviderId, options: AdapterOptions) => ProviderAdapter
  /** The same origin override a sync uses (CHATKEEP_BASE_URL: the demo and tests). */
  readonly baseUrl?: string
}

export function createKeyCheck(deps: KeyCheckDeps): KeyCheck {
  return async (account, apiKey) => {
    const adapter = deps.createAdapter(account.provider, {
      apiKey,
      ...(deps.baseUrl && { baseUrl: deps.baseUrl }),
    })
    try {
      const page = await adapter.listChats({
        account: account.externalId,
        ...(account.connectionId && { connectionId: account.connectionId }),
      })
      const chats = page.items.length
      return {
        result: 'accepted',
        message: `It listed ${chats}${page.next ? '+' : ''} chat${chats === 1 ? '' : 's'} with it.`,
      }
    } catch (error) {
      // A 404 answers for the account id: with this key the provider does not know that account.
      if (error instanceof AuthError || error instanceof NotFound) {
        return { result: 'refused', message: error.message }
      }
      if (isProviderError(error)) return { result: 'inconclusive', message: error.message }
      throw error
    }
  }
}
