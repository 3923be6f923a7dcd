// Which key a sync uses, in one place: the app's own store first (the desktop keychain, or serve's
// session memory), then the provider's environment variable. The settings screen's "where the key
// comes from", "Test key" and the sync itself all ask this, so they can never disagree.
import type { KeyStore, SecretSource } from '../core-types'

export type KeySource = 'keychain' | 'session' | 'environment'

export interface KeyLookup {
  /** The desktop keychain or serve's session store; absent in the CLI. */
  readonly store?: KeyStore | undefined
  readonly env?: NodeJS.ProcessEnv | undefined
  /** Names the provider's key variable (src/shared/providers.ts `keyEnvOf`). */
  readonly envKeyName?: ((provider: string) => string | undefined) | undefined
}

export interface FoundKey {
  readonly apiKey: string
  readonly source: KeySource
}

function envKey(lookup: KeyLookup, provider: string): string | null {
  const name = lookup.envKeyName?.(provider)
  return (name === undefined ? undefined : lookup.env?.[name]?.trim()) || null
}

/** Where a sync of this account would take its key from, without reading (decrypting) it. */
export async function keySourceOf(
  lookup: KeyLookup,
  provider: string,
  account: string,
): Promise<KeySource | null> {
  if (lookup.store && (await lookup.store.hasApiKey(provider, account))) return lookup.store.kind
  return envKey(lookup, provider) === null ? null : 'environment'
}

/** The key a sync of this account would use, and where it comes from; null when there is none. */
export async function findKey(
  lookup: KeyLookup,
  provider: string,
  account: string,
): Promise<FoundKey | null> {
  const stored = await lookup.store?.getApiKey(provider, account)
  if (lookup.store && stored) return { apiKey: stored, source: lookup.store.kind }
  const fromEnv = envKey(lookup, provider)
  return fromEnv === null ? null : { apiKey: fromEnv, source: 'environment' }
}

/** The same order as a SecretSource, for the sync controller. */
export function keySecretSource(lookup: KeyLookup): SecretSource {
  return {
    getApiKey: async (provider, account) => (await findKey(lookup, provider, account))?.apiKey ?? null,
  }
}
