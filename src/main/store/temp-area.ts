// Temp files of downloads in progress live in one area per account (`files/.tmp/<area>/`). Only
// the process holding that account's sync lock writes there, so cleaning an area cannot race
// anyone: another process syncing another account has an area of its own.
//
// "Stale" means: the temp file (or sidecar) of no download that could still resume. A download
// resumes from its temp file while its job is unfinished (pending, running, failed or skipped:
// failed and skipped jobs are retried by later syncs), so those are kept whatever their age; what
// is left is the partial of a job that is done or gone, a sidecar whose temp file is gone, or
// something that is not ours. The caller names the live keys; this file only compares names.
import { readdir, rm, rmdir } from 'node:fs/promises'
import path from 'node:path'
import { isErrno } from '../lib/errno'

const areaPattern = /^[a-z0-9][a-z0-9-]{0,79}$/

export function isAreaName(name: string): boolean {
  return areaPattern.test(name)
}

/**
 * Removes every file in `dir` that is neither one of `keep` nor a sidecar of one (the same name
 * plus a suffix, like `<temp>.json`). Folders inside are left alone. Returns how many went.
 */
export async function removeTempsExcept(dir: string, keep: ReadonlySet<string>): Promise<number> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0
    throw error
  }
  let removed = 0
  for (const entry of entries) {
    if (entry.isDirectory()) continue
    const dot = entry.name.indexOf('.', entry.name.indexOf('.') + 1)
    const owner = dot < 0 ? entry.name : entry.name.slice(0, dot)
    if (keep.has(entry.name) || keep.has(owner)) continue
    await rm(path.join(dir, entry.name), { force: true })
    removed += 1
  }
  return removed
}

/** Removes the area folder when nothing is left in it. */
export async function removeAreaIfEmpty(dir: string): Promise<void> {
  try {
    await rmdir(dir)
  } catch (error) {
    if (!isErrno(error, 'ENOENT', 'ENOTEMPTY', 'EEXIST')) throw error
  }
}
