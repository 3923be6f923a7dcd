import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh folder under the OS temp dir and its remover, for afterEach/afterAll. */
export function tempDir(prefix = 'chatkeep-test-'): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Fresh folders for the tests of one file, all removed by `removeAll` (call it in afterEach). */
export function tempDirs(prefix = 'chatkeep-test-'): { fresh(): string; removeAll(): void } {
  const made: Array<{ remove(): void }> = []
  return {
    fresh() {
      const dir = tempDir(prefix)
      made.push(dir)
      return dir.path
    },
    removeAll() {
      for (const dir of made.splice(0)) dir.remove()
    },
  }
}
