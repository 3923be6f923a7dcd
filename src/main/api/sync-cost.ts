// `sync:cost`: what archiving whole conversations will cost on an account's provider, so the app
// can say so before the account's first whole-conversation sync (issue 12). The price per 1,000
// messages is the provider's record in src/shared/providers.ts; the catalog says how many chats
// have not been read whole yet.
import type { ChannelOutput } from '../../shared/contract'
import { providerMeta } from '../../shared/providers'
import type { Catalog } from '../catalog/catalog'
import type { SettingsStore } from '../settings'
import { ApiError } from './errors'

export function syncCost(
  catalog: Catalog,
  settings: SettingsStore,
  accountId: number,
): ChannelOutput<'sync:cost'> {
  const account = catalog.accounts.getById(accountId)
  if (!account) throw new ApiError('not_found', `No account with id ${accountId}.`)
  const state = catalog.chats.conversationState(accountId)
  const { archiveMode, maxCredits } = settings.get()
  return {
    provider: account.provider,
    firstWholeSync: state.complete === 0,
    chatsToRead: state.chats - state.complete,
    ...providerMeta[account.provider].conversationCost,
    archiveMode,
    maxCredits,
  }
}
