// The data folder in bad shape: a catalog emptied beside a full store is reported as lost (it
// verified as "0 of 0 files OK" before), stray files in the store are counted, and a read-only
// folder is named as such instead of SQLite's "unable to open database file".
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, rmSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { jsonOut, runCli } from '../../support/cli'
import { keyEnv, list, providerCases, sync, syncArgs } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const c = providerCases[3]!
let fake: FakeProviders
const dirs: Array<{ remove(): void }> = []

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 51, specials: false, chats: 2, messagesPerChat: 4 })
})
afterAll(async () => {
  await fake.close()
  for (const d of dirs) d.remove()
})

async function synced(): Promise<string> {
  const dir = tempDir()
  dirs.push(dir)
  const { result } = await sync(c, fake, dir.path)
  expect(result.code, result.stderr).toBe(0)
  return dir.path
}

function storedFiles(dir: string): string[] {
  const root = join(dir, 'files')
  return readdirSync(root)
    .filter((shard) => /^[0-9a-f]{2}$/.test(shard))
    .flatMap((shard) => readdirSync(join(root, shard)).map((name) => join(root, shard, name)))
}

interface VerifyJson {
  files: number
  ok: number
  orphans: number
  catalogLost: boolean
}

describe('verify and the data folder', () => {
  it('refuses to call an emptied catalog beside a full store healthy', async () => {
    const dir = await synced()
    const stored = storedFiles(dir).length
    expect(stored).toBeGreaterThan(0)
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `catalog.sqlite${suffix}`), { force: true })
    truncateSync(join(dir, 'catalog.sqlite'), 0)
    const json = await runCli(['verify', '--json', '--data-dir', dir])
    expect(json.code).toBe(1)
    expect(jsonOut<VerifyJson>(json)).toMatchObject({ files: 0, ok: 0, orphans: stored, catalogLost: true })
    const text = await runCli(['verify', '--data-dir', dir])
    expect(text.code).toBe(1)
    expect(text.stdout.trim()).toBe(
      `The catalog lists no files, but the store holds ${stored}: catalog.sqlite was lost, emptied or ` +
        'replaced. Restore it from a backup if you have one, or sync each account again to rebuild it; ' +
        'the stored files are kept and not stored twice.',
    )
    // The files are untouched.
    expect(storedFiles(dir)).toHaveLength(stored)
  })

  it('counts files the catalog does not know without calling the archive damaged', async () => {
    const dir = await synced()
    const [first] = storedFiles(dir)
    mkdirSync(join(dir, 'files', 'ff'), { recursive: true })
    copyFileSync(first!, join(dir, 'files', 'ff', 'f'.repeat(64) + '.jpg'))
    const result = await runCli(['verify', '--json', '--data-dir', dir])
    expect(result.code).toBe(0)
    expect(jsonOut<VerifyJson>(result)).toMatchObject({ orphans: 1, catalogLost: false })
    expect((await runCli(['verify', '--data-dir', dir])).stdout).toMatch(
      /1 files in the store are not in the catalog/,
    )
  })
})

const mountPoint = join(tmpdir(), `chatkeep-readonly-${process.pid}`)
function tryMount(): boolean {
  try {
    mkdirSync(mountPoint, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint], { stdio: 'ignore' })
    return true
  } catch {
    rmSync(mountPoint, { recursive: true, force: true })
    return false
  }
}

describe('a read-only data folder', () => {
  // Permissions do not stop root, so a read-only mount stands in for a read-only folder; where
  // mounting is not allowed the test is skipped.
  it('is named as such, in one line, by every command', async (context) => {
    if (!tryMount()) context.skip()
    try {
      const dir = join(mountPoint, 'data')
      const { result } = await sync(c, fake, dir)
      expect(result.code, result.stderr).toBe(0)
      expect((await list(dir)).length).toBeGreaterThan(0)
      execFileSync('mount', ['-o', 'remount,ro', mountPoint])
      for (const args of [
        ['list', '--data-dir', dir],
        ['verify', '--data-dir', dir],
        syncArgs(c, fake, dir),
      ]) {
        const run = await runCli(args, { env: keyEnv(c, fake) })
        expect(run.code, args[0]).toBe(1)
        expect(run.stderr.trim()).toBe(
          `chatkeep: The data folder ${dir} cannot be written (the drive is read-only). Chatkeep writes its ` +
            'catalog there even to read it: make it writable (or the drive read-write), or copy the data ' +
            'folder somewhere writable and use that (--data-dir or CHATKEEP_DATA_DIR).',
        )
      }
    } finally {
      try {
        execFileSync('umount', [mountPoint], { stdio: 'ignore' })
      } catch {
        // already gone
      }
      rmSync(mountPoint, { recursive: true, force: true })
    }
  })
})
