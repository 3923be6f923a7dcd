// Where an export may go. The target is resolved once (realpath) and refused when it overlaps
// Chatkeep's data folder in either direction: an export into the data folder (or a folder inside
// it) could overwrite the catalog or the store with files named by a template, and one into a
// folder that contains it could reach them through a folder the template names. Writing inside
// the accepted root is folders.ts's job.
import { randomBytes } from 'node:crypto'
import { lstat, open, realpath, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { isInside } from '../lib/contain'
import { errnoOf, isErrno } from '../lib/errno'
import { makeDirectory } from '../lib/make-directory'

/** A write was refused because it would leave the export folder (a planted link, a file in the way). */
export class ConfinementError extends Error {
  override name = 'ConfinementError'
}

/** The export target is a usage problem: it overlaps the data folder, cannot be made, or is not a folder. */
export class ExportTargetError extends Error {
  override name = 'ExportTargetError'
}

/**
 * The real path of `path` when it exists; else the real path of its deepest existing ancestor with
 * the rest appended, so a symlink in the part that exists is seen through before anything is made.
 */
async function realOrNearest(path: string): Promise<string> {
  const missing: string[] = []
  for (let current = resolve(path); ; current = dirname(current)) {
    try {
      return join(await realpath(current), ...missing.reverse())
    } catch (error) {
      if (!isErrno(error, 'ENOENT', 'ENOTDIR') || dirname(current) === current) return resolve(path)
      missing.push(basename(current))
    }
  }
}

function refuseOverlap(target: string, data: string, shownData: string): void {
  if (isInside(data, target, { orEqual: true })) {
    throw new ExportTargetError(
      `Refusing to export into Chatkeep's data folder (${shownData}) or a folder inside it: choose a folder outside it.`,
    )
  }
  if (isInside(target, data)) {
    throw new ExportTargetError(
      `Refusing to export into ${target}: it contains Chatkeep's data folder (${shownData}). Choose a folder outside it.`,
    )
  }
}

/** Creates (if needed) and resolves the export root; refuses the data folder, inside it, or around it. */
export async function resolveExportRoot(to: string, dataDir: string): Promise<string> {
  if (to.trim().length === 0) throw new ExportTargetError('The export folder is empty.')
  const intended = resolve(to)
  const shownData = resolve(dataDir)
  // Checked before creating anything (as typed, and with the existing part's links seen through),
  // so a refused target leaves no empty folder behind.
  const data = await realOrNearest(dataDir)
  refuseOverlap(intended, shownData, shownData)
  refuseOverlap(await realOrNearest(intended), data, shownData)
  try {
    await makeDirectory(intended)
  } catch (error) {
    throw new ExportTargetError(`Cannot create the export folder ${intended}: ${(error as Error).message}`)
  }
  const root = await realpath(intended)
  refuseOverlap(root, data, shownData)
  if (!(await lstat(root)).isDirectory()) throw new ExportTargetError(`${intended} is not a folder.`)
  await assertWritable(root, intended)
  return root
}

/**
 * One file created and removed in the folder: permission bits do not tell (root ignores them; an
 * immutable folder, a read-only mount or an ACL refuses anyway), and a folder that refuses writes
 * would otherwise fail every file of the export one by one before saying so.
 */
async function assertWritable(root: string, shown: string): Promise<void> {
  const probe = join(root, `.chatkeep-probe-${randomBytes(6).toString('hex')}`)
  try {
    await (await open(probe, 'wx')).close()
  } catch (error) {
    const code = errnoOf(error) ?? 'error'
    throw new ExportTargetError(
      `Cannot write into ${shown} (${code}): choose another folder, or make this one writable.`,
    )
  }
  await rm(probe, { force: true })
}
