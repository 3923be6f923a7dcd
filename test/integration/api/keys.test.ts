// Keys as serve mode offers them, through the real core and the real adapters against the fake
// providers: a key for this session held in memory only, exactly where a sync takes its key from,
// "Test key" as one request in the fake's log, and the next step said in each mode's words.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../../src/main/core'
import type { Core } from '../../../src/main/core-types'
import { keyEnvOf } from '../../../src/shared/providers'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { coresEachTest } from '../../support/cores-each-test'

let fake: FakeProviders
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 3, chats: 2, messagesPerChat: 2, specials: false })
})
afterAll(async () => fake.close())

const cores = coresEachTest('chatkeep-keys-')
afterEach(() => fake.resetFaults())

const wrongKey = 'ofapi_wrong_key_for_test_0000'

async function serveCore(env: NodeJS.ProcessEnv = {}): Promise<{ core: Core; dataDir: string }> {
  return cores.openServe({ CHATKEEP_BASE_URL: fake.url, ...env })
}

/** Every byte the data folder holds, files of every depth. */
function everything(dir: string): Buffer {
  const parts: Buffer[] = []
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) parts.push(readFileSync(join(entry.parentPath, entry.name)))
  }
  return Buffer.concat(parts)
}

describe('keys in serve mode', () => {
  it('tests the environment key with one request and shows the refusal in the provider’s words', async () => {
    const { core } = await serveCore({ ONLYFANSAPI_API_KEY: wrongKey })
    const { id } = await core.handlers['accounts:add']({
      provider: 'onlyfansapi',
      externalId: 'acct_fake_onlyfans_1',
    })
    const before = await core.handlers['keys:status']({ accountId: id })
    expect(before).toMatchObject({
      hasKey: true,
      source: 'environment',
      envVar: 'ONLYFANSAPI_API_KEY',
      storesIn: 'session',
      canStore: true,
      lastTest: null,
    })
    const requests = fake.apiRequestCount('onlyfansapi')
    const test = await core.handlers['keys:test']({ accountId: id })
    expect(fake.apiRequestCount('onlyfansapi') - requests).toBe(1)
    expect(test.result).toBe('refused')
    expect(test.message).toMatch(/^onlyfansapi: HTTP 401/)
    expect(test.message).not.toContain(wrongKey)
    // The badge keeps the verdict while the key is the same.
    expect((await core.handlers['keys:status']({ accountId: id })).lastTest).toEqual(test)
  })

  it('keeps a session key in memory only: it wins over the environment, syncs, and leaves no trace on disk', async () => {
    const { core, dataDir } = await serveCore({ ONLYFANSAPI_API_KEY: wrongKey })
    const { id } = await core.handlers['accounts:add']({
      provider: 'onlyfansapi',
      externalId: 'acct_fake_onlyfans_1',
    })
    await core.handlers['keys:test']({ accountId: id })
    const sessionKey = fake.keys.onlyfansapi
    expect(await core.handlers['keys:set']({ accountId: id, apiKey: sessionKey })).toEqual({ stored: true })
    const status = await core.handlers['keys:status']({ accountId: id })
    // A new key forgets the old verdict.
    expect(status).toMatchObject({ hasKey: true, source: 'session', lastTest: null })
    expect(JSON.stringify(status)).not.toContain(sessionKey)

    const requests = fake.apiRequestCount('onlyfansapi')
    expect(await core.handlers['keys:test']({ accountId: id })).toMatchObject({ result: 'accepted' })
    expect(fake.apiRequestCount('onlyfansapi') - requests).toBe(1)

    // A sync takes the session key too.
    const {
      jobs: [job],
    } = await core.handlers['sync:start']({ accountId: id, full: false })
    await expect
      .poll(async () => (await core.handlers['sync:status']({})).jobs.find((j) => j.id === job?.id)?.state, {
        timeout: 20_000,
      })
      .toBe('done')
    expect((await core.handlers['catalog:stats']({})).files).toBeGreaterThan(0)
    await core.handlers['settings:set']({ concurrency: 3 })
    await cores.close(core)
    // Catalog, WAL, settings, locks, stored files: the key is nowhere in the data folder.
    expect(everything(dataDir).includes(Buffer.from(sessionKey))).toBe(false)

    // A new serve session starts without it: back to the environment's key.
    const { core: again } = await cores.openServe(
      { CHATKEEP_BASE_URL: fake.url, ONLYFANSAPI_API_KEY: wrongKey },
      dataDir,
    )
    expect((await again.handlers['keys:status']({ accountId: id })).source).toBe('environment')
  })

  it('forgets a session key, and says what to do when there is no key at all', async () => {
    const { core } = await serveCore()
    const { id } = await core.handlers['accounts:add']({
      provider: 'fansmetric',
      externalId: 'acct_fake_fm_1',
    })
    await expect(core.handlers['sync:start']({ accountId: id, full: false })).rejects.toThrow(
      'No API key for acct_fake_fm_1: enter it in Settings for this session, or restart chatkeep serve with FANSMETRIC_API_KEY set.',
    )
    await expect(core.handlers['keys:test']({ accountId: id })).rejects.toThrow(/for this session/)
    await core.handlers['keys:set']({ accountId: id, apiKey: fake.keys.fansmetric })
    expect(await core.handlers['keys:delete']({ accountId: id })).toEqual({ deleted: true })
    expect(await core.handlers['keys:status']({ accountId: id })).toMatchObject({
      hasKey: false,
      source: null,
    })
  })

  it('calls a test the provider could not answer inconclusive, not refused', async () => {
    const { core } = await serveCore({ FANSMETRIC_API_KEY: fake.keys.fansmetric })
    const { id } = await core.handlers['accounts:add']({
      provider: 'fansmetric',
      externalId: 'acct_fake_fm_1',
    })
    fake.faults({ burst429: 1 })
    expect(await core.handlers['keys:test']({ accountId: id })).toMatchObject({ result: 'inconclusive' })
  })
})

describe('keys in the desktop app', () => {
  it('says the keychain is where a key goes when one is missing', async () => {
    const keys = new Map<string, string>()
    const core = await openCore({
      dataDir: cores.freshDir(),
      transport: 'electron',
      keyStore: {
        kind: 'keychain',
        unavailableReason: async () => null,
        getApiKey: async (p, a) => keys.get(`${p}/${a}`) ?? null,
        hasApiKey: async (p, a) => keys.has(`${p}/${a}`),
        setApiKey: async (p, a, k) => void keys.set(`${p}/${a}`, k),
        deleteApiKey: async (p, a) => keys.delete(`${p}/${a}`),
      },
      envKeyName: keyEnvOf,
      env: {},
      // Never reached: the missing key is said before a sync is asked for.
      sync: {
        adapterFor: () => Promise.reject(new Error('no sync in this test')),
        command: 'a test',
      },
    })
    cores.keep(core)
    const { id } = await core.handlers['accounts:add']({
      provider: 'ofauth',
      externalId: '9',
      connectionId: 'conn_1',
    })
    await expect(core.handlers['sync:start']({ accountId: id, full: false })).rejects.toThrow(
      'No API key for 9: save it in Settings (kept in the system keychain), or set OFAUTH_API_KEY in the environment Chatkeep starts from.',
    )
    // Without a key check (nothing wired to the providers) a test is refused plainly.
    await core.handlers['keys:set']({ accountId: id, apiKey: 'ofauth_abcdefgh' })
    await expect(core.handlers['keys:test']({ accountId: id })).rejects.toThrow(/cannot be tested/)
  })
})
