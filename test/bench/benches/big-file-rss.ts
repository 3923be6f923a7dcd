// Peak RSS while one 2 GB file is synced: the fake CDN (in this process) generates the bytes block
// by block; the sync runs in a child, so its maxRSS is the downloader's own.
import { hasFlag, sendResult } from '../lib/child'
import { startBenchFake } from '../lib/fake'
import { atMost, info, MB, round, type BenchReport } from '../lib/report'
import { syncInChild } from '../lib/sync-child'
import { withScratch } from '../lib/temp'

const quick = hasFlag(process.argv, '--quick')
const size = quick ? 512 * 1024 * 1024 : 2 * 1024 * 1024 * 1024

const fake = await startBenchFake({ chats: 1, messagesPerChat: 1, fileSizes: [size, size] })
try {
  // The 2 GB file goes with the session's scratch folder after the last benchmark (lib/temp.ts).
  const out = await withScratch('bigfile', (dataDir) => syncInChild(fake, { dataDir, timeoutMs: 600_000 }))
  if (out.summary.downloaded !== 1 || out.summary.bytes !== size)
    throw new Error(`big file not downloaded: ${JSON.stringify(out.summary)}`)
  const seconds = out.elapsedMs / 1000
  const report: BenchReport = {
    bench: 'big-file',
    metrics: [
      atMost(
        `peak RSS downloading one ${round(size / 1024 ** 3, 1)} GiB file`,
        round(out.maxRssBytes / MB, 1),
        'MB',
        200,
      ),
      info('big file: RSS before the download', round(out.rssBeforeBytes / MB, 1), 'MB'),
      info('big file: throughput', round(size / MB / seconds, 1), 'MB/s'),
    ],
    notes: [
      `${size} bytes in ${round(seconds, 1)} s; fake server process peak RSS ${round(process.resourceUsage().maxRSS / 1024, 1)} MB (not counted)`,
    ],
  }
  await sendResult(report)
} finally {
  await fake.close()
}
