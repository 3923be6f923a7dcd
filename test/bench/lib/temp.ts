// Scratch folders for one benchmark, always under the OS temp dir and always removed.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function scratchDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `chatkeep-bench-${label}-`))
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true })
}

/** Runs `fn` with a fresh folder and removes it afterwards, whatever happens. */
export async function withScratch<T>(label: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = scratchDir(label)
  try {
    return await fn(dir)
  } finally {
    removeDir(dir)
  }
}
