import { describe, expect, it } from 'vitest'
import { describeKeyStatus, type KeyStatus } from '../../../src/renderer/features/settings/keyStatus'

const base: KeyStatus = {
  hasKey: true,
  source: 'environment',
  envVar: 'ONLYFANSAPI_API_KEY',
  storesIn: null,
  canStore: false,
  reason: null,
  lastTest: null,
}
const at = '2026-01-02T03:04:05.000Z'

describe('key status text', () => {
  it('names exactly where a sync takes the key from, never the key', () => {
    expect(describeKeyStatus({ ...base, source: 'keychain', storesIn: 'keychain' }, 'OnlyFansAPI')).toEqual({
      tone: 'neutral',
      label: 'Key in the system keychain (not tested)',
      where: 'A sync uses the key saved in the system keychain.',
    })
    const env = describeKeyStatus(base, 'OnlyFansAPI')
    expect(env.label).toBe('Key from ONLYFANSAPI_API_KEY (not tested)')
    expect(env.where).toContain('ONLYFANSAPI_API_KEY')
    const session = describeKeyStatus({ ...base, source: 'session', storesIn: 'session' }, 'OnlyFansAPI')
    expect(session.label).toBe('Key for this session only (not tested)')
    expect(session.where).toContain('memory only')
  })

  it('turns green only when the provider accepted the key, red when it refused it', () => {
    // An untested key from the environment is not green: it may well be wrong.
    expect(describeKeyStatus(base, 'OnlyFansAPI').tone).toBe('neutral')
    const accepted = { result: 'accepted', message: 'ok', testedAt: at } as const
    expect(describeKeyStatus({ ...base, lastTest: accepted }, 'OnlyFansAPI')).toMatchObject({
      tone: 'ok',
      label: 'Key from ONLYFANSAPI_API_KEY: accepted by OnlyFansAPI',
    })
    const refused = { result: 'refused', message: 'onlyfansapi: HTTP 401', testedAt: at } as const
    expect(describeKeyStatus({ ...base, lastTest: refused }, 'OnlyFansAPI')).toMatchObject({
      tone: 'danger',
      label: 'Key from ONLYFANSAPI_API_KEY: refused by OnlyFansAPI',
    })
    const unknown = { result: 'inconclusive', message: 'timeout', testedAt: at } as const
    expect(describeKeyStatus({ ...base, lastTest: unknown }, 'OnlyFansAPI').tone).toBe('neutral')
  })

  it('says a key is missing and what to do in each mode', () => {
    const missing = { ...base, hasKey: false, source: null } as const
    expect(describeKeyStatus({ ...missing, storesIn: 'keychain', canStore: true }, 'X')).toMatchObject({
      tone: 'warning',
      label: 'Key missing',
    })
    expect(describeKeyStatus({ ...missing, storesIn: 'keychain', canStore: true }, 'X').where).toContain(
      'system keychain',
    )
    expect(describeKeyStatus({ ...missing, storesIn: 'session', canStore: true }, 'X').where).toContain(
      'for this session, or restart chatkeep serve with ONLYFANSAPI_API_KEY set',
    )
    expect(describeKeyStatus(missing, 'X').where).toContain('set ONLYFANSAPI_API_KEY')
  })
})
