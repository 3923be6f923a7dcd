// Puts one store file at its export path, two ways:
//
// - placeNew: the name was free when its folder was listed. The bytes go straight to the final
//   name, created with O_EXCL: an exclusive create never follows a symlink and never reuses
//   anything already there, so it fails with EEXIST instead of writing through a planted link.
//   If the copy fails after the create, the partial file is removed; a cancel waits for copies in
//   flight, so no half file is left under a real name. This skips a rename per file, which on a
//   fresh export is most of the cost cp -r does not pay.
// - placeFile: the name is taken (an earlier export, or something planted). The bytes go to a
//   fresh temp name first and are renamed over it, so the old file stays whole until the new one
//   is, and a symlink at the name is replaced rather than written through.
import { constants } from 'node:fs'
import { copyFile, link, rename, unlink } from 'node:fs/promises'
import { tempNameBeside } from '../lib/atomic-write'

export type PlaceMode = 'copy' | 'hardlink'

export interface Placed {
  readonly how: 'copied' | 'linked'
  /** Set when a hard link was asked for but the data folder is on another volume. */
  readonly fellBack: boolean
}

/** Something already holds the name placeNew was asked to create: replace it with placeFile. */
export class NameTakenError extends Error {
  constructor(path: string) {
    super(`${path} already exists`)
    this.name = 'NameTakenError'
  }
}

// COPYFILE_FICLONE clones copy-on-write where the file system can (btrfs, XFS, APFS) and copies
// normally elsewhere; COPYFILE_EXCL makes the target fail rather than reuse anything there.
async function cloneOrCopy(source: string, target: string): Promise<void> {
  await copyFile(source, target, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL)
}

function isNoHardLink(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  // Other volume, or a file system without hard links (FAT, some network shares).
  return code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK'
}

/** Links or copies `source` to `target`, which must not exist; link() never follows a link at `target`. */
async function put(source: string, target: string, mode: PlaceMode): Promise<Placed> {
  if (mode === 'hardlink') {
    try {
      await link(source, target)
      return { how: 'linked', fellBack: false }
    } catch (error) {
      if (!isNoHardLink(error)) throw error
      await cloneOrCopy(source, target)
      return { how: 'copied', fellBack: true }
    }
  }
  await cloneOrCopy(source, target)
  return { how: 'copied', fellBack: false }
}

function isNameTaken(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST'
}

/**
 * Creates `destination`, which was free when its folder was listed. Throws NameTakenError when
 * something holds the name now (a planted symlink included), without touching it.
 */
export async function placeNew(source: string, destination: string, mode: PlaceMode): Promise<Placed> {
  try {
    return await put(source, destination, mode)
  } catch (error) {
    if (isNameTaken(error)) throw new NameTakenError(destination)
    // The exclusive create succeeded or nothing was created: either way a file at the name is
    // ours and partial. libuv removes it itself on Linux and macOS; this covers the rest.
    await unlink(destination).catch(() => undefined)
    throw error
  }
}

/** Replaces whatever is at `destination` (a file, a symlink) through a temp name and a rename. */
export async function placeFile(source: string, destination: string, mode: PlaceMode): Promise<Placed> {
  const temp = tempNameBeside(destination)
  try {
    const placed = await put(source, temp, mode)
    await rename(temp, destination)
    // rename() between two links to one inode succeeds without doing anything, leaving the temp.
    if (placed.how === 'linked') await unlink(temp).catch(() => undefined)
    return placed
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}
