// Issue 14, benchmark 1: a CDN that caps each connection at 4 MB/s (as real CDNs and download
// proxies do), 120 files of 1–4 MB. A sync at --concurrency 16 against aria2c -j 16 fetching the
// same URLs from the same server: the ratio is as good as the sync's per-host limit is at
// opening connections the host takes.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { hasFlag, sendResult } from '../lib/child'
import { aria2Fetch, aria2Version } from '../lib/aria2'
import { cdnUrlsSince, startBenchFake } from '../lib/fake'
import { atLeast, info, MB, round, type BenchReport, type Metric } from '../lib/report'
import { flushDirtyPages } from '../lib/settle'
import { percentile } from '../lib/stats'
import { syncInChild } from '../lib/sync-child'
import { removeDir, scratchDir, withScratch } from '../lib/temp'

const quick = hasFlag(process.argv, '--quick')
const files = quick ? 60 : 120
const rounds = quick ? 1 : 3
const perConnection = 4 * MB
const jobs = 16

const fake = await startBenchFake({
  chats: 3,
  messagesPerChat: files / 3,
  fileSizes: [1 * MB, 4 * MB],
  faults: { cdnBytesPerSecond: perConnection },
})
const notes: string[] = []
const ratios: number[] = []
const syncRates: number[] = []
const ariaRates: number[] = []
let urls: string[] = []
let totalBytes = 0

async function timedSync(r: number): Promise<void> {
  await flushDirtyPages()
  const logStart = fake.requestLog.length
  fake.cdnPeakOpen(true)
  const out = await withScratch('throttled-sync', (dataDir) =>
    syncInChild(fake, { dataDir, concurrency: jobs }),
  )
  if (urls.length === 0) urls = cdnUrlsSince(fake, logStart)
  totalBytes = out.summary.bytes
  const rate = out.summary.bytes / MB / (out.elapsedMs / 1000)
  syncRates.push(rate)
  notes.push(
    `round ${r + 1} runSync: ${out.summary.downloaded} files, ${round(out.summary.bytes / MB)} MB in ${round(out.elapsedMs / 1000)} s ` +
      `(${round(rate, 1)} MB/s), peak ${fake.cdnPeakOpen()} connections open at the CDN`,
  )
}

async function timedAria(r: number): Promise<void> {
  const dir = scratchDir('throttled-aria2')
  await flushDirtyPages()
  fake.cdnPeakOpen(true)
  try {
    const result = await aria2Fetch(urls, dir, jobs)
    const bytes = readdirSync(dir)
      .filter((n) => n.startsWith('f'))
      .reduce((sum, n) => sum + statSync(join(dir, n)).size, 0)
    if (result.exitCode !== 0 || bytes !== totalBytes)
      notes.push(`aria2c round ${r + 1}: exit ${result.exitCode}, ${bytes} of ${totalBytes} bytes`)
    const rate = bytes / MB / (result.elapsedMs / 1000)
    ariaRates.push(rate)
    notes.push(
      `round ${r + 1} aria2c -j ${jobs}: ${round(result.elapsedMs / 1000)} s (${round(rate, 1)} MB/s), peak ${fake.cdnPeakOpen()} open`,
    )
  } finally {
    removeDir(dir)
  }
}

try {
  const version = await aria2Version()
  for (let r = 0; r < rounds; r++) {
    // The first sync makes the URL list; later rounds alternate who goes first.
    const ariaFirst = r % 2 === 1 && urls.length > 0
    if (ariaFirst && version) await timedAria(r)
    await timedSync(r)
    if (!ariaFirst && version) await timedAria(r)
    const sync = syncRates.at(-1)
    const aria = ariaRates.at(-1)
    if (sync !== undefined && aria !== undefined) ratios.push(sync / aria)
  }
  if (ratios.length) notes.push(`per-round ratios: ${ratios.map((x) => round(x, 2)).join(', ')}`)
  const metrics: Metric[] = [
    atLeast(
      'throttled CDN: runSync / aria2c (median of paired rounds)',
      ratios.length ? round(percentile(ratios, 50), 2) : null,
      '×',
      0.9,
      version ? undefined : 'skipped: aria2c not installed',
    ),
    info(
      'throttled CDN: runSync (median round)',
      syncRates.length ? round(percentile(syncRates, 50), 1) : null,
      'MB/s',
    ),
    info(
      'throttled CDN: aria2c -j16 (median round)',
      ariaRates.length ? round(percentile(ariaRates, 50), 1) : null,
      'MB/s',
    ),
  ]
  notes.unshift(
    `${files} audio files of 1–4 MB (${round(totalBytes / MB)} MB), the fake CDN pacing each connection at ${perConnection / MB} MB/s; ` +
      `sync --concurrency ${jobs}; ${version ?? 'aria2c missing'}`,
  )
  const report: BenchReport = { bench: 'throttled', metrics, notes }
  await sendResult(report)
} finally {
  await fake.close()
}
