// Waits too long for one sync (issue 11.4, 17.13): the job row stores when a file is due and a
// later sync (or this one, if still running) takes it then; an API that asks for years says when.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { defaultRetryPolicy } from '../../../src/main/download/retry-policy'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync, type SyncSummary } from '../../../src/main/sync/run-sync'
import { hostileModeFor } from '../../fake-providers/cdn-faults'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { providerCases, sync } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'
import { syncExitCode } from '../../../src/main/cli/sync-exit'
import { tempCatalog } from '../../support/temp-catalog'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Setup {
  readonly fake: FakeProviders
  readonly dir: string
  readonly catalog: Catalog
  run(): Promise<SyncSummary>
}

/** OFAuth photos; the CDN answers 429 with Retry-After for a share of them. */
async function setup(
  retryAfterSeconds: number,
  fileSizes: readonly [number, number],
  concurrency = 4,
): Promise<Setup> {
  const fake = await startFakeProviders({
    seed: 51,
    specials: false,
    chats: 2,
    messagesPerChat: 5,
    mediaPerMessage: 1,
    mediaTypes: ['photo'],
    fileSizes,
  })
  fake.faults({ cdnHostile: 'rate-limited', cdnHostileShare: 0.3, cdnRetryAfterSeconds: retryAfterSeconds })
  const dir = tempCatalog()
  const { catalog } = dir
  cleanups.push(
    () => fake.close(),
    () => dir.remove(),
  )
  const store = await FileStore.open(dir.path)
  return {
    fake,
    dir: dir.path,
    catalog,
    run: () =>
      runSync(
        { provider: 'ofauth', account: '900000002', connectionId: 'conn_fake_1', concurrency },
        {
          catalog,
          store,
          adapter: createAdapter('ofauth', { apiKey: fake.keys.ofauth, baseUrl: fake.url }),
          // Anything over a second is a wait this sync does not sleep through.
          retryPolicy: { ...defaultRetryPolicy, maxWaitMs: 1000 },
        },
      ),
  }
}

interface JobState {
  readonly mediaId: string
  readonly status: string
  readonly attempts: number
  readonly retryAfter: number | null
  readonly lastError: string | null
}

function jobs(catalog: Catalog, kinds: 'full' | 'all' = 'full'): JobState[] {
  return catalog.db
    .prepare<[], JobState>(
      `SELECT m.provider_media_id AS mediaId, j.kind, j.status, j.attempts, j.retry_after AS retryAfter,
         j.last_error AS lastError
       FROM jobs j JOIN media m ON m.id = j.media_id
       WHERE ${kinds === 'full' ? `j.kind = 'full'` : '1'} ORDER BY m.id, j.kind`,
    )
    .all()
}

const fullJobs = (catalog: Catalog): JobState[] => jobs(catalog, 'full')

function cdnRequestsFor(fake: FakeProviders, mediaIds: readonly string[], since: number): number {
  return fake.requestLog
    .slice(since)
    .filter((e) => e.provider === 'cdn' && mediaIds.some((id) => e.path.includes(`/${id}/`))).length
}

describe('a wait longer than a sync sleeps', () => {
  it('is stored on the job row; the next sync leaves the job alone until due, then takes it', async () => {
    // An hour: no sync here lives that long, so only the row can remember it.
    const { fake, catalog, run } = await setup(3600, [5_000, 10_000])
    const started = Date.now()
    const first = await run()
    const hit = fullJobs(catalog).filter((j) => hostileModeFor(fake.currentFaults, j.mediaId) !== null)
    expect(hit.length).toBeGreaterThan(0)
    for (const job of hit) {
      expect(job.status).toBe('pending')
      expect(job.attempts).toBe(1)
      expect(job.retryAfter).toBeGreaterThanOrEqual(started + 3_600_000)
      expect(job.lastError).toMatch(/rate limiting downloads \(HTTP 429\): retry in 3600 s/)
    }
    // The host asked for an hour: what still waited for it then waits too (the row says until
    // when); what was already under way came in. Nothing held the sync.
    const waiting = jobs(catalog, 'all').filter((j) => j.status === 'pending')
    expect(first.deferred).toBe(waiting.length)
    expect(waiting.length + jobs(catalog, 'all').filter((j) => j.status === 'done').length).toBe(
      jobs(catalog, 'all').length,
    )
    expect(Date.parse(first.retryAt!)).toBe(Math.min(...waiting.map((j) => j.retryAfter!)))
    expect(syncExitCode(first.outcome)).toBe(1)

    // Right away: the jobs are not due, so not one request goes to their files.
    fake.faults({ cdnHostile: null })
    const mark = fake.requestLog.length
    const second = await run()
    const waitingMedia = [...new Set(waiting.map((j) => j.mediaId))]
    expect(cdnRequestsFor(fake, waitingMedia, mark)).toBe(0)
    expect(second.deferred).toBe(waiting.length)

    // The hour passes (the rows say so), and the next sync takes them; done clears the row.
    catalog.db.prepare(`UPDATE jobs SET retry_after = ? WHERE retry_after IS NOT NULL`).run(Date.now() - 1)
    const third = await run()
    expect(syncExitCode(third.outcome)).toBe(0)
    expect(third.deferred).toBe(0)
    expect(cdnRequestsFor(fake, waitingMedia, mark)).toBe(waiting.length)
    for (const job of jobs(catalog, 'all'))
      expect(job).toMatchObject({ status: 'done', retryAfter: null, lastError: null })
  }, 60_000)

  it('is taken up later in the same sync when the sync is still busy then', async () => {
    // 2 s of Retry-After, while the other files (all started at once) crawl in for longer.
    const { fake, catalog, run } = await setup(2, [300_000, 400_000], 16)
    fake.faults({ cdnBytesPerSecond: 150_000 })
    const running = run()
    // The CDN stops limiting once it has said so: the files it refused are fine when due.
    while (!fake.requestLog.some((e) => e.status === 429)) await new Promise((r) => setTimeout(r, 20))
    const hostile = fake.currentFaults
    fake.faults({ cdnHostile: null })
    const summary = await running
    const hit = fullJobs(catalog).filter((j) => hostileModeFor(hostile, j.mediaId) !== null)
    expect(summary, JSON.stringify(fullJobs(catalog))).toMatchObject({ outcome: { complete: true } })
    expect(summary.deferred).toBe(0)
    expect(hit.length).toBeGreaterThan(0)
    const done = new Set(
      fullJobs(catalog)
        .filter((j) => j.status === 'done')
        .map((j) => j.mediaId),
    )
    for (const job of hit) expect(done.has(job.mediaId)).toBe(true)
    // Each was refused once, then taken in this same sync.
    expect(fake.requestLog.filter((e) => e.status === 429).length).toBe(hit.length)
  }, 60_000)
})

describe('an API asking to wait for years', () => {
  it('stops the sync with one line saying when to try again', async () => {
    const ofauth = providerCases.find((c) => c.provider === 'ofauth')!
    const fake = await startFakeProviders({ seed: 52, specials: false, chats: 1, messagesPerChat: 2 })
    const dir = tempDir()
    cleanups.push(
      () => fake.close(),
      () => dir.remove(),
    )
    fake.faults({ burst429: 1, retryAfterSeconds: 999_999_999 })
    const { result, json } = await sync(ofauth, fake, dir.path)
    expect(result.code).toBe(1)
    const error = (json as { error?: string }).error ?? ''
    expect(error).toMatch(
      /The provider asks to wait; try again in \d+ days \(at \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/,
    )
    expect(error).not.toContain('\n')
    const db = new Database(join(dir.path, 'catalog.sqlite'), { readonly: true })
    try {
      const run = db
        .prepare<[], { status: string; error: string }>('SELECT status, error FROM sync_runs')
        .get()
      expect(run).toMatchObject({ status: 'failed', error })
    } finally {
      db.close()
    }
  }, 60_000)
})
