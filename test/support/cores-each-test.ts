// Cores opened by the tests of one file, each in a fresh data folder: all closed and their
// folders removed after each test, so a failing test never leaves a catalog open for the next.
import { afterEach } from 'vitest'
import { openServeCore } from '../../src/main/cli/serve-core'
import type { Core } from '../../src/main/core-types'
import { tempDirs } from './temp-dir'

export interface CoresEachTest {
  /** A new empty data folder, removed after the test. */
  freshDir(): string
  /** Closes `core` after the test (unless the test closes it first through `close`). */
  keep(core: Core): Core
  /** Closes a kept core now, e.g. to reopen its folder or read it from outside. */
  close(core: Core): Promise<void>
  /** serve's core on `dataDir` (a fresh folder by default) with `env`, kept. */
  openServe(env: NodeJS.ProcessEnv, dataDir?: string): Promise<{ core: Core; dataDir: string }>
}

export function coresEachTest(prefix: string): CoresEachTest {
  const dirs = tempDirs(prefix)
  const open = new Set<Core>()
  afterEach(async () => {
    for (const core of open) await core.close()
    open.clear()
    dirs.removeAll()
  })
  const keep = (core: Core): Core => {
    open.add(core)
    return core
  }
  return {
    freshDir: () => dirs.fresh(),
    keep,
    close: async (core) => {
      open.delete(core)
      await core.close()
    },
    openServe: async (env, dataDir = dirs.fresh()) => {
      const core = keep(await openServeCore({ dataDir, env, log: () => undefined }))
      return { core, dataDir }
    },
  }
}
