// `npm run bench [-- --quick] [-- --only <name>[,<name>]] [-- --profile] [-- --fresh-catalog]`:
// runs each benchmark in its own Node process, prints one table and writes bench-results.json.
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { argValue, hasFlag, projectRoot, runTsChild } from './lib/child'
import { machineFacts, type BenchReport, type MachineFacts, type Metric } from './lib/report'
import { formatTable } from './lib/table'
import { sessionScratchEnv } from './lib/temp'

interface BenchEntry {
  readonly name: string
  readonly file: string
  readonly timeoutMs: number
}

// The read-heavy benchmarks come first: the 1M catalog is seeded (catalog) before the gallery reuses
// it, and both run while its pages are still in the OS cache, before the syncs and the export write
// ~10 GB of scratch data that stays until the end (lib/temp.ts) and pushes those pages out (the
// gallery's first cell took 1.0 s instead of 0.78 s behind them).
const benches: readonly BenchEntry[] = [
  { name: 'catalog', file: 'catalog-1m.ts', timeoutMs: 300_000 },
  { name: 'gallery', file: 'gallery-1m.ts', timeoutMs: 300_000 },
  { name: 'reviewer', file: 'reviewer.ts', timeoutMs: 300_000 },
  { name: 'cli', file: 'cli.ts', timeoutMs: 240_000 },
  { name: 'ingest', file: 'ingest.ts', timeoutMs: 120_000 },
  // 10M messages: seeding takes a few minutes the first time, then the catalog is cached.
  { name: 'conversations', file: 'conversations.ts', timeoutMs: 900_000 },
  { name: 'resync', file: 'resync.ts', timeoutMs: 120_000 },
  { name: 'download', file: 'download-throughput.ts', timeoutMs: 240_000 },
  { name: 'throttled', file: 'throttled-cdn.ts', timeoutMs: 240_000 },
  { name: 'conn-limit', file: 'connection-limit.ts', timeoutMs: 240_000 },
  { name: 'big-file', file: 'big-file-rss.ts', timeoutMs: 300_000 },
  { name: 'api-body', file: 'api-body-rss.ts', timeoutMs: 300_000 },
  { name: 'small-files', file: 'small-files.ts', timeoutMs: 180_000 },
  { name: 'export', file: 'export.ts', timeoutMs: 180_000 },
]

const argv = process.argv.slice(2)
const only = argValue(argv, '--only')
  ?.split(',')
  .map((s) => s.trim())
const unknown = only?.filter((name) => !benches.some((b) => b.name === name)) ?? []
if (unknown.length) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}\n`,
  )
  process.exit(2)
}
const selected = benches.filter((b) => !only || only.includes(b.name))
const passOn = ['--quick', '--profile', '--fresh-catalog'].filter((flag) => hasFlag(argv, flag))

interface BenchOutcome {
  readonly name: string
  readonly machine: MachineFacts
  readonly seconds: number
  readonly report: BenchReport | null
  readonly error: string | null
}

// One folder for every benchmark's scratch, removed after the last one (see lib/temp.ts). Kept
// folders need room: about 10 GB for a full run. With less free space, each benchmark removes its
// own folders as it goes, as before, and the table says so.
const keepScratchBytes = 12 * 1024 ** 3
const free = (() => {
  const info = statfsSync(tmpdir())
  return info.bavail * info.bsize
})()
const session = free >= keepScratchBytes ? mkdtempSync(join(tmpdir(), 'chatkeep-bench-run-')) : null
const childEnv = session ? { [sessionScratchEnv]: session } : {}

const outcomes: BenchOutcome[] = []
const started = performance.now()
for (const bench of selected) {
  process.stderr.write(`\n▶ ${bench.name}${passOn.length ? ` (${passOn.join(' ')})` : ''}\n`)
  const t = performance.now()
  const machine = machineFacts()
  try {
    const report = await runTsChild<BenchReport>(join(import.meta.dirname, 'benches', bench.file), {
      args: passOn,
      timeoutMs: bench.timeoutMs,
      env: childEnv,
    })
    outcomes.push({ name: bench.name, machine, seconds: (performance.now() - t) / 1000, report, error: null })
    for (const note of report.notes) process.stderr.write(`  · ${note}\n`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`  ✗ ${bench.name} failed: ${message}\n`)
    outcomes.push({
      name: bench.name,
      machine,
      seconds: (performance.now() - t) / 1000,
      report: null,
      error: message,
    })
  }
}

if (session) rmSync(session, { recursive: true, force: true })

const machine = machineFacts()
const metrics: Metric[] = outcomes.flatMap((o) =>
  o.report
    ? o.report.metrics
    : [
        {
          name: `${o.name}: did not finish`,
          value: null,
          unit: '',
          target: '—',
          pass: false,
          note: o.error ?? '',
        },
      ],
)
const totalSeconds = (performance.now() - started) / 1000
process.stdout.write(`\n${formatTable(metrics)}\n`)
process.stdout.write(
  `\n${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.totalMemoryBytes / 1024 ** 3)} GiB, Node ${machine.node}, load ${machine.loadAverage1m}; ` +
    `${Math.round(totalSeconds)} s${passOn.includes('--quick') ? ' (quick sizes)' : ''}\n`,
)
if (!session)
  process.stdout.write(
    `scratch folders were removed between benchmarks (under ${Math.round(keepScratchBytes / 1024 ** 3)} GB free in ${tmpdir()}): file creation may have been slower after each removal\n`,
  )
const file = join(projectRoot, 'bench-results.json')
writeFileSync(
  file,
  JSON.stringify(
    {
      at: new Date().toISOString(),
      quick: passOn.includes('--quick'),
      machine,
      totalSeconds,
      scratchKeptUntilEnd: session !== null,
      results: outcomes,
    },
    null,
    2,
  ) + '\n',
)
process.stdout.write(`wrote ${file}\n`)
// Missed targets are findings, not failures: only a benchmark that could not run exits non-zero.
process.exit(outcomes.some((o) => o.error !== null) ? 1 : 0)
