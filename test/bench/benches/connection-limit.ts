// Issue 14, benchmark 2: the same throttled CDN (4 MB/s per connection) answering 429 with
// Retry-After: 1 above 6 open file responses, as download proxies do. A sync at --concurrency 16
// must finish byte-exact in one sync, with few 429s, near what 6 connections carry.
import { hasFlag, sendResult } from '../lib/child'
import { byteExact } from '../lib/byte-exact'
import { startBenchFake } from '../lib/fake'
import { atLeast, atMost, info, MB, round, type BenchReport, type Metric } from '../lib/report'
import { flushDirtyPages } from '../lib/settle'
import { percentile } from '../lib/stats'
import { syncInChild } from '../lib/sync-child'
import { withScratch } from '../lib/temp'
import { syncExitCode } from '../../../src/main/cli/sync-exit'

const quick = hasFlag(process.argv, '--quick')
const files = quick ? 60 : 120
const rounds = quick ? 1 : 3
const perConnection = 4 * MB
const maxOpen = 6
const jobs = 16
const ceiling = maxOpen * perConnection

const fake = await startBenchFake({
  chats: 3,
  messagesPerChat: files / 3,
  fileSizes: [1 * MB, 4 * MB],
  faults: { cdnBytesPerSecond: perConnection, cdnMaxOpen: maxOpen, cdnRetryAfterSeconds: 1 },
})
const notes: string[] = []
const rates: number[] = []
const refusals: number[] = []
const exactShares: number[] = []

try {
  for (let r = 0; r < rounds; r++) {
    await flushDirtyPages()
    const logStart = fake.requestLog.length
    fake.cdnPeakOpen(true)
    const { out, exact } = await withScratch('conn-limit', async (dataDir) => {
      const out = await syncInChild(fake, { dataDir, concurrency: jobs })
      return { out, exact: await byteExact(fake, dataDir) }
    })
    const refused = fake.requestLog
      .slice(logStart)
      .filter((e) => e.provider === 'cdn' && e.status === 429).length
    const rate = out.summary.bytes / (out.elapsedMs / 1000)
    rates.push(rate)
    refusals.push(refused)
    exactShares.push(syncExitCode(out.summary.outcome) === 0 && exact.exact === files ? 1 : 0)
    notes.push(
      `round ${r + 1}: exit ${syncExitCode(out.summary.outcome)}, ${exact.exact}/${files} files byte-exact, ${round(out.summary.bytes / MB)} MB in ` +
        `${round(out.elapsedMs / 1000)} s (${round(rate / MB, 1)} MB/s = ${round(rate / ceiling, 2)} × 6 × 4 MB/s), ${refused} answers of 429, ` +
        `peak ${fake.cdnPeakOpen()} open`,
    )
  }
  const metrics: Metric[] = [
    atLeast(
      '429 above 6: rounds complete and byte-exact in one sync',
      exactShares.filter((x) => x === 1).length,
      `of ${rounds}`,
      rounds,
    ),
    atMost('429 above 6: answers of 429 (worst round)', Math.max(...refusals), '', 30),
    atLeast(
      '429 above 6: throughput / (6 × 4 MB/s) (median round)',
      round(percentile(rates, 50) / ceiling, 2),
      '×',
      0.75,
    ),
    info('429 above 6: runSync (median round)', round(percentile(rates, 50) / MB, 1), 'MB/s'),
  ]
  notes.unshift(
    `${files} audio files of 1–4 MB at ${perConnection / MB} MB/s per connection; 429 + Retry-After: 1 above ${maxOpen} open; sync --concurrency ${jobs}`,
  )
  const report: BenchReport = { bench: 'connection-limit', metrics, notes }
  await sendResult(report)
} finally {
  await fake.close()
}
