// Fresh temp folders for the tests of one file, removed after each test (vitest only: the e2e
// and bench code import temp-dir.ts, which must not pull in vitest).
import { afterEach } from 'vitest'
import { tempDirs } from './temp-dir'

/** Registers the afterEach that removes them; call the result for a new empty folder. */
export function freshDirEachTest(prefix: string): () => string {
  const dirs = tempDirs(prefix)
  afterEach(() => dirs.removeAll())
  return () => dirs.fresh()
}
