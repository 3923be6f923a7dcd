// A real sync against the fake CDN (issue 14): --concurrency is the ceiling for one host and is
// reached when the host takes it; a CDN refusing a 4th connection is backed off from and the sync
// still ends complete in one go.
import { afterEach, describe, expect, it } from 'vitest'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync, type SyncSummary } from '../../../src/main/sync/run-sync'
import { startFakeProviders, type FakeProviders, type FaultFlags } from '../../fake-providers/server'
import { syncExitCode } from '../../../src/main/cli/sync-exit'
import { tempCatalog } from '../../support/temp-catalog'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** 24 audio files of ~200 KB, each connection paced at 400 KB/s (half a second a file). */
async function syncAgainst(
  faults: Partial<FaultFlags>,
  concurrency: number,
): Promise<{ fake: FakeProviders; summary: SyncSummary }> {
  const fake = await startFakeProviders({
    seed: 61,
    specials: false,
    chats: 2,
    messagesPerChat: 12,
    mediaPerMessage: 1,
    mediaTypes: ['audio'],
    fileSizes: [180_000, 220_000],
    faults: { cdnBytesPerSecond: 400_000, ...faults },
  })
  const dir = tempCatalog()
  const { catalog } = dir
  cleanups.push(
    () => fake.close(),
    () => dir.remove(),
  )
  const summary = await runSync(
    { provider: 'ofauth', account: '900000002', connectionId: 'conn_fake_1', concurrency },
    {
      catalog,
      store: await FileStore.open(dir.path),
      adapter: createAdapter('ofauth', { apiKey: fake.keys.ofauth, baseUrl: fake.url }),
    },
  )
  return { fake, summary }
}

describe('a sync and one CDN host', () => {
  it('opens as many connections as --concurrency allows when the host takes them, never more', async () => {
    const { fake, summary } = await syncAgainst({}, 10)
    expect(syncExitCode(summary.outcome)).toBe(0)
    expect(summary.downloaded).toBe(24)
    // It started at 6 and grew: the old fixed per-host cap was 6.
    expect(fake.cdnPeakOpen()).toBe(10)
  }, 60_000)

  it('backs off a CDN that answers 429 above 3 open files, and still ends complete in one sync', async () => {
    const { fake, summary } = await syncAgainst({ cdnMaxOpen: 3, cdnRetryAfterSeconds: 1 }, 10)
    expect(syncExitCode(summary.outcome)).toBe(0)
    expect(summary.downloaded).toBe(24)
    expect(fake.cdnPeakOpen()).toBe(3)
    const refused = fake.requestLog.filter((e) => e.provider === 'cdn' && e.status === 429).length
    expect(refused).toBeGreaterThan(0)
    // Starting at 6 costs 3 refusals; after that a probe now and then, not one per file.
    expect(refused).toBeLessThanOrEqual(8)
  }, 60_000)
})
