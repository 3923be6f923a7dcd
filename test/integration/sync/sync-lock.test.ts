// Two processes on one data folder: a second sync of an account is refused with one line naming
// the first (they used to write the same temp files and corrupt 2-4 files), a sync killed with
// kill -9 is taken over by the next one, which marks the dead run interrupted, and a sync of
// another account runs alongside.
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { accountKey } from '../../../src/main/sync/account-lock'
import type { FakeProviders } from '../../fake-providers/server'
import { jsonOut, runCli, spawnCli, type CliResult } from '../../support/cli'
import { checkArchive, keyEnv, list, providerCases, sync, syncArgs } from '../../support/sync-fixture'
import { fakeWorldEachTest, type FakeWorld, worldOf } from '../../support/fake-world'

const startWorld = fakeWorldEachTest()

const setup = (): Promise<FakeWorld> =>
  startWorld(worldOf(41, { chats: 2, messages: 6, sizes: [150_000, 250_000], photos: 2 }))

/** Waits until the fake CDN has served `count` files, i.e. the sync holds its lock and is downloading. */
async function downloadsStarted(fake: FakeProviders, count: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (fake.requestLog.filter((r) => r.provider === 'cdn').length >= count) return
    await sleep(50)
  }
  throw new Error('the first sync never started downloading')
}

function collect(child: ReturnType<typeof spawnCli>): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })))
}

const c = providerCases[3]!

describe('two processes, one data folder', () => {
  it('refuses a second sync of the account with one line naming the first, which completes intact', async () => {
    const { fake, dir } = await setup()
    // The first files crawl in (about 8 s each, two at a time), so the first sync is surely still
    // downloading when the second process has started; the rest come at full speed.
    fake.faults({ cdnBytesPerSecond: 25_000, target: 'cdn' })
    const first = spawnCli(syncArgs(c, fake, dir, ['--concurrency', '2']), { env: keyEnv(c, fake) })
    const firstDone = collect(first)
    await downloadsStarted(fake, 1)
    const second = await runCli(syncArgs(c, fake, dir), { env: keyEnv(c, fake) })
    expect(second.code).toBe(1)
    expect(second.stdout).toBe('')
    const line = second.stderr.trim()
    expect(line.split('\n')).toHaveLength(1)
    expect(line).toMatch(
      new RegExp(
        `^chatkeep: ${c.account} is being synced by pid ${first.pid} \\(chatkeep sync, since \\d\\d:\\d\\d\\): wait for it or stop it`,
      ),
    )
    fake.resetFaults()
    const result = await firstDone
    expect(result.code, result.stderr).toBe(0)
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    const verify = await runCli(['verify', '--json', '--data-dir', dir])
    expect(verify.code, verify.stdout).toBe(0)
    expect(jsonOut<{ orphans: number }>(verify).orphans).toBe(0)
    // The lock went with the process, the temp area with its last partial file.
    expect(readdirSync(join(dir, 'locks'))).toEqual([])
    expect(readdirSync(join(dir, 'files', '.tmp'))).toEqual([])
    // And the account can be synced again.
    expect((await sync(c, fake, dir)).result.code).toBe(0)
  })

  it('lets another account sync alongside', async () => {
    const { fake, dir } = await setup()
    fake.faults({ cdnBytesPerSecond: 25_000, target: 'cdn' })
    const other = providerCases[0]!
    const first = spawnCli(syncArgs(c, fake, dir, ['--concurrency', '2']), { env: keyEnv(c, fake) })
    const firstDone = collect(first)
    await downloadsStarted(fake, 1)
    fake.resetFaults()
    const second = await runCli(syncArgs(other, fake, dir), { env: keyEnv(other, fake) })
    expect(second.code, second.stderr).toBe(0)
    expect((await firstDone).code).toBe(0)
    const items = await list(dir)
    expect(checkArchive(c, fake, items).problems).toEqual([])
    expect(checkArchive(other, fake, items).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
  })

  it('takes over from a sync killed with kill -9, and marks its run interrupted', async () => {
    const { fake, dir } = await setup()
    fake.faults({ cdnBytesPerSecond: 400_000, target: 'cdn' })
    const killed = spawnCli(syncArgs(c, fake, dir), { env: keyEnv(c, fake) })
    const killedDone = collect(killed)
    await downloadsStarted(fake, 2)
    killed.kill('SIGKILL')
    await killedDone
    fake.resetFaults()
    // What kill -9 leaves: a claim naming a dead pid, a run that says "running".
    expect(readdirSync(join(dir, 'locks'))).toHaveLength(1)
    const runs = (): Array<{ status: string; error: string | null }> => {
      const db = new Database(join(dir, 'catalog.sqlite'), { readonly: true })
      try {
        return db.prepare('SELECT status, error FROM sync_runs ORDER BY id').all() as Array<{
          status: string
          error: string | null
        }>
      } finally {
        db.close()
      }
    }
    expect(runs()).toEqual([{ status: 'running', error: null }])
    // Stale files in the account's temp area: a partial no job will resume, a sidecar whose temp
    // file is gone, something that is not ours. The next sync (holding the lock) removes them.
    const area = join(dir, 'files', '.tmp', accountKey(c.provider, c.account))
    const stale = ['0'.repeat(40) + '.part', '1'.repeat(40) + '.part.json', 'left-behind']
    for (const name of stale) writeFileSync(join(area, name), 'stale')
    const { result } = await sync(c, fake, dir)
    expect(result.code, result.stderr).toBe(0)
    expect(runs()).toEqual([
      { status: 'cancelled', error: 'interrupted' },
      { status: 'done', error: null },
    ])
    expect(readdirSync(join(dir, 'locks'))).toEqual([])
    expect(existsSync(join(dir, 'files', '.tmp'))).toBe(true)
    expect(readdirSync(join(dir, 'files', '.tmp'))).toEqual([])
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
  })
})
