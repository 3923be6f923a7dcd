import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureRendererBuilt, rendererDir, type UiBuild } from '../../../src/main/cli/renderer-dir'
import { tempDir } from '../../support/temp-dir'

const dirs: Array<ReturnType<typeof tempDir>> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))
function root(): string {
  const d = tempDir()
  dirs.push(d)
  return d.path
}

/** A stand-in for electron-vite: slow, and writes what the real one writes last. */
function countingBuild(delayMs: number): { build: UiBuild; runs: () => number } {
  let runs = 0
  return {
    runs: () => runs,
    build: async (at) => {
      runs++
      await sleep(delayMs)
      mkdirSync(rendererDir(at), { recursive: true })
      writeFileSync(join(rendererDir(at), 'index.html'), '<!doctype html>')
    },
  }
}

describe('ensureRendererBuilt', () => {
  it('builds once when two processes ask at the same time; the other waits and says so', async () => {
    const at = root()
    const { build, runs } = countingBuild(150)
    const logs: string[] = []
    const log = (line: string): number => logs.push(line)
    const both = await Promise.all([
      ensureRendererBuilt(log, { root: at, build, pollMs: 10 }),
      ensureRendererBuilt(log, { root: at, build, pollMs: 10 }),
    ])
    expect(both).toEqual([rendererDir(at), rendererDir(at)])
    expect(runs()).toBe(1)
    expect(logs).toContain('Waiting for another process that is building the app UI…')
    expect(existsSync(join(at, 'out', '.ui-build.lock'))).toBe(false)
  })

  it('does nothing when the UI is built', async () => {
    const at = root()
    const { build, runs } = countingBuild(0)
    await ensureRendererBuilt(() => undefined, { root: at, build })
    await ensureRendererBuilt(() => undefined, { root: at, build })
    expect(runs()).toBe(1)
  })

  it('takes over a lock left by a build that died', async () => {
    const at = root()
    const lock = join(at, 'out', '.ui-build.lock')
    mkdirSync(lock, { recursive: true })
    const old = new Date(Date.now() - 60_000)
    utimesSync(lock, old, old)
    const { build, runs } = countingBuild(0)
    await ensureRendererBuilt(() => undefined, { root: at, build, staleLockMs: 30_000, pollMs: 10 })
    expect(runs()).toBe(1)
  })

  it('a failed build releases the lock and says what to run; the next attempt builds', async () => {
    const at = root()
    const failing: UiBuild = () =>
      Promise.reject(new Error('Building the UI failed (exit 1). Run "npm run build" to see why.'))
    await expect(ensureRendererBuilt(() => undefined, { root: at, build: failing })).rejects.toThrow(
      /npm run build/,
    )
    expect(existsSync(join(at, 'out', '.ui-build.lock'))).toBe(false)
    const { build, runs } = countingBuild(0)
    await ensureRendererBuilt(() => undefined, { root: at, build })
    expect(runs()).toBe(1)
  })

  it('a build that produces no index.html is an error, not a silent empty UI', async () => {
    const at = root()
    await expect(
      ensureRendererBuilt(() => undefined, { root: at, build: () => Promise.resolve() }),
    ).rejects.toThrow(/did not produce .*index\.html/)
  })
})
