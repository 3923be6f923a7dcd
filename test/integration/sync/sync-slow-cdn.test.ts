// A CDN that trickles some files (issue 17.7), in process so the pace limits can be shortened: the
// slow files are given up on and left for later, the sync moves on and ends.
import { afterEach, describe, expect, it } from 'vitest'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync } from '../../../src/main/sync/run-sync'
import { hostileModeFor } from '../../fake-providers/cdn-faults'
import { startFakeProviders } from '../../fake-providers/server'
import { syncExitCode } from '../../../src/main/cli/sync-exit'
import { tempCatalog } from '../../support/temp-catalog'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('a trickling CDN', () => {
  it('leaves the trickling files for a later attempt and finishes the rest', async () => {
    const fake = await startFakeProviders({
      seed: 41,
      specials: false,
      chats: 2,
      messagesPerChat: 5,
      mediaPerMessage: 1,
      mediaTypes: ['photo'],
      fileSizes: [20_000, 60_000],
    })
    // One byte every 200 ms: these files would take hours.
    fake.faults({ cdnHostile: 'trickle', cdnHostileShare: 0.3, cdnTrickleMs: 200 })
    const dir = tempCatalog()
    const { catalog } = dir
    cleanups.push(
      () => fake.close(),
      () => dir.remove(),
    )
    const started = Date.now()
    const summary = await runSync(
      { provider: 'ofauth', account: '900000002', connectionId: 'conn_fake_1' },
      {
        catalog,
        store: await FileStore.open(dir.path),
        adapter: createAdapter('ofauth', { apiKey: fake.keys.ofauth, baseUrl: fake.url }),
        downloadPace: {
          minBytesPerSecond: 1000,
          windowMs: 1000,
          deadlineBaseMs: 60_000,
          deadlineBytesPerSecond: 1e6,
        },
      },
    )
    expect(Date.now() - started).toBeLessThan(30_000)
    const media = catalog.db
      .prepare<
        [],
        { id: string; status: string; job: string; retryAfter: number | null; error: string | null }
      >(
        `SELECT m.provider_media_id AS id, m.status, j.status AS job, j.retry_after AS retryAfter,
           j.last_error AS error
         FROM media m JOIN jobs j ON j.media_id = m.id AND j.kind = 'full'`,
      )
      .all()
    const hit = media.filter((m) => hostileModeFor(fake.currentFaults, m.id) !== null)
    const rest = media.filter((m) => hostileModeFor(fake.currentFaults, m.id) === null)
    expect(hit.length).toBeGreaterThan(0)
    for (const m of rest) expect(m.status).toBe('downloaded')
    // Left for later on their rows (ten minutes on), not failed: a later sync resumes them.
    for (const m of hit) {
      expect(m).toMatchObject({ status: 'pending', job: 'pending' })
      expect(m.retryAfter).toBeGreaterThanOrEqual(started + 10 * 60_000)
      expect(m.error).toMatch(/is too slow \(sent \d+ bytes in \d+ s\): left for a later attempt/)
    }
    expect(syncExitCode(summary.outcome)).toBe(1)
    expect(summary.downloaded).toBe(rest.length)
    expect(summary.deferred).toBe(hit.length)
    expect(Date.parse(summary.retryAt!)).toBeGreaterThanOrEqual(started + 10 * 60_000)
  }, 60_000)
})
