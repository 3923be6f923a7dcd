// Puts one store file at its export path. The bytes go to a fresh temp name in the target folder
// first and are renamed over the final name, so a crash or cancel never leaves a half file under a
// real name, and a symlink planted at the final name is replaced rather than written through.
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, link, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export type PlaceMode = 'copy' | 'hardlink'

export interface Placed {
  readonly how: 'copied' | 'linked'
  /** Set when a hard link was asked for but the data folder is on another volume. */
  readonly fellBack: boolean
}

function tempNameBeside(path: string): string {
  return join(dirname(path), `.chatkeep-${randomBytes(6).toString('hex')}.tmp`)
}

// COPYFILE_FICLONE clones copy-on-write where the file system can (btrfs, XFS, APFS) and copies
// normally elsewhere; COPYFILE_EXCL makes the temp name fail rather than reuse anything there.
async function cloneOrCopy(source: string, temp: string): Promise<void> {
  await copyFile(source, temp, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL)
}

export async function placeFile(source: string, destination: string, mode: PlaceMode): Promise<Placed> {
  const temp = tempNameBeside(destination)
  let placed: Placed = { how: 'copied', fellBack: false }
  try {
    if (mode === 'hardlink') {
      try {
        await link(source, temp)
        placed = { how: 'linked', fellBack: false }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        // Other volume, or a file system without hard links (FAT, some network shares).
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error
        await cloneOrCopy(source, temp)
        placed = { how: 'copied', fellBack: true }
      }
    } else {
      await cloneOrCopy(source, temp)
    }
    await rename(temp, destination)
    // rename() between two links to one inode succeeds without doing anything, leaving the temp.
    if (placed.how === 'linked') await unlink(temp).catch(() => undefined)
    return placed
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}
