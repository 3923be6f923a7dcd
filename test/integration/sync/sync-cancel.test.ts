// Ctrl+C in a terminal during `chatkeep sync`: SIGINT goes to the CLI's whole process group, as a
// terminal sends it. The sync stops within 10 s, prints the one JSON document so far with
// "cancelled": true and exits 130; nothing half-downloaded is counted; the next sync completes
// the archive byte for byte. A second Ctrl+C exits at once, still safely.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { launcherArgs, projectRoot, runCli } from '../../support/cli'
import {
  checkArchive,
  keyEnv,
  list,
  providerCases,
  sync,
  syncArgs,
  type ProviderCase,
  type SyncJson,
} from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function world(seed: number): Promise<{ fake: FakeProviders; dir: string }> {
  // Files of 150–300 KB at 300 KB/s a connection: a sync of ~20 files takes several seconds.
  const fake = await startFakeProviders({
    seed,
    specials: false,
    chats: 2,
    messagesPerChat: 6,
    fileSizes: [150_000, 300_000],
  })
  const dir = tempDir()
  cleanups.push(
    () => fake.close(),
    () => dir.remove(),
  )
  fake.faults({ cdnBytesPerSecond: 300_000, target: 'cdn' })
  return { fake, dir: dir.path }
}

interface Running {
  readonly child: ChildProcess
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>
}

/** The CLI as a terminal starts it: the leader of its own process group. */
function startInGroup(args: readonly string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, [...launcherArgs('source'), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  )
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
  })
  return { child, done }
}

/** Waits until `count` files came whole from the CDN (and others are under way). */
async function filesArrived(fake: FakeProviders, count: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (fake.requestLog.filter((r) => r.provider === 'cdn' && r.status < 300).length >= count) return
    await sleep(50)
  }
  throw new Error('no download finished within 30 s')
}

/** Files in the store's shards (temp areas, dot folders, skipped): each must be a catalogued file. */
function storedFiles(dir: string): number {
  const root = join(dir, 'files')
  let count = 0
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.name.startsWith('.')) continue
      if (entry.isDirectory()) walk(path)
      else if (statSync(path).size > 0) count++
    }
  }
  try {
    walk(root)
  } catch {
    return 0
  }
  return count
}

function catalogFiles(dir: string): number {
  const db = new Database(join(dir, 'catalog.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function interruptAndCheck(c: ProviderCase, fake: FakeProviders, dir: string): Promise<void> {
  const running = startInGroup(syncArgs(c, fake, dir), keyEnv(c, fake))
  await filesArrived(fake, 2)
  const sentAt = Date.now()
  process.kill(-running.child.pid!, 'SIGINT')
  const result = await running.done
  const took = Date.now() - sentAt
  expect(result.code, result.stderr).toBe(130)
  expect(took).toBeLessThan(10_000)
  // Exactly one JSON document, the summary so far.
  const json = JSON.parse(result.stdout) as SyncJson & { cancelled: boolean; pending: number }
  expect(json.cancelled).toBe(true)
  expect(json.provider).toBe(c.provider)
  expect(json.pending).toBeGreaterThan(0)

  // What the catalog calls downloaded is whole and matches its sha256; partial files are not in it.
  const afterCancel = await list(dir)
  const downloaded = afterCancel.filter((item) => item.status === 'downloaded')
  expect(downloaded.length).toBeLessThan(afterCancel.length)
  expect(checkArchive(c, fake, afterCancel).problems.filter((p) => !/is pending/.test(p))).toEqual([])
  expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)

  fake.resetFaults()
  const again = await sync(c, fake, dir)
  expect(again.result.code, again.result.stderr).toBe(0)
  expect((again.json as SyncJson & { cancelled: boolean }).cancelled).toBe(false)
  const items = await list(dir)
  expect(checkArchive(c, fake, items).problems).toEqual([])
  const verify = await runCli(['verify', '--json', '--data-dir', dir])
  expect(verify.code, verify.stdout).toBe(0)
  // Every file in the store is one the catalog lists: no partial download was kept as a file.
  expect(storedFiles(dir)).toBe(catalogFiles(dir))
}

describe.each(providerCases)('$provider: Ctrl+C during a sync', (c) => {
  it('stops within 10 s with exit 130 and the JSON so far; the next sync completes byte-exact', async () => {
    const { fake, dir } = await world(71)
    await interruptAndCheck(c, fake, dir)
  }, 120_000)
})

describe('a second Ctrl+C', () => {
  it('exits at once, and still leaves nothing corrupt: the next sync completes', async () => {
    const c = providerCases[0]!
    const { fake, dir } = await world(72)
    const running = startInGroup(syncArgs(c, fake, dir), keyEnv(c, fake))
    await filesArrived(fake, 2)
    process.kill(-running.child.pid!, 'SIGINT')
    process.kill(-running.child.pid!, 'SIGINT')
    const result = await running.done
    expect(result.code).toBe(130)
    fake.resetFaults()
    const again = await sync(c, fake, dir)
    expect(again.result.code, again.result.stderr).toBe(0)
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
  }, 120_000)
})
