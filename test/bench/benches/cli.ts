// Start-up of the `chatkeep` command (issue 19): the built bin's `--help` against `node -e 0` in
// the same run, `list --json` on a 1,400-item archive and on an empty data folder, and the peak
// RSS of `--help`. `npm run cli -- --help` (tsx compiling the sources) is measured for reference.
//
// Every measured process is started the same way, with one tiny --import module that writes its
// own process.resourceUsage() at exit: CPU time and peak RSS are the child's alone, and the module
// costs each command, node -e 0 included, the same.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { seedArchive } from '../lib/archive-seed'
import { hasFlag, projectRoot, sendResult } from '../lib/child'
import { atMost, info, MiB, round, type BenchReport, type Metric } from '../lib/report'
import { percentile } from '../lib/stats'
import { withScratch } from '../lib/temp'

const quick = hasFlag(process.argv, '--quick')
/** Paired rounds, each command once per round in turn, so machine load hits them alike. */
const rounds = quick ? 7 : 15
const archiveItems = 1_400

interface Sample {
  readonly wallMs: number
  readonly cpuMs: number
  readonly maxRssBytes: number
}

const report = await withScratch('cli', async (dir) => {
  // The bin runs what the sources build to now.
  execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' })

  const usageFile = join(dir, 'usage.json')
  const probe = join(dir, 'report-usage.mjs')
  writeFileSync(
    probe,
    [
      `import { writeFileSync } from 'node:fs'`,
      `process.on('exit', () => {`,
      `  const u = process.resourceUsage()`,
      `  writeFileSync(process.env.CHATKEEP_BENCH_USAGE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssBytes: u.maxRSS * 1024 }))`,
      `})`,
    ].join('\n'),
  )

  const full = join(dir, 'full')
  const empty = join(dir, 'empty')
  mkdirSync(empty)
  await seedArchive(full, archiveItems)

  const bin = join(projectRoot, 'bin', 'chatkeep.js')
  const commands: Readonly<Record<string, readonly string[]>> = {
    'node -e 0': ['-e', '0'],
    'chatkeep --help': [bin, '--help'],
    'chatkeep --version': [bin, '--version'],
    'chatkeep list --json (1,400 items)': [bin, 'list', '--json', '--data-dir', full],
    'chatkeep list --json (empty)': [bin, 'list', '--json', '--data-dir', empty],
  }

  function measure(args: readonly string[], expectedCode = 0): Sample {
    const started = performance.now()
    const result = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, ...args], {
      cwd: projectRoot,
      env: { ...process.env, CHATKEEP_BENCH_USAGE: usageFile },
      maxBuffer: 256 << 20,
    })
    const wallMs = performance.now() - started
    if (result.status !== expectedCode)
      throw new Error(`${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 400)}`)
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssBytes: number }
    return { wallMs, ...usage }
  }

  // Warm-up: the OS file cache and Node's compile cache (bin/chatkeep.js enables it), as for any
  // command a user runs more than once.
  for (const args of Object.values(commands)) measure(args)
  const listed = JSON.parse(
    String(spawnSync(process.execPath, commands['chatkeep list --json (1,400 items)'] ?? []).stdout),
  ) as unknown[]

  const samples = new Map<string, Sample[]>(Object.keys(commands).map((name) => [name, []]))
  for (let r = 0; r < rounds; r++) {
    for (const [name, args] of Object.entries(commands)) samples.get(name)?.push(measure(args))
  }
  // The old way, a few rounds only (over a second each): tsx compiling the sources on every start.
  const tsxHelp: Sample[] = []
  for (let r = 0; r < Math.min(3, rounds); r++)
    tsxHelp.push(measure(['--import', 'tsx', join(projectRoot, 'scripts', 'cli.mjs'), '--help']))

  const median = (name: string, key: keyof Sample): number =>
    percentile(
      (samples.get(name) ?? []).map((s) => s[key]),
      50,
    )
  const nodeWall = median('node -e 0', 'wallMs')
  const helpWall = median('chatkeep --help', 'wallMs')
  const tsxWall = percentile(
    tsxHelp.map((s) => s.wallMs),
    50,
  )
  const metrics: Metric[] = [
    atMost(
      'cli: chatkeep --help / node -e 0 (wall)',
      round(helpWall / nodeWall),
      '×',
      3,
      `medians of ${rounds} paired rounds: ${round(helpWall)} ms vs ${round(nodeWall)} ms`,
    ),
    info(
      'cli: npm run cli -- --help / node -e 0 (wall, tsx, for reference)',
      round(tsxWall / nodeWall),
      '×',
      `${round(tsxWall)} ms, median of ${tsxHelp.length}`,
    ),
    info('cli: chatkeep --help CPU', round(median('chatkeep --help', 'cpuMs')), 'ms'),
    info('cli: chatkeep --help peak RSS', round(median('chatkeep --help', 'maxRssBytes') / MiB, 1), 'MiB'),
    info('cli: node -e 0 peak RSS', round(median('node -e 0', 'maxRssBytes') / MiB, 1), 'MiB'),
    atMost(
      `cli: chatkeep list --json, ${archiveItems.toLocaleString('en')} items (wall)`,
      round(median('chatkeep list --json (1,400 items)', 'wallMs') / 1000, 3),
      's',
      0.3,
      `CPU ${round(median('chatkeep list --json (1,400 items)', 'cpuMs'))} ms`,
    ),
    info(
      'cli: chatkeep list --json, empty data folder (wall)',
      round(median('chatkeep list --json (empty)', 'wallMs') / 1000, 3),
      's',
      `CPU ${round(median('chatkeep list --json (empty)', 'cpuMs'))} ms`,
    ),
  ]
  const notes = [
    `list printed ${listed.length} items (one per media item and message)`,
    ...Object.keys(commands).map(
      (name) =>
        `${name}: wall p50 ${round(median(name, 'wallMs'))} ms, CPU p50 ${round(median(name, 'cpuMs'))} ms, RSS p50 ${round(median(name, 'maxRssBytes') / MiB, 1)} MiB`,
    ),
    `npm run cli -- --help (tsx): wall ${tsxHelp.map((s) => round(s.wallMs)).join(', ')} ms, CPU ${tsxHelp.map((s) => round(s.cpuMs)).join(', ')} ms, RSS ${round((tsxHelp[0]?.maxRssBytes ?? 0) / MiB, 1)} MiB`,
  ]
  return { bench: 'cli', metrics, notes } satisfies BenchReport
})

await sendResult(report)
