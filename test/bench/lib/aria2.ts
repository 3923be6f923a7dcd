// aria2c as the yardstick: the same URLs, the same server, the same disk, -j 16.
import { execFile, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface Aria2Result {
  readonly elapsedMs: number
  readonly exitCode: number | null
}

/** The aria2c version line, or null when it is not installed. */
export async function aria2Version(): Promise<string | null> {
  try {
    const { stdout } = await run('aria2c', ['--version'])
    return stdout.split('\n')[0] ?? 'aria2c'
  } catch {
    return null
  }
}

/** Fetches every URL into `dir` (one numbered file each, so equal basenames never collide). */
export function aria2Fetch(urls: readonly string[], dir: string, jobs: number): Promise<Aria2Result> {
  const list = join(dir, 'urls.txt')
  writeFileSync(list, urls.map((url, i) => `${url}\n  out=f${i}`).join('\n') + '\n')
  const args = [
    `-j${jobs}`,
    '-i',
    list,
    '-d',
    dir,
    '--file-allocation=none',
    '--allow-overwrite=true',
    '--auto-file-renaming=false',
    '--console-log-level=warn',
    '--summary-interval=0',
    '--download-result=hide',
    '--max-tries=1',
  ]
  const started = performance.now()
  const child = spawn('aria2c', args, { stdio: ['ignore', 'ignore', 'inherit'] })
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('exit', (code) => done({ elapsedMs: performance.now() - started, exitCode: code }))
  })
}
