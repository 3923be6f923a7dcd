// Accounts, keys and settings through the real core (real SQLite in a temp folder). The keychain is
// the one stand-in: an in-memory KeyStore in place of Electron's safeStorage-backed one.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { channels } from '../../../src/shared/contract'
import { openCore } from '../../../src/main/core'
import type { Core, KeyStore } from '../../../src/main/core-types'
import { tempDir } from '../../support/temp-dir'

function memoryKeyStore(
  unavailable: string | null = null,
): KeyStore & { readonly keys: Map<string, string> } {
  const keys = new Map<string, string>()
  return {
    kind: 'keychain',
    keys,
    unavailableReason: async () => unavailable,
    getApiKey: async (p, a) => keys.get(`${p}/${a}`) ?? null,
    hasApiKey: async (p, a) => keys.has(`${p}/${a}`),
    setApiKey: async (p, a, k) => void keys.set(`${p}/${a}`, k),
    deleteApiKey: async (p, a) => keys.delete(`${p}/${a}`),
  }
}

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function core(
  options: Partial<Parameters<typeof openCore>[0]> = {},
): Promise<{ core: Core; dir: string }> {
  const dir = options.dataDir ?? tempDir().path
  const opened = await openCore({ dataDir: dir, transport: 'electron', ...options })
  cleanups.push(() => opened.close())
  return { core: opened, dir }
}

describe('accounts, keys and settings', () => {
  it('adds an account once, says so (renaming nothing) when it exists, and OFAuth needs its connection id', async () => {
    const { core: c } = await core()
    const added = await c.handlers['accounts:add'](
      channels['accounts:add'].input.parse({ provider: 'fansmetric', externalId: ' acct_1 ', label: 'Main' }),
    )
    expect(added).toMatchObject({ provider: 'fansmetric', externalId: 'acct_1', chats: 0, media: 0 })
    await expect(
      c.handlers['accounts:add'](
        channels['accounts:add'].input.parse({
          provider: 'fansmetric',
          externalId: 'acct_1',
          label: 'Other',
        }),
      ),
    ).rejects.toThrow('FansMetric — OnlyFans account “Main” (acct_1) is already in Chatkeep')
    expect((await c.handlers['accounts:list']({})).map((a) => a.label)).toEqual(['Main'])
    // The same id at another provider is another account.
    const other = await c.handlers['accounts:add']({ provider: 'onlyfansapi', externalId: 'acct_1' })
    expect(other.id).not.toBe(added.id)
    expect(channels['accounts:add'].input.safeParse({ provider: 'ofauth', externalId: '9' }).success).toBe(
      false,
    )
  })

  it('stores a key in the keychain and never hands it back', async () => {
    const keyStore = memoryKeyStore()
    const { core: c, dir } = await core({ keyStore })
    const { id } = await c.handlers['accounts:add']({ provider: 'onlyfansapi', externalId: 'acct_9' })
    expect(await c.handlers['keys:status']({ accountId: id })).toEqual({
      hasKey: false,
      source: null,
      envVar: null,
      storesIn: 'keychain',
      canStore: true,
      reason: null,
      lastTest: null,
    })
    const secret = 'sk_live_0123456789abcdef'
    const stored = await c.handlers['keys:set']({ accountId: id, apiKey: secret })
    expect(JSON.stringify(stored)).not.toContain(secret)
    const status = await c.handlers['keys:status']({ accountId: id })
    expect(status).toMatchObject({ hasKey: true, source: 'keychain' })
    expect(JSON.stringify(status)).not.toContain(secret)
    expect(keyStore.keys.get('onlyfansapi/acct_9')).toBe(secret)
    // Not in the catalog, not in the settings file.
    expect(readFileSync(join(dir, 'catalog.sqlite')).includes(secret)).toBe(false)
    expect(await c.handlers['keys:delete']({ accountId: id })).toEqual({ deleted: true })
    expect((await c.handlers['keys:status']({ accountId: id })).hasKey).toBe(false)
  })

  it('says when the keychain cannot store keys, and where the environment supplies one', async () => {
    const { core: c } = await core({
      keyStore: memoryKeyStore('No keyring was found.'),
      envKeyName: (p) => (p === 'ofauth' ? 'OFAUTH_API_KEY' : undefined),
      env: { OFAUTH_API_KEY: 'from-env-123456' },
    })
    const { id } = await c.handlers['accounts:add']({
      provider: 'ofauth',
      externalId: '9',
      connectionId: 'conn_1',
    })
    expect(await c.handlers['keys:status']({ accountId: id })).toEqual({
      hasKey: true,
      source: 'environment',
      envVar: 'OFAUTH_API_KEY',
      storesIn: 'keychain',
      canStore: false,
      reason: 'No keyring was found.',
      lastTest: null,
    })
    await expect(c.handlers['keys:set']({ accountId: id, apiKey: 'abcdefgh1234' })).rejects.toThrow(
      /No keyring/,
    )
    await expect(c.handlers['keys:status']({ accountId: 999 })).rejects.toThrow(/No account/)
  })

  it('keeps settings across restarts and survives a damaged settings file', async () => {
    const dir = tempDir().path
    const first = await core({ dataDir: dir })
    expect(await first.core.handlers['settings:get']({})).toEqual({
      concurrency: 8,
      videoQuality: 'source',
      exportFolder: null,
      syncEveryHours: null,
      startAtLogin: false,
      archiveMode: 'conversations',
      maxCredits: null,
    })
    await first.core.handlers['settings:set']({ concurrency: 3 })
    await first.core.close()
    const second = await core({ dataDir: dir })
    expect(await second.core.handlers['settings:get']({})).toEqual({
      concurrency: 3,
      videoQuality: 'source',
      exportFolder: null,
      syncEveryHours: null,
      startAtLogin: false,
      archiveMode: 'conversations',
      maxCredits: null,
    })
    await second.core.close()
    writeFileSync(join(dir, 'settings.json'), '{ not json')
    const third = await core({ dataDir: dir })
    expect(await third.core.handlers['settings:get']({})).toEqual({
      concurrency: 8,
      videoQuality: 'source',
      exportFolder: null,
      syncEveryHours: null,
      startAtLogin: false,
      archiveMode: 'conversations',
      maxCredits: null,
    })
    expect(channels['settings:set'].input.safeParse({ concurrency: 0 }).success).toBe(false)
  })

  it('a settings file from before the archive settings reads them as their defaults', async () => {
    const dir = tempDir().path
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ concurrency: 4, videoQuality: '720', exportFolder: null }),
    )
    const { core: c } = await core({ dataDir: dir })
    expect(await c.handlers['settings:get']({})).toMatchObject({
      concurrency: 4,
      archiveMode: 'conversations',
      maxCredits: null,
    })
    await c.handlers['settings:set']({ archiveMode: 'media', maxCredits: 500 })
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      concurrency: 4,
      archiveMode: 'media',
      maxCredits: 500,
    })
    expect(channels['settings:set'].input.safeParse({ maxCredits: 0 }).success).toBe(false)
    expect(channels['settings:set'].input.safeParse({ archiveMode: 'everything' }).success).toBe(false)
  })
})

describe('sync:cost', () => {
  it("says what whole conversations cost on the account's provider, and whether they were read yet", async () => {
    const { core: c } = await core()
    const account = await c.handlers['accounts:add'](
      channels['accounts:add'].input.parse({ provider: 'ofauth', externalId: '42', connectionId: 'conn_1' }),
    )
    expect(await c.handlers['sync:cost']({ accountId: account.id })).toEqual({
      provider: 'ofauth',
      firstWholeSync: true,
      chatsToRead: 0,
      messagesPerPage: 10,
      requestsPer1000Messages: 100,
      creditsPer1000Messages: 100,
      downloadCreditsPerMegabyte: null,
      note: expect.stringContaining('10'),
      archiveMode: 'conversations',
      maxCredits: null,
    })
    await c.handlers['settings:set']({ maxCredits: 300 })
    const ofapi = await c.handlers['accounts:add'](
      channels['accounts:add'].input.parse({ provider: 'onlyfansapi', externalId: 'acct_1' }),
    )
    expect(await c.handlers['sync:cost']({ accountId: ofapi.id })).toMatchObject({
      provider: 'onlyfansapi',
      creditsPer1000Messages: 10,
      downloadCreditsPerMegabyte: 3,
      maxCredits: 300,
    })
    await expect(c.handlers['sync:cost']({ accountId: 999 })).rejects.toThrow(/No account/)
  })
})
