import { readdir, stat } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DiskFullError, DownloadCancelled } from '../../../src/main/download/errors'
import { fetchToFile, type FetchResult } from '../../../src/main/download/fetch-to-file'
import { DownloadQueue } from '../../../src/main/download/queue'
import type { OpenTempFile } from '../../../src/main/download/temp-file'
import type { FileStore } from '../../../src/main/store/file-store'
import { serveBytes, sha256, testBytes, type CdnServer } from './cdn-server'
import { downloadWorldEachTest } from './download-world'

let hostA: CdnServer
let hostB: CdnServer
let store: FileStore

downloadWorldEachTest('chatkeep-queue-', 2, (world) => {
  store = world.store
  hostA = world.host(0)
  hostB = world.host(1)
})

function enqueue(
  queue: DownloadQueue,
  url: string,
  key: string,
  openTempFile?: OpenTempFile,
): Promise<FetchResult> {
  return queue.add({
    host: new URL(url).host,
    run: ({ signal, reportBytes }) =>
      fetchToFile(
        { url, headers: {}, expiresAt: null },
        { store, key, signal, onProgress: reportBytes, openTempFile },
      ),
  })
}

describe('DownloadQueue against a real server', () => {
  it('never opens more connections to one host than its cap', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => testBytes(20_000, 100 + i))
    bodies.forEach((body, i) => hostA.route(`/a/${i}`, serveBytes(body, { holdMs: 30 })))
    bodies.slice(0, 4).forEach((body, i) => hostB.route(`/b/${i}`, serveBytes(body, { holdMs: 30 })))
    const queue = new DownloadQueue({ concurrency: 8, perHostConcurrency: 3 })
    const results = await Promise.all([
      ...bodies.map((_, i) => enqueue(queue, hostA.url(`/a/${i}`), `a${i}`)),
      ...bodies.slice(0, 4).map((_, i) => enqueue(queue, hostB.url(`/b/${i}`), `b${i}`)),
    ])
    await queue.onIdle()
    expect(results.map((r) => r.sha256)).toEqual([...bodies, ...bodies.slice(0, 4)].map(sha256))
    expect(hostA.requests).toHaveLength(12)
    expect(hostA.maxConcurrent).toBeLessThanOrEqual(3)
    expect(hostA.maxConcurrent).toBeGreaterThan(1)
    expect(hostB.maxConcurrent).toBeLessThanOrEqual(3)
    expect(queue.progress().bytes).toBe(16 * 20_000)
  })

  it('stops the whole queue on a full disk and surfaces the error', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => testBytes(300_000, 200 + i))
    bodies.forEach((body, i) => hostA.route(`/f/${i}`, serveBytes(body, { holdMs: i === 0 ? 0 : 50 })))
    const queue = new DownloadQueue({ concurrency: 2, perHostConcurrency: 2 })
    const full: OpenTempFile = async () => ({
      write: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
      },
      sync: async () => undefined,
      close: async () => undefined,
    })
    const outcomes = await Promise.all(
      bodies.map((_, i) =>
        enqueue(queue, hostA.url(`/f/${i}`), `f${i}`, i === 0 ? full : undefined).catch((e: unknown) => e),
      ),
    )
    expect(outcomes[0]).toBeInstanceOf(DiskFullError)
    for (const outcome of outcomes.slice(2)) expect(outcome).toBeInstanceOf(DownloadCancelled)
    await expect(queue.onIdle()).rejects.toBeInstanceOf(DiskFullError)
    // Only the two that had slots ever reached the server.
    expect(hostA.requests.length).toBeLessThanOrEqual(2)
    const committed = (await readdir(store.root)).filter((n) => n !== '.tmp')
    expect(committed.length).toBeLessThanOrEqual(1)
    await stat(store.tempDir)
  })
})
