// Many small files through a real runSync: per-file overhead (API paging, job rows, temp file,
// fsync, rename, catalog writes) dominates, not bandwidth. aria2c fetching the same files is the
// yardstick for what this machine and the fake server allow at all.
import { hasFlag, sendResult } from '../lib/child'
import { aria2Fetch, aria2Version } from '../lib/aria2'
import { cdnUrlsSince, startBenchFake } from '../lib/fake'
import { atLeast, info, round, type BenchReport, type Metric } from '../lib/report'
import { profiledSync, syncInChild } from '../lib/sync-child'
import { flushDirtyPages } from '../lib/settle'
import { withScratch } from '../lib/temp'

const quick = hasFlag(process.argv, '--quick')
const files = quick ? 1_000 : 5_000
const chats = quick ? 10 : 50
const size = 10 * 1024
const jobs = 16

const fake = await startBenchFake({ chats, messagesPerChat: files / chats, fileSizes: [size, size] })
try {
  await flushDirtyPages()
  const logStart = fake.requestLog.length
  // Measured first, so nothing this benchmark did itself (a profiled run, aria2c) precedes it.
  const out = await withScratch('small', (dataDir) => syncInChild(fake, { dataDir, concurrency: jobs }))
  const urls = cdnUrlsSince(fake, logStart)
  const version = await aria2Version()
  await flushDirtyPages()
  const aria = version ? await withScratch('small-aria2', (dir) => aria2Fetch(urls, dir, jobs)) : null
  const profile = hasFlag(process.argv, '--profile') ? await profiledSync(fake) : null

  const seconds = out.elapsedMs / 1000
  const filesPerSecond = out.summary.downloaded / seconds
  const ariaPerSecond = aria && aria.exitCode === 0 ? urls.length / (aria.elapsedMs / 1000) : null
  const metrics: Metric[] = [
    atLeast('small files: runSync 10 KB files', round(filesPerSecond, 0), 'files/s', 1000),
    info(
      'small files: aria2c -j16, same files',
      ariaPerSecond === null ? null : round(ariaPerSecond, 0),
      'files/s',
      version ? (aria?.exitCode === 0 ? undefined : `aria2c exit ${aria?.exitCode}`) : 'aria2c not installed',
    ),
    atLeast(
      'small files: runSync / aria2c',
      ariaPerSecond === null ? null : round(filesPerSecond / ariaPerSecond, 2),
      '×',
      1.0,
    ),
    info(
      'small files: CPU per file',
      round((out.cpuUserMs + out.cpuSystemMs) / out.summary.downloaded, 3),
      'ms',
    ),
  ]
  const report: BenchReport = {
    bench: 'small-files',
    metrics,
    notes: [
      `${out.summary.downloaded}/${files} files of ${size} B in ${round(seconds, 2)} s, ${out.summary.requests} API requests, ` +
        `concurrency ${jobs}; worker CPU user ${round(out.cpuUserMs)} ms + system ${round(out.cpuSystemMs)} ms`,
      aria
        ? `aria2c -j ${jobs} (no hashing, no fsync, no catalog): ${urls.length} files in ${round(aria.elapsedMs / 1000, 2)} s`
        : 'aria2c not installed: no yardstick',
      ...(profile ? [profile] : []),
    ],
  }
  await sendResult(report)
} finally {
  await fake.close()
}
