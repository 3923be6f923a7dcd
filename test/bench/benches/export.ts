// Export speed: exportArchive (plan, copy, sidecars, transcripts) against `cp -r` of the same
// store files, same disk, same run. Detects a missing export module and says so.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { hasFlag, sendResult } from '../lib/child'
import { seedArchive } from '../lib/archive-seed'
import { atLeast, info, MB, round, type BenchReport, type Metric } from '../lib/report'
import { removeDir, withScratch } from '../lib/temp'

type ExportFn = (options: {
  readonly dataDir: string
  readonly to: string
}) => Promise<{ readonly files: number; readonly bytes: number; readonly errors: readonly unknown[] }>

const run = promisify(execFile)
const quick = hasFlag(process.argv, '--quick')
const files = quick ? 2_000 : 10_000
// Paired rounds, alternating who goes first: creating files on this disk slows down after a big
// delete, so whichever side runs right after the previous round's cleanup pays for it.
const rounds = 3

async function loadExport(): Promise<ExportFn | null> {
  try {
    const module = (await import('../../../src/main/export/index')) as { exportArchive?: ExportFn }
    return typeof module.exportArchive === 'function' ? module.exportArchive : null
  } catch {
    return null
  }
}

const exportArchive = await loadExport()
if (!exportArchive) {
  const report: BenchReport = {
    bench: 'export',
    metrics: [
      atLeast(
        'export: exportArchive / cp -r',
        null,
        '×',
        0.8,
        'not available: src/main/export has no exportArchive',
      ),
    ],
    notes: ['export module not available in this tree'],
  }
  await sendResult(report)
  process.exit(0)
}

const report = await withScratch('export', async (dir) => {
  const dataDir = join(dir, 'data')
  const seed = await seedArchive(dataDir, files)
  const cpTimes: number[] = []
  const exportTimes: number[] = []
  const notes: string[] = []
  let complete = true
  const ratios: number[] = []
  for (let r = 0; r < rounds; r++) {
    const timeCp = async (): Promise<number> => {
      const cpTo = join(dir, `cp-${r}`)
      const t = performance.now()
      await run('cp', ['-r', join(dataDir, 'files'), cpTo])
      const ms = performance.now() - t
      removeDir(cpTo)
      return ms
    }
    const timeExport = async (): Promise<number> => {
      const exportTo = join(dir, `export-${r}`)
      const t = performance.now()
      const summary = await exportArchive({ dataDir, to: exportTo })
      const ms = performance.now() - t
      if (summary.files !== files || summary.errors.length > 0) {
        complete = false
        notes.push(`round ${r + 1}: exported ${summary.files} files, ${summary.errors.length} errors`)
      }
      removeDir(exportTo)
      return ms
    }
    let cpMs: number
    let exportMs: number
    if (r % 2 === 0) {
      cpMs = await timeCp()
      exportMs = await timeExport()
    } else {
      exportMs = await timeExport()
      cpMs = await timeCp()
    }
    cpTimes.push(cpMs)
    exportTimes.push(exportMs)
    ratios.push(cpMs / exportMs)
  }
  const medianRatio = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] ?? 0
  const cpBest = Math.min(...cpTimes)
  const exportBest = Math.min(...exportTimes)
  const mbps = (ms: number): number => round(seed.bytes / MB / (ms / 1000), 1)
  const metrics: Metric[] = [
    info('export: exportArchive', mbps(exportBest), 'MB/s'),
    info('export: cp -r', mbps(cpBest), 'MB/s'),
    // An export that skipped files would look fast: no ratio unless every file was exported.
    complete
      ? atLeast('export: exportArchive / cp -r (median of paired rounds)', round(medianRatio, 2), '×', 0.8)
      : atLeast(
          'export: exportArchive / cp -r (median of paired rounds)',
          null,
          '×',
          0.8,
          'incomplete export, see notes',
        ),
  ]
  notes.unshift(
    `${seed.files} files, ${round(seed.bytes / MB)} MB; per-round ratios ${ratios.map((x) => round(x, 2)).join('/')}; best of ${rounds}: export ${round(exportBest / 1000, 2)} s ` +
      `(${round(files / (exportBest / 1000), 0)} files/s), cp -r ${round(cpBest / 1000, 2)} s; all: export ${exportTimes.map((x) => round(x / 1000, 2)).join('/')} s, cp ${cpTimes.map((x) => round(x / 1000, 2)).join('/')} s`,
  )
  const result: BenchReport = { bench: 'export', metrics, notes }
  return result
})
await sendResult(report)
