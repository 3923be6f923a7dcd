// The mark of accounts removed with their archive kept: a small file that survives restarts, takes
// changes one at a time, and reads as empty when damaged.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openRemovedAccounts, removedAccountsFileName } from '../../../src/main/accounts/removed-accounts'
import { freshDirEachTest } from '../../support/each-test-dirs'

const fresh = freshDirEachTest('chatkeep-removed-')

const a = { provider: 'fansmetric', externalId: 'acct_1' } as const
const b = { provider: 'ofauth', externalId: '9' } as const

describe('removed accounts', () => {
  it('keeps marks across reopening and loses none when changes come at once', async () => {
    const dir = fresh()
    const removed = openRemovedAccounts(dir)
    await Promise.all([removed.add(a), removed.add(b), removed.add(a)])
    expect(removed.has(a) && removed.has(b)).toBe(true)
    expect(removed.has({ provider: 'fansmetric', externalId: '9' })).toBe(false)
    const again = openRemovedAccounts(dir)
    expect(again.has(a) && again.has(b)).toBe(true)
    expect(await again.delete(a)).toBe(true)
    expect(await again.delete(a)).toBe(false)
    expect(openRemovedAccounts(dir).has(a)).toBe(false)
    expect(JSON.parse(readFileSync(join(dir, removedAccountsFileName), 'utf8'))).toMatchObject({
      version: 1,
      accounts: [{ provider: 'ofauth', externalId: '9' }],
    })
  })

  it('reads a missing or damaged file as no marks', () => {
    const dir = fresh()
    expect(openRemovedAccounts(dir).has(a)).toBe(false)
    writeFileSync(join(dir, removedAccountsFileName), '{"version":1,"accounts":[{"provider":"x"}]}')
    expect(openRemovedAccounts(dir).has(a)).toBe(false)
  })
})
