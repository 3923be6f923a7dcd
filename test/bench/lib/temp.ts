// Scratch folders for the benchmarks, always under the OS temp dir and always removed — but not
// while other benchmarks still measure.
//
// Deleting thousands of files makes creating files slow for minutes afterwards on some file
// systems: on this machine's ext4 (no journal), every new inode is checked against recently deleted
// ones, and after a benchmark removed its 5,000 files the next sync spent 2.5× the system time
// creating its own (412 → 343 files/s for the same code). So under `npm run bench`, the runner
// gives every benchmark a folder inside one session folder (CHATKEEP_BENCH_SCRATCH) and deletes
// that once, after the last measurement; `removeDir` on anything inside it waits until then.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, isAbsolute } from 'node:path'

export const sessionScratchEnv = 'CHATKEEP_BENCH_SCRATCH'

function sessionRoot(): string | null {
  const root = process.env[sessionScratchEnv]
  return root && root.length > 0 ? root : null
}

function insideSession(path: string): boolean {
  const root = sessionRoot()
  if (!root) return false
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

export function scratchDir(label: string): string {
  const root = sessionRoot()
  if (root) mkdirSync(root, { recursive: true })
  return mkdtempSync(join(root ?? tmpdir(), `chatkeep-bench-${label}-`))
}

/** Removes a scratch folder now, or with the whole session when a runner owns one. */
export function removeDir(path: string): void {
  if (insideSession(path)) return
  rmSync(path, { recursive: true, force: true })
}

/** Runs `fn` with a fresh folder and removes it afterwards (see removeDir), whatever happens. */
export async function withScratch<T>(label: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = scratchDir(label)
  try {
    return await fn(dir)
  } finally {
    removeDir(dir)
  }
}
