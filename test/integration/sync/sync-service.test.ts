// The sync service as the app and serve use it, against the fake providers with real HTTP, SQLite
// and files: a queue of accounts run one at a time, pause and resume, cancel then resume, quitting
// during a sync (the core closes) then restarting, two syncs of one account, and the schedule on
// a fake clock.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncJob } from '../../../src/shared/contract'
import { keyEnvOf } from '../../../src/shared/providers'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { openCore } from '../../../src/main/core'
import type { Core } from '../../../src/main/core-types'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { AccountBusyError } from '../../../src/main/sync/account-lock'
import type { AdapterFor } from '../../../src/main/sync/adapter-source'
import { createSyncService, type SyncService } from '../../../src/main/sync/service'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { runCli } from '../../support/cli'
import { createFakeClock } from '../../support/fake-clock'
import { checkArchive, keyEnv, list, providerCases } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Only the fast polls: the fake's not-ready videos never finish (sync-fixture.ts says why). */
const runDeps = { transcodePollsMs: [50, 100] }

async function world(seed: number, throttle = true): Promise<{ fake: FakeProviders; dir: string }> {
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
  // ~20 files at 300 KB/s a connection: several seconds of downloads to pause, cancel or quit in.
  if (throttle) fake.faults({ cdnBytesPerSecond: 300_000, target: 'cdn' })
  return { fake, dir: dir.path }
}

const adapterFor =
  (fake: FakeProviders): AdapterFor =>
  async (account) =>
    createAdapter(account.provider, { apiKey: fake.keys[account.provider], baseUrl: fake.url })

function addAccounts(catalog: Catalog, cases = providerCases): number[] {
  return cases.map(
    (c) =>
      catalog.accounts.upsert(c.provider, c.account, {
        ...(c.extra[1] !== undefined && { connectionId: c.extra[1] }),
      }).id,
  )
}

function serviceOver(fake: FakeProviders, dir: string, catalog: Catalog): SyncService {
  return createSyncService({
    catalog,
    openStore: () => FileStore.open(dir),
    adapterFor: adapterFor(fake),
    command: 'the Chatkeep app',
    runDeps,
    defaults: () => ({ concurrency: 2 }),
  })
}

const cdnDone = (fake: FakeProviders): number =>
  fake.requestLog.filter((r) => r.provider === 'cdn' && r.status < 300).length

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (check()) return
  throw new Error(`timed out waiting for ${what}`)
}

describe('the sync service', () => {
  it('queues several accounts and runs them one at a time to the end', async () => {
    const { fake, dir } = await world(101, false)
    const catalog = openCatalog(dir)
    cleanups.push(() => catalog.close())
    const service = serviceOver(fake, dir, catalog)
    addAccounts(catalog)
    let most = 0
    service.onChange(() => {
      most = Math.max(most, service.status().filter((job) => job.state === 'running').length)
    })
    const jobs = await service.start({ accountIds: 'all', trigger: 'user' })
    expect(jobs.map((job) => job.state)).toEqual(['running', 'queued', 'queued', 'queued'])
    // Asking again while they are queued or running changes nothing.
    const again = await service.start({ accountIds: 'all', trigger: 'user' })
    expect(again.map((job) => job.id)).toEqual(jobs.map((job) => job.id))
    const summaries = await Promise.all(jobs.map((job) => service.finished(job.id)))
    expect(most).toBe(1)
    expect(summaries.map((s) => s.outcome)).toEqual(
      jobs.map(() => ({ cancelled: false, keyRefused: false, creditCapReached: false, complete: true })),
    )
    expect(service.status().map((job) => job.state)).toEqual(['done', 'done', 'done', 'done'])
    expect(service.status()[0]?.result).toMatch(/^\d+ archived, .*nothing failed$/)
    for (const c of providerCases) expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
  }, 120_000)

  it('pause lets running downloads finish and starts no new one until resume', async () => {
    const { fake, dir } = await world(102)
    const catalog = openCatalog(dir)
    cleanups.push(() => catalog.close())
    const service = serviceOver(fake, dir, catalog)
    const [id] = addAccounts(catalog, [providerCases[0]!])
    const [job] = await service.start({ accountIds: [id!], trigger: 'user' })
    await until(() => cdnDone(fake) >= 2, 'two downloads')
    expect(service.pause(id!)).toBe(true)
    expect(service.status()[0]?.state).toBe('paused')
    // What was running finishes (two connections at most, a few seconds on a loaded machine),
    // then nothing moves.
    let held = cdnDone(fake)
    for (let quiet = 0; quiet < 1_000; quiet += 100) {
      await sleep(100)
      if (cdnDone(fake) !== held) [held, quiet] = [cdnDone(fake), 0]
    }
    await sleep(1_500)
    expect(cdnDone(fake)).toBe(held)
    expect(service.status()[0]?.state).toBe('paused')
    fake.resetFaults()
    expect(service.resume(id!)).toBe(true)
    const summary = await service.finished(job!.id)
    expect(summary.outcome.complete).toBe(true)
    expect(cdnDone(fake)).toBeGreaterThan(held)
    expect(checkArchive(providerCases[0]!, fake, await list(dir)).problems).toEqual([])
  }, 120_000)

  it('cancel stops the run and keeps it resumable; the next sync completes byte-exact', async () => {
    const { fake, dir } = await world(103)
    const catalog = openCatalog(dir)
    cleanups.push(() => catalog.close())
    const service = serviceOver(fake, dir, catalog)
    const c = providerCases[1]!
    const [id] = addAccounts(catalog, [c])
    const [job] = await service.start({ accountIds: [id!], trigger: 'user' })
    await until(() => cdnDone(fake) >= 2, 'two downloads')
    const asked = Date.now()
    expect(service.cancel(id!)).toBe(true)
    const summary = await service.finished(job!.id)
    expect(Date.now() - asked).toBeLessThan(10_000)
    expect(summary.outcome.cancelled).toBe(true)
    expect(summary.pending).toBeGreaterThan(0)
    expect(service.status()[0]).toMatchObject({ state: 'cancelled', needsKey: false })
    expect(service.status()[0]?.retry).toMatch(/left over/)
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)

    fake.resetFaults()
    const [next] = await service.start({ accountIds: [id!], trigger: 'user' })
    expect((await service.finished(next!.id)).outcome.complete).toBe(true)
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
  }, 120_000)
})

describe('quitting during a sync', () => {
  const open = (fake: FakeProviders, dir: string): Promise<Core> =>
    openCore({
      dataDir: dir,
      transport: 'electron',
      // sync:start asks whether the account has a key before it starts a sync.
      envKeyName: keyEnvOf,
      env: Object.assign({}, ...providerCases.map((c) => keyEnv(c, fake))) as NodeJS.ProcessEnv,
      sync: { adapterFor: adapterFor(fake), command: 'the Chatkeep app', runDeps },
    })

  it('cancels it cleanly before the catalog closes, and the next start resumes it', async () => {
    const { fake, dir } = await world(104)
    const c = providerCases[3]!
    let core = await open(fake, dir)
    const account = await core.handlers['accounts:add']({ provider: c.provider, externalId: c.account })
    const started = await core.handlers['sync:start']({ accountId: account.id, full: false })
    const runId = started.jobs[0]!.runId!
    await until(() => cdnDone(fake) >= 2, 'two downloads')
    const quitAt = Date.now()
    await core.close()
    // Bounded: the run was cancelled and wrote its end well within the grace.
    expect(Date.now() - quitAt).toBeLessThan(5_000)

    core = await open(fake, dir)
    cleanups.push(() => core.close())
    const history = await core.handlers['sync:history']({ limit: 10 })
    expect(history.runs).toHaveLength(1)
    expect(history.runs[0]).toMatchObject({
      runId,
      status: 'cancelled',
      error: 'Cancelled: Chatkeep closed.',
    })
    expect(history.runs[0]!.pending).toBeGreaterThan(0)
    expect(history.runs[0]!.retry).toMatch(/left over/)

    fake.resetFaults()
    const again = await core.handlers['sync:start']({ accountId: account.id, full: false })
    await until(
      () => core.sync!.service.status().find((j) => j.id === again.jobs[0]!.id)?.state === 'done',
      'the resumed sync',
    )
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
    // The history survives the restart: both runs, newest first.
    const after = await core.handlers['sync:history']({ limit: 10 })
    expect(after.runs.map((run) => run.status)).toEqual(['done', 'cancelled'])
    expect(after.runs[0]!.result).toMatch(/archived, .*nothing failed/)
  }, 120_000)
})

describe('two syncs of one account', () => {
  it('in one service: the second request gets the running job, no second run', async () => {
    const { fake, dir } = await world(105)
    const catalog = openCatalog(dir)
    cleanups.push(() => catalog.close())
    const service = serviceOver(fake, dir, catalog)
    const [id] = addAccounts(catalog, [providerCases[0]!])
    const [first] = await service.start({ accountIds: [id!], trigger: 'user' })
    const [second] = await service.start({ accountIds: [id!], trigger: 'user' })
    expect(second!.id).toBe(first!.id)
    fake.resetFaults()
    await service.finished(first!.id)
    expect(catalog.syncRuns.history({ limit: 10 })).toHaveLength(1)
  }, 120_000)

  it('from two owners of one data folder: the second is refused with one line naming the holder', async () => {
    const { fake, dir } = await world(106)
    const catalog = openCatalog(dir)
    cleanups.push(() => catalog.close())
    // Two services, as two processes would have: only the data folder's lock file is shared.
    const app = serviceOver(fake, dir, catalog)
    const cli = createSyncService({
      catalog,
      openStore: () => FileStore.open(dir),
      adapterFor: adapterFor(fake),
      command: 'chatkeep sync',
    })
    const [id] = addAccounts(catalog, [providerCases[0]!])
    const [running] = await app.start({ accountIds: [id!], trigger: 'user' })
    const [refused] = await cli.start({ accountIds: [id!], trigger: 'cli' })
    expect(refused!.state).toBe('failed')
    const error = await cli.finished(refused!.id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AccountBusyError)
    expect((error as Error).message).toMatch(
      new RegExp(
        `^acct_fake_onlyfans_1 is being synced by pid ${process.pid} \\(the Chatkeep app, since \\d\\d:\\d\\d\\): wait for it or stop it\\.`,
      ),
    )
    expect(refused!.error).toBe((error as Error).message)
    fake.resetFaults()
    await app.finished(running!.id)
    expect(checkArchive(providerCases[0]!, fake, await list(dir)).problems).toEqual([])
    // Once the first is over, the account is free again.
    const [later] = await cli.start({ accountIds: [id!], trigger: 'cli' })
    expect((await cli.finished(later!.id)).outcome.complete).toBe(true)
  }, 120_000)

  // Two processes (two terminals, the app and the CLI): sync-lock.test.ts, through the CLI, which
  // runs on this service too.
})

describe('the schedule', () => {
  it('syncs every account when it falls due on a fake clock, and the history says it was scheduled', async () => {
    const { fake, dir } = await world(107, false)
    const clock = createFakeClock(Date.now())
    const core = await openCore({
      dataDir: dir,
      transport: 'http',
      sync: { adapterFor: adapterFor(fake), command: 'chatkeep serve', schedule: true, clock, runDeps },
    })
    cleanups.push(() => core.close())
    for (const c of providerCases.slice(0, 2))
      await core.handlers['accounts:add']({ provider: c.provider, externalId: c.account })
    const off = await core.handlers['sync:status']({})
    expect(off.schedule).toEqual({ everyHours: null, lastRunAt: null, nextRunAt: null })

    const events: SyncJob['trigger'][] = []
    core.events.on('sync:jobs', (status) => events.push(...status.jobs.map((job) => job.trigger)))
    await core.handlers['settings:set']({ syncEveryHours: 2 })
    const armed = await core.handlers['sync:status']({})
    expect(armed.schedule.nextRunAt).toBe(new Date(clock.now() + 2 * 3_600_000).toISOString())

    await clock.advance(2 * 3_600_000)
    await until(() => {
      const jobs = core.sync!.service.status()
      return jobs.length === 2 && jobs.every((job) => job.state === 'done')
    }, 'the scheduled syncs')
    expect(events).toContain('schedule')
    const history = await core.handlers['sync:history']({ limit: 10 })
    expect(history.runs.map((run) => run.trigger)).toEqual(['schedule', 'schedule'])
    const status = await core.handlers['sync:status']({})
    expect(status.schedule.lastRunAt).not.toBeNull()
    expect(Date.parse(status.schedule.nextRunAt!)).toBeGreaterThan(clock.now())
  }, 120_000)
})
