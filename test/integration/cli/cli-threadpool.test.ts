// The CLI's libuv thread pool, counted from outside: every file operation of a download runs on it,
// and its size is fixed when it first starts, so setting it anywhere but the launcher's first
// statement silently leaves libuv's default of 4 (see src/main/threadpool.ts).
import { once } from 'node:events'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { threadPoolSize } from '../../../src/main/threadpool'
import { spawnCli, type CliLauncher } from '../../support/cli'
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

/**
 * Starts a `sync` against a server that accepts the connection and never answers, so the CLI stays
 * up after its first file operations (the file store is opened before the first request), counts
 * its pool threads, and stops it. No UI build and no fake provider needed.
 */
async function poolSizeOfSync(env: NodeJS.ProcessEnv = {}, via: CliLauncher = 'source'): Promise<number> {
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => sockets.add(socket))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  const { port } = silent.address() as AddressInfo
  const connected = once(silent, 'connection')
  const child = spawnCli(
    [
      'sync',
      '--provider',
      'fansmetric',
      '--account',
      'acct_1',
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--data-dir',
      dir.path,
    ],
    { env: { FANSMETRIC_API_KEY: 'test-key-not-used', ...env }, via },
  )
  try {
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`sync exited with ${String(code)} before its first request`)
    })
    // Only the race reads `exited`; once the child is killed below it rejects with no one waiting.
    exited.catch(() => undefined)
    await Promise.race([connected, exited])
    return libuvThreads(child.pid!)
  } finally {
    child.kill('SIGKILL')
    await once(child, 'close')
    sockets.forEach((socket) => socket.destroy())
    await new Promise((resolve) => silent.close(resolve))
  }
}

describe.skipIf(process.platform !== 'linux')('CLI thread pool', () => {
  // tsx caches compiled sources in the temp dir. With a warm cache nothing starts the pool before
  // the CLI's own modules run; with a cold one (a fresh install, a changed file) tsx's async cache
  // writes start it first, which is the case only the launcher's first statement covers.
  it(`runs with ${threadPoolSize} libuv threads, not the default 4, even with a cold tsx cache`, async () => {
    expect(threadPoolSize).toBeGreaterThan(4)
    const coldCache = mkdtempSync(join(dir.path, 'tmp-'))
    expect(await poolSizeOfSync({ TMPDIR: coldCache })).toBe(threadPoolSize)
    expect(await poolSizeOfSync()).toBe(threadPoolSize)
  })

  it('keeps a size the user set', async () => {
    expect(await poolSizeOfSync({ UV_THREADPOOL_SIZE: '6' })).toBe(6)
  })

  it(`runs the built chatkeep bin with ${threadPoolSize} threads too, or the size the user set`, async () => {
    expect(await poolSizeOfSync({}, 'bin')).toBe(threadPoolSize)
    expect(await poolSizeOfSync({ UV_THREADPOOL_SIZE: '6' }, 'bin')).toBe(6)
  })
})
