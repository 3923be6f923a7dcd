// The CLI's libuv thread pool, counted from outside: every file operation of a download runs on it,
// and its size is fixed when it first starts, so setting it anywhere but the launcher's first
// statement silently leaves libuv's default of 4 (see src/main/threadpool.ts).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { threadPoolSize } from '../../../src/main/threadpool'
import { spawnCli } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

/** libuv names its pool threads `libuv-worker`; /proc lists every thread of a process. */
function libuvThreads(pid: number): number {
  return readdirSync(`/proc/${pid}/task`).filter((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === 'libuv-worker'
    } catch {
      return false // the thread ended while we listed
    }
  }).length
}

/** Starts `serve` (a CLI process that stays up), counts its pool threads once it answers, stops it. */
async function poolSizeOfServe(env: NodeJS.ProcessEnv = {}): Promise<number> {
  const child = spawnCli(['serve', '--port', '0', '--data-dir', dir.path], { env })
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:/)
    // libuv starts its pool at the first async file operation; serving the page stats a file.
    await (await fetch(first)).arrayBuffer()
    return libuvThreads(child.pid!)
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('close', resolve))
  }
}

describe.skipIf(process.platform !== 'linux')('CLI thread pool', () => {
  // tsx caches compiled sources in the temp dir. With a warm cache nothing starts the pool before
  // the CLI's own modules run; with a cold one (a fresh install, a changed file) tsx's async cache
  // writes start it first, which is the case only the launcher's first statement covers.
  it(`runs with ${threadPoolSize} libuv threads, not the default 4, even with a cold tsx cache`, async () => {
    expect(threadPoolSize).toBeGreaterThan(4)
    const coldCache = mkdtempSync(join(dir.path, 'tmp-'))
    expect(await poolSizeOfServe({ TMPDIR: coldCache })).toBe(threadPoolSize)
    expect(await poolSizeOfServe()).toBe(threadPoolSize)
  })

  it('keeps a size the user set', async () => {
    expect(await poolSizeOfServe({ UV_THREADPOOL_SIZE: '6' })).toBe(6)
  })
})
