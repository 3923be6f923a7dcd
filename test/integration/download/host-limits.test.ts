// Per-host parallelism against real local servers (issue 14): the ceiling is never passed, a host
// that takes more gets more, a 429ing host is backed off from (Retry-After kept) and recovers,
// redirect targets count as hosts of their own, and connections are reused.
import { describe, expect, it } from 'vitest'
import { RetryableDownloadError } from '../../../src/main/download/errors'
import { fetchToFile, type FetchResult } from '../../../src/main/download/fetch-to-file'
import { defaultHostPolicy } from '../../../src/main/download/host-limits'
import { DownloadQueue } from '../../../src/main/download/queue'
import { hostOf } from '../../../src/main/download/errors'
import type { FileStore } from '../../../src/main/store/file-store'
import { openLimit, paced, redirect, serveBytes, sha256, testBytes, type CdnServer } from './cdn-server'
import { downloadWorldEachTest } from './download-world'

let hosts: readonly CdnServer[]
let store: FileStore

downloadWorldEachTest('chatkeep-hosts-', 3, (world) => {
  store = world.store
  hosts = world.hosts
})

/** Downloads `url` through the queue; 429s are retried after their Retry-After, as the job rows do. */
async function download(queue: DownloadQueue, url: string, key: string): Promise<FetchResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await queue.add({
        host: hostOf(url),
        run: (task) =>
          fetchToFile(
            { url, headers: {}, expiresAt: null },
            {
              store,
              key,
              signal: task.signal,
              onProgress: task.reportBytes,
              onBodyReceived: task.releaseSlot,
              onRedirect: (next) => task.switchHost(hostOf(next)),
            },
          ),
      })
    } catch (error) {
      if (!(error instanceof RetryableDownloadError) || attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 100))
    }
  }
}

describe('per-host limits', () => {
  it('grows to the ceiling on a host that caps each connection, and never past it', async () => {
    const [cdn] = hosts as [CdnServer]
    const bodies = Array.from({ length: 48 }, (_, i) => testBytes(100_000, 300 + i))
    bodies.forEach((body, i) => cdn.route(`/t/${i}`, paced(body, 400_000)))
    const queue = new DownloadQueue({ concurrency: 12 })
    const results = await Promise.all(bodies.map((_, i) => download(queue, cdn.url(`/t/${i}`), `t${i}`)))
    expect(results.map((r) => r.sha256)).toEqual(bodies.map(sha256))
    expect(cdn.maxConcurrent).toBe(12)
    expect(queue.hostStats()).toEqual([expect.objectContaining({ host: cdn.host, maxInFlight: 12 })])
  })

  it('backs off a host answering 429 above 3 open, waits out its Retry-After, and grows again once it stops', async () => {
    const [cdn] = hosts as [CdnServer]
    const limit = openLimit(3, 1)
    // 20 files while the limit holds, then 200 small ones (50 ms each) once it is lifted.
    const bodies = Array.from({ length: 220 }, (_, i) => testBytes(i < 20 ? 40_000 : 20_000, 400 + i))
    bodies.forEach((body, i) => cdn.route(`/l/${i}`, limit.wrap(paced(body, 400_000))))
    // Short rounds, so the test sees many in a few seconds, and no throughput check (unit-tested
    // against simulated hosts), which over 50 ms rounds of 50 ms files would decide on noise.
    const queue = new DownloadQueue({
      concurrency: 12,
      hostPolicy: { ...defaultHostPolicy, minRoundMs: 50, gainShare: Number.NEGATIVE_INFINITY },
    })
    const first = await Promise.all(
      bodies.slice(0, 20).map((_, i) => download(queue, cdn.url(`/l/${i}`), `l${i}`)),
    )
    expect(first.map((r) => r.sha256)).toEqual(bodies.slice(0, 20).map(sha256))
    expect(limit.refusedAt.length).toBeGreaterThan(0)
    expect(limit.refusedAt.length).toBeLessThanOrEqual(8)
    // Nothing new arrived while a Retry-After ran (a request already on its way is allowed 50 ms).
    for (const refused of limit.refusedAt) {
      const early = limit.arrivedAt.filter((t) => t > refused + 50 && t < refused + 950)
      expect(early).toEqual([])
    }
    const backedOff = queue.hostStats()[0]!
    expect(backedOff.decreases).toBeGreaterThan(0)
    // Near the 3 the host takes, not back at 12. Not "at most 4": the client holds a slot through
    // hashing and fsync after the server has counted the body closed, so on a loaded machine a
    // whole round at 4 can pass with no 4th response open at the host, which then rightly reads
    // as a host taking 4, and one probe above it may follow (failed 2 runs in 6 under load).
    expect(backedOff.limit).toBeLessThanOrEqual(6)

    // The host takes more again: the limit climbs past where it was held.
    limit.setMax(null)
    cdn.resetCounters()
    const rest = await Promise.all(
      bodies.slice(20).map((_, i) => download(queue, cdn.url(`/l/${20 + i}`), `m${i}`)),
    )
    expect(rest.map((r) => r.sha256)).toEqual(bodies.slice(20).map(sha256))
    // The level climbed past where it was held, and the host saw more open at once than the 3 it
    // took. Not "more than 4 at the host": the client holds a slot through hashing and fsync after
    // the host has counted the body closed, so under load the host's count lags the level (it read
    // 4 with the level grown, 1 run in about 10).
    expect(queue.hostStats()[0]!.limit).toBeGreaterThan(backedOff.limit)
    expect(cdn.maxConcurrent).toBeGreaterThan(3)
  })

  it('counts redirect targets as hosts of their own', async () => {
    const [proxy, cdnA, cdnB] = hosts as [CdnServer, CdnServer, CdnServer]
    const bodies = Array.from({ length: 16 }, (_, i) => testBytes(80_000, 500 + i))
    bodies.forEach((body, i) => {
      const target = i % 2 === 0 ? cdnA : cdnB
      target.route(`/f/${i}`, paced(body, 400_000))
      proxy.route(`/d/${i}`, redirect(target.url(`/f/${i}`)))
    })
    const queue = new DownloadQueue({ concurrency: 8, perHostConcurrency: 2 })
    const results = await Promise.all(bodies.map((_, i) => download(queue, proxy.url(`/d/${i}`), `d${i}`)))
    expect(results.map((r) => r.sha256)).toEqual(bodies.map(sha256))
    // Two at a time on each CDN host: four bodies at once, although the proxy's own limit is two.
    expect(cdnA.maxConcurrent).toBe(2)
    expect(cdnB.maxConcurrent).toBe(2)
    expect(new Set(queue.hostStats().map((h) => h.host))).toEqual(new Set([proxy.host, cdnA.host, cdnB.host]))
  })

  it('reuses connections: one after another, many files over one socket', async () => {
    const [cdn] = hosts as [CdnServer]
    const bodies = Array.from({ length: 20 }, (_, i) => testBytes(10_000, 600 + i))
    bodies.forEach((body, i) => cdn.route(`/k/${i}`, serveBytes(body)))
    const sockets = new Set<string>()
    cdn.onRequest((req) => sockets.add(`${req.socket.remotePort}`))
    const queue = new DownloadQueue({ concurrency: 1 })
    for (let i = 0; i < bodies.length; i++) await download(queue, cdn.url(`/k/${i}`), `k${i}`)
    expect(cdn.requests).toHaveLength(20)
    expect(sockets.size).toBeLessThanOrEqual(2)
  })
})
