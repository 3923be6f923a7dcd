// Which key a sync uses: the app's own store (keychain or this serve session) first, then the
// environment; and the session store keeps keys in memory only.
import { describe, expect, it } from 'vitest'
import { findKey, keySecretSource, keySourceOf } from '../../../src/main/keys/key-order'
import { SessionKeyStore } from '../../../src/main/keys/session-keys'
import { keyEnvOf } from '../../../src/shared/providers'

describe('key order', () => {
  it('takes the session key over the environment, and the environment when the session has none', async () => {
    const store = new SessionKeyStore()
    const lookup = { store, env: { OFAUTH_API_KEY: ' env-key ' }, envKeyName: keyEnvOf }
    expect(await findKey(lookup, 'ofauth', '9')).toEqual({ apiKey: 'env-key', source: 'environment' })
    expect(await keySourceOf(lookup, 'ofauth', '9')).toBe('environment')
    await store.setApiKey('ofauth', '9', 'typed-key')
    expect(await findKey(lookup, 'ofauth', '9')).toEqual({ apiKey: 'typed-key', source: 'session' })
    expect(await keySourceOf(lookup, 'ofauth', '9')).toBe('session')
    // Another account of the same provider still reads the environment.
    expect(await keySecretSource(lookup).getApiKey('ofauth', '10')).toBe('env-key')
    expect(await store.deleteApiKey('ofauth', '9')).toBe(true)
    expect(await store.deleteApiKey('ofauth', '9')).toBe(false)
    expect(await keySecretSource(lookup).getApiKey('ofauth', '9')).toBe('env-key')
  })

  it('finds nothing without a key, an unknown provider, or a blank variable', async () => {
    const lookup = { env: { FANSMETRIC_API_KEY: '   ' }, envKeyName: keyEnvOf }
    expect(await findKey(lookup, 'fansmetric', 'a')).toBeNull()
    expect(await keySourceOf(lookup, 'nope', 'a')).toBeNull()
    await expect(new SessionKeyStore().setApiKey('ofauth', '9', '  ')).rejects.toThrow(/empty/)
  })
})
