// Many small files through a real runSync: per-file overhead (API paging, job rows, temp file,
// fsync, rename, catalog writes) dominates, not bandwidth.
import { hasFlag, sendResult } from '../lib/child'
import { startBenchFake } from '../lib/fake'
import { atLeast, info, round, type BenchReport } from '../lib/report'
import { profiledSync, syncInChild } from '../lib/sync-child'
import { withScratch } from '../lib/temp'

const quick = hasFlag(process.argv, '--quick')
const files = quick ? 1_000 : 5_000
const chats = quick ? 10 : 50
const size = 10 * 1024

const fake = await startBenchFake({ chats, messagesPerChat: files / chats, fileSizes: [size, size] })
try {
  const profile = hasFlag(process.argv, '--profile') ? await profiledSync(fake) : null
  const out = await withScratch('small', (dataDir) => syncInChild(fake, { dataDir }))
  const seconds = out.elapsedMs / 1000
  const filesPerSecond = out.summary.downloaded / seconds
  const report: BenchReport = {
    bench: 'small-files',
    metrics: [
      atLeast('small files: runSync 10 KB files', round(filesPerSecond, 0), 'files/s', 1000),
      info(
        'small files: CPU per file',
        round((out.cpuUserMs + out.cpuSystemMs) / out.summary.downloaded, 3),
        'ms',
      ),
    ],
    notes: [
      `${out.summary.downloaded}/${files} files of ${size} B in ${round(seconds, 2)} s, ${out.summary.requests} API requests, ` +
        `concurrency 16; worker CPU user ${round(out.cpuUserMs)} ms + system ${round(out.cpuSystemMs)} ms`,
      ...(profile ? [profile] : []),
    ],
  }
  await sendResult(report)
} finally {
  await fake.close()
}
