// Download throughput: a real runSync (adapter, queue, got, sha256, fsync, catalog) against aria2c
// -j 16 fetching exactly the CDN URLs that sync fetched, from the same fake server, in this run.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { hasFlag, sendResult } from '../lib/child'
import { aria2Fetch, aria2Version } from '../lib/aria2'
import { cdnUrlsSince, startBenchFake } from '../lib/fake'
import { atLeast, info, MB, round, type BenchReport, type Metric } from '../lib/report'
import { profiledSync, syncInChild } from '../lib/sync-child'
import { percentile } from '../lib/stats'
import { flushDirtyPages } from '../lib/settle'
import { removeDir, scratchDir, withScratch } from '../lib/temp'

const argv = process.argv
const quick = hasFlag(argv, '--quick')
const profile = hasFlag(argv, '--profile')
const files = quick ? 60 : 300
const rounds = quick ? 1 : 5
const jobs = 16

const fake = await startBenchFake({
  chats: 3,
  messagesPerChat: files / 3,
  fileSizes: [1 * MB, 4 * MB],
})
const notes: string[] = []
const syncRates: number[] = []
const ariaRates: number[] = []
let urls: string[] = []
let totalBytes = 0

async function timedSync(r: number): Promise<{ logStart: number }> {
  await flushDirtyPages()
  const logStart = fake.requestLog.length
  const out = await withScratch('dl-sync', (dataDir) => syncInChild(fake, { dataDir, concurrency: jobs }))
  const seconds = out.elapsedMs / 1000
  totalBytes = out.summary.bytes
  syncRates.push(out.summary.bytes / MB / seconds)
  notes.push(
    `round ${r + 1} runSync: ${out.summary.downloaded} files, ${round(out.summary.bytes / MB)} MB in ${round(seconds)} s, ` +
      `CPU user ${round(out.cpuUserMs / 1000)} s + sys ${round(out.cpuSystemMs / 1000)} s, maxRSS ${round(out.maxRssBytes / MB)} MB`,
  )
  return { logStart }
}

async function timedAria(r: number): Promise<void> {
  const ariaDir = scratchDir('dl-aria2')
  await flushDirtyPages()
  try {
    const result = await aria2Fetch(urls, ariaDir, jobs)
    const bytes = readdirSync(ariaDir)
      .filter((n) => n.startsWith('f'))
      .reduce((sum, n) => sum + statSync(join(ariaDir, n)).size, 0)
    if (result.exitCode !== 0 || bytes !== totalBytes)
      notes.push(`aria2c round ${r + 1}: exit ${result.exitCode}, ${bytes} of ${totalBytes} bytes`)
    ariaRates.push(bytes / MB / (result.elapsedMs / 1000))
    notes.push(
      `round ${r + 1} aria2c -j ${jobs}: ${urls.length} files in ${round(result.elapsedMs / 1000)} s`,
    )
  } finally {
    removeDir(ariaDir)
  }
}

try {
  const version = await aria2Version()
  if (profile) notes.push(await profiledSync(fake, { concurrency: jobs }))
  // The first sync's CDN requests are the URL list aria2c fetches: the same files, the same bytes.
  const first = await timedSync(0)
  urls = cdnUrlsSince(fake, first.logStart)
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first, and pair the rounds: a burst of other load on the machine then
    // hits one pair, not one side of every comparison.
    const ariaFirst = r % 2 === 1
    if (ariaFirst && version) await timedAria(r)
    // Round 1's sync already ran above (it made the URL list).
    if (r > 0) await timedSync(r)
    if (!ariaFirst && version) await timedAria(r)
  }
  const best = (values: readonly number[]): number | null => (values.length ? Math.max(...values) : null)
  const ratios = ariaRates.map((aria, i) => (syncRates[i] ?? 0) / aria)
  if (ratios.length) notes.push(`per-round ratios: ${ratios.map((x) => round(x, 2)).join(', ')}`)
  const syncBest = best(syncRates)
  const ariaBest = best(ariaRates)
  const metrics: Metric[] = [
    info('download: runSync throughput (best round)', syncBest === null ? null : round(syncBest, 1), 'MB/s'),
    info(
      'download: aria2c -j16 throughput (best round)',
      ariaBest === null ? null : round(ariaBest, 1),
      'MB/s',
      version ? undefined : 'aria2c not installed',
    ),
    atLeast(
      'download: runSync / aria2c (median of paired rounds)',
      ratios.length ? round(percentile(ratios, 50), 2) : null,
      '×',
      1.0,
      version ? undefined : 'skipped: aria2c not installed',
    ),
  ]
  notes.unshift(
    `${files} audio files of 1–4 MB (${round(totalBytes / MB)} MB) from the fake OFAuth CDN on 127.0.0.1; ${version ?? 'aria2c missing'}`,
  )
  const report: BenchReport = { bench: 'download', metrics, notes }
  await sendResult(report)
} finally {
  await fake.close()
}
