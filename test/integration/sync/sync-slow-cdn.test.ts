// A CDN that trickles some files (issue 17.7), in process so the pace limits can be shortened: the
// slow files are given up on and left for later, the sync moves on and ends.
import { describe, expect, it } from 'vitest'
import { hostileModeFor } from '../../fake-providers/cdn-faults'
import { syncExitCode } from '../../../src/main/cli/sync-exit'
import { cdnPhotos, fakeWorldEachTest, worldOf } from '../../support/fake-world'

const startWorld = fakeWorldEachTest()

describe('a trickling CDN', () => {
  it('leaves the trickling files for a later attempt and finishes the rest', async () => {
    const { fake, catalog, syncOfauth } = await startWorld(
      // One byte every 200 ms: these files would take hours.
      worldOf(41, {
        ...cdnPhotos,
        faults: { cdnHostile: 'trickle', cdnHostileShare: 0.3, cdnTrickleMs: 200 },
      }),
    )
    const started = Date.now()
    const summary = await syncOfauth(
      {},
      {
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
