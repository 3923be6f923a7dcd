import { describe, expect, it } from 'vitest'
import { describeKeyStatus } from '../../../src/renderer/features/settings/keyStatus'

describe('key status text', () => {
  it('names where a sync takes the key from, never the key', () => {
    expect(describeKeyStatus({ hasKey: true, source: 'keychain', canStore: true, reason: null })).toEqual({
      tone: 'ok',
      label: 'Key stored in the system keychain',
      env: null,
    })
    const env = describeKeyStatus({ hasKey: true, source: 'environment', canStore: false, reason: 'x' })
    expect(env.label).toBe('Key taken from the environment')
    expect(env.env).toBe('reads')
  })

  it('says a key is missing and how to add one where it can be stored, or which variable to set', () => {
    expect(describeKeyStatus({ hasKey: false, source: null, canStore: true, reason: null })).toMatchObject({
      tone: 'warning',
      label: 'Key missing',
      env: null,
    })
    expect(
      describeKeyStatus({ hasKey: false, source: null, canStore: false, reason: 'No keychain.' }).env,
    ).toBe('set-it')
  })
})
