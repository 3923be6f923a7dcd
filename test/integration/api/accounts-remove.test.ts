// Renaming and removing accounts through the real core, on archives synced for real from the fake
// providers (made so that their videos and voice notes are the same bytes in every account: two
// accounts share stored files): removing with the archive deletes that account's rows and only the files no
// other account uses; the other account's rows and files are untouched and `verify` still passes.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCatalog } from '../../../src/main/catalog/catalog'
import type { Core } from '../../../src/main/core-types'
import { accountKey, acquireAccountLock } from '../../../src/main/sync/account-lock'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { jsonOut, runCli } from '../../support/cli'
import { coresEachTest } from '../../support/cores-each-test'

let fake: FakeProviders
beforeAll(async () => {
  // Videos and voice notes no bigger than the real clip are that clip: the same bytes everywhere.
  fake = await startFakeProviders({
    seed: 11,
    chats: 2,
    messagesPerChat: 4,
    specials: false,
    fileSizes: { video: [1, 1], audio: [1, 1] },
  })
})
afterAll(async () => fake.close())

const cores = coresEachTest('chatkeep-remove-')

interface World {
  readonly core: Core
  readonly dataDir: string
  readonly fm: number
  readonly of: number
}

/** Two accounts synced into one data folder through serve's core, keys from the environment. */
async function syncedWorld(): Promise<World> {
  const { core, dataDir } = await cores.openServe({
    CHATKEEP_BASE_URL: fake.url,
    FANSMETRIC_API_KEY: fake.keys.fansmetric,
    ONLYFANSAPI_API_KEY: fake.keys.onlyfansapi,
  })
  const fm = (await core.handlers['accounts:add']({ provider: 'fansmetric', externalId: 'acct_fake_fm_1' }))
    .id
  const of = (
    await core.handlers['accounts:add']({ provider: 'onlyfansapi', externalId: 'acct_fake_onlyfans_1' })
  ).id
  for (const accountId of [fm, of]) {
    const {
      jobs: [job],
    } = await core.handlers['sync:start']({ accountId, full: false })
    await expect
      .poll(async () => (await core.handlers['sync:status']({})).jobs.find((j) => j.id === job?.id)?.state, {
        timeout: 30_000,
      })
      .toBe('done')
  }
  return { core, dataDir, fm, of }
}

/** Every catalog row that belongs to an account, as JSON lines, read straight from SQLite. */
type Table =
  'account' | 'chats' | 'messages' | 'media' | 'links' | 'mediaFiles' | 'files' | 'jobs' | 'runs' | 'counts'

function rowsOf(dataDir: string, accountId: number): Record<Table, unknown[]> {
  const catalog = openCatalog(dataDir, { readonly: true })
  try {
    const q = (sql: string): unknown[] => catalog.db.prepare(sql).all(accountId)
    return {
      account: q('SELECT * FROM accounts WHERE id = ?'),
      chats: q('SELECT * FROM chats WHERE account_id = ? ORDER BY id'),
      messages: q(
        'SELECT m.* FROM messages m JOIN chats c ON c.id = m.chat_id WHERE c.account_id = ? ORDER BY m.id',
      ),
      media: q('SELECT * FROM media WHERE account_id = ? ORDER BY id'),
      links: q(
        'SELECT mm.* FROM message_media mm JOIN media m ON m.id = mm.media_id WHERE m.account_id = ? ORDER BY 1, 2',
      ),
      mediaFiles: q(
        'SELECT mf.* FROM media_files mf JOIN media m ON m.id = mf.media_id WHERE m.account_id = ? ORDER BY 1, 2',
      ),
      files: q(
        `SELECT DISTINCT f.* FROM files f JOIN media_files mf ON mf.file_id = f.id JOIN media m ON m.id = mf.media_id
         WHERE m.account_id = ? ORDER BY f.id`,
      ),
      jobs: q(
        'SELECT j.* FROM jobs j JOIN media m ON m.id = j.media_id WHERE m.account_id = ? ORDER BY j.id',
      ),
      runs: q('SELECT * FROM sync_runs WHERE account_id = ? ORDER BY id'),
      counts: q('SELECT * FROM media_counts WHERE account_id = ? AND n > 0 ORDER BY 1, 2, 3'),
    }
  } finally {
    catalog.close()
  }
}

function storedFiles(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'files'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('.tmp'))
    .map((entry) => entry.name)
    .sort()
}

async function verify(dataDir: string): Promise<{ code: number | null; report: Record<string, unknown> }> {
  const result = await runCli(['verify', '--data-dir', dataDir, '--json'])
  return { code: result.code, report: jsonOut(result) }
}

describe('removing an account with its archive', () => {
  it('deletes its rows and the files only it used; the other account and shared files stay, verify passes', async () => {
    const { core, dataDir, fm, of } = await syncedWorld()
    const fmBefore = rowsOf(dataDir, fm)
    const ofBefore = rowsOf(dataDir, of)
    const shared = (fmBefore.files as { sha256: string }[]).filter((file) =>
      (ofBefore.files as { sha256: string }[]).some((other) => other.sha256 === file.sha256),
    )
    // The precondition that makes this test mean something: both archives use some same bytes.
    expect(shared.length).toBeGreaterThan(0)
    expect(ofBefore.files.length).toBeGreaterThan(shared.length)
    const storedBefore = storedFiles(dataDir)

    const plan = await core.handlers['accounts:removal']({ accountId: of })
    expect(plan).toMatchObject({
      chats: ofBefore.chats.length,
      media: ofBefore.media.length,
      files: ofBefore.files.length - shared.length,
      busy: null,
      deleteBusy: null,
    })
    const removed = await core.handlers['accounts:remove']({ accountId: of, archive: 'delete' })
    expect(removed).toEqual({
      archive: 'delete',
      media: ofBefore.media.length,
      files: plan.files,
      bytes: plan.bytes,
    })

    // Every row of the removed account is gone; the other account's rows are exactly as they were.
    const ofAfter = rowsOf(dataDir, of)
    for (const [table, rows] of Object.entries(ofAfter)) expect(rows, table).toEqual([])
    expect(rowsOf(dataDir, fm)).toEqual(fmBefore)
    // On disk: the removed account's own files went, the shared ones and the other's stayed.
    const gone = (ofBefore.files as { sha256: string }[]).filter(
      (file) => !shared.some((s) => s.sha256 === file.sha256),
    )
    const storedAfter = storedFiles(dataDir)
    expect(storedAfter).toHaveLength(storedBefore.length - gone.length)
    for (const file of gone) expect(storedAfter.some((name) => name.startsWith(file.sha256))).toBe(false)
    for (const file of fmBefore.files as { rel_path: string }[])
      expect(existsSync(join(dataDir, file.rel_path))).toBe(true)
    // Its partial-download area is gone too.
    expect(
      existsSync(join(dataDir, 'files', '.tmp', accountKey('onlyfansapi', 'acct_fake_onlyfans_1'))),
    ).toBe(false)

    // The header's totals follow; nothing of the account is listed or searchable.
    const stats = await core.handlers['catalog:stats']({})
    expect(stats).toMatchObject({ accounts: 1, media: fmBefore.media.length, files: fmBefore.files.length })
    expect(
      (await core.handlers['media:search']({ accountId: of, sort: 'newest', offset: 0, limit: 10 })).total,
    ).toBe(0)
    await cores.close(core)
    const checked = await verify(dataDir)
    expect(checked.code).toBe(0)
    expect(checked.report).toMatchObject({
      missing: [],
      corrupt: [],
      orphans: 0,
      files: fmBefore.files.length,
    })
  }, 120_000)

  it('is refused while the account syncs, and deleting is refused while another account syncs', async () => {
    const { core, dataDir, fm, of } = await syncedWorld()
    const before = rowsOf(dataDir, of)
    const lock = await acquireAccountLock(dataDir, 'onlyfansapi', 'acct_fake_onlyfans_1', {
      command: 'chatkeep sync',
    })
    try {
      expect((await core.handlers['accounts:removal']({ accountId: of })).busy).toMatch(
        /acct_fake_onlyfans_1 is being synced \(chatkeep sync\)/,
      )
      for (const archive of ['keep', 'delete'] as const) {
        await expect(core.handlers['accounts:remove']({ accountId: of, archive })).rejects.toThrow(
          /^Nothing was removed: acct_fake_onlyfans_1 is being synced by pid \d+ \(chatkeep sync/,
        )
      }
      // Another account's sync blocks deleting files (they may be shared), not keeping the archive.
      const other = await core.handlers['accounts:removal']({ accountId: fm })
      expect(other).toMatchObject({ busy: null, deleteBusy: expect.stringContaining('acct_fake_onlyfans_1') })
      await expect(core.handlers['accounts:remove']({ accountId: fm, archive: 'delete' })).rejects.toThrow(
        /Nothing was removed/,
      )
    } finally {
      await lock.release()
    }
    expect(rowsOf(dataDir, of)).toEqual(before)
    expect((await core.handlers['accounts:list']({})).map((a) => a.removed)).toEqual([false, false])
  }, 120_000)
})

describe('removing an account, keeping its archive; renaming', () => {
  it('keeps every row, stops syncing it, forgets its session key, and adding it again brings it back', async () => {
    const { core, dataDir, of } = await syncedWorld()
    const before = rowsOf(dataDir, of)
    await core.handlers['keys:set']({ accountId: of, apiKey: fake.keys.onlyfansapi })
    expect(await core.handlers['accounts:remove']({ accountId: of, archive: 'keep' })).toEqual({
      archive: 'keep',
      media: 0,
      files: 0,
      bytes: 0,
    })
    expect(rowsOf(dataDir, of)).toEqual(before)
    expect((await core.handlers['accounts:list']({})).find((a) => a.id === of)).toMatchObject({
      removed: true,
    })
    expect((await core.handlers['keys:status']({ accountId: of })).source).toBe('environment')
    await expect(core.handlers['sync:start']({ accountId: of, full: false })).rejects.toThrow(
      'acct_fake_onlyfans_1 was removed (its archive is kept): add it again in Settings to sync it.',
    )
    // Its media are still in the gallery.
    expect(
      (await core.handlers['media:search']({ accountId: of, sort: 'newest', offset: 0, limit: 1 })).total,
    ).toBe(before.media.length)
    // The mark outlives a restart.
    await cores.close(core)
    const { core: reopened } = await cores.openServe({}, dataDir)
    expect((await reopened.handlers['accounts:list']({})).find((a) => a.id === of)?.removed).toBe(true)
    const back = await reopened.handlers['accounts:add']({
      provider: 'onlyfansapi',
      externalId: 'acct_fake_onlyfans_1',
    })
    expect(back).toMatchObject({ id: of, removed: false, media: before.media.length })
  }, 120_000)

  it('renames an account, and an empty name goes back to its id; nothing else changes', async () => {
    const { core } = await cores.openServe({})
    const { id } = await core.handlers['accounts:add']({
      provider: 'fansmetric',
      externalId: 'acct_1',
      label: 'Old',
    })
    const other = await core.handlers['accounts:add']({
      provider: 'fansmetric',
      externalId: 'acct_2',
      label: 'Keep',
    })
    expect(await core.handlers['accounts:rename']({ accountId: id, label: 'Luna ☾' })).toMatchObject({
      id,
      label: 'Luna ☾',
      externalId: 'acct_1',
    })
    expect((await core.handlers['accounts:rename']({ accountId: id, label: '' })).label).toBeNull()
    expect((await core.handlers['accounts:list']({})).find((a) => a.id === other.id)?.label).toBe('Keep')
    await expect(core.handlers['accounts:rename']({ accountId: 999, label: 'x' })).rejects.toThrow(
      /No account/,
    )
  })
})
