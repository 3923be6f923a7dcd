#!/usr/bin/env node
// `npm test`: everything CI runs, in order, then one closing line with the totals.
// Each step's own output streams through; a failed step does not hide the later ones' results.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const results = 'test-results'
mkdirSync(results, { recursive: true })
const only = new Set(process.argv.slice(2))
const want = (name) => only.size === 0 || only.has(name)

const steps = []
let passed = 0
let failed = 0
let skipped = 0

function run(name, command, args, env = {}) {
  if (!want(name)) return null
  const started = Date.now()
  process.stderr.write(`\n=== ${name}: ${[command, ...args].join(' ')}\n`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = result.status === 0
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 })
  return ok
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

// Static checks count as one test each, so a type or lint error shows up in the totals.
for (const [name, script] of [
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['format', 'format:check'],
]) {
  const ok = run(name, npm, ['run', '--silent', script])
  if (ok === true) passed++
  else if (ok === false) failed++
}

for (const project of ['unit', 'integration']) {
  const out = join(results, `vitest-${project}.json`)
  rmSync(out, { force: true })
  const ok = run(project, npx, [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ])
  if (ok === null) continue
  const report = readJson(out)
  if (report) {
    passed += report.numPassedTests ?? 0
    failed += report.numFailedTests ?? 0
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  }
  if (!ok && (!report || (report.numFailedTests ?? 0) === 0)) failed++
}

{
  const out = join(results, 'e2e-results.json')
  rmSync(out, { force: true })
  const ok = run('e2e', npx, ['playwright', 'test'])
  if (ok !== null) {
    const report = readJson(out)
    const stats = report?.stats
    if (stats) {
      passed += (stats.expected ?? 0) + (stats.flaky ?? 0)
      failed += stats.unexpected ?? 0
      skipped += stats.skipped ?? 0
    }
    if (!ok && (!stats || (stats.unexpected ?? 0) === 0)) failed++
  }
}

process.stderr.write('\n=== summary\n')
for (const step of steps)
  process.stderr.write(`${step.ok ? 'ok  ' : 'FAIL'} ${step.name} (${step.seconds}s)\n`)
if (existsSync(join(results, 'screenshots')))
  process.stderr.write(`screenshots: ${join(results, 'screenshots')}\n`)
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
process.exitCode = steps.every((s) => s.ok) && failed === 0 ? 0 : 1
