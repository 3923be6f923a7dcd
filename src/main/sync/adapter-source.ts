// Where the sync service gets an account's adapter: its key from the keychain or the environment
// (never from the catalog), and the provider's API origin (the demo's and tests' local fake).
import { keyEnvOf } from '../../shared/providers'
import type { AccountRow } from '../catalog/repositories/accounts'
import type { SecretSource } from '../core-types'
import type { AdapterOptions, ProviderAdapter } from '../providers/types'
import type { ProviderId } from '../../shared/domain'

/** No key for the account where this process looks for one; the message says where to add it. */
export class MissingKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MissingKeyError'
  }
}

export type AdapterFor = (account: AccountRow) => Promise<ProviderAdapter>

export interface AdapterSourceOptions {
  readonly secrets: SecretSource
  readonly createAdapter: (provider: ProviderId, options: AdapterOptions) => ProviderAdapter
  /** Replaces every provider's API origin (the demo's local fake providers). */
  readonly baseUrl?: string
  /** Where the user adds a missing key, for the message: "in Settings", "in FANSMETRIC_API_KEY". */
  readonly whereKeysGo: (provider: ProviderId) => string
}

export function adapterSource(options: AdapterSourceOptions): AdapterFor {
  return async (account) => {
    const apiKey = await options.secrets.getApiKey(account.provider, account.externalId)
    if (!apiKey)
      throw new MissingKeyError(
        `No API key for ${account.provider} ${account.externalId}: add it ${options.whereKeysGo(account.provider)}.`,
      )
    return options.createAdapter(account.provider, {
      apiKey,
      ...(options.baseUrl && { baseUrl: options.baseUrl }),
    })
  }
}

/** The CLI and serve mode take keys from the environment, as the sync command does. */
export function envSecretSource(env: NodeJS.ProcessEnv): SecretSource {
  return {
    async getApiKey(provider) {
      const name = keyEnvOf(provider)
      const key = name ? env[name]?.trim() : undefined
      return key || null
    },
  }
}
