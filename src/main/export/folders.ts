// Every write of an export lands in a folder the export itself made (or the root), never through
// a link. Folders are made one level at a time; an existing symlink is refused, not followed.
//
// A folder checked once can still be swapped for a symlink later (by another local user, in a
// shared folder), and writes by path would then follow it out of the export. So:
// - On Linux each folder is held open, and files are written through `/proc/self/fd/<fd>/<name>`:
//   the kernel resolves that to the folder object we made, whatever its path now leads to, the
//   way openat() would (Node has no openat). A swap cannot redirect a write.
// - Everywhere, `check` runs before each write and compares where the folder is now with where
//   it was made (readlink of the fd on Linux, realpath elsewhere). A change stops the export with
//   FolderChangedError. Without /proc (macOS, Windows) this check is the only guard, and a swap in
//   the instant between check and write is not caught: docs/export.md says so.
import { constants, type Stats } from 'node:fs'
import { lstat, mkdir, open, readdir, readlink, realpath, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { isInside } from '../lib/contain'
import { isErrno } from '../lib/errno'
import { ConfinementError } from './confine'

/** A folder of the export changed (moved, replaced, turned into a link) while exporting. */
export class FolderChangedError extends ConfinementError {
  override name = 'FolderChangedError'
  constructor(relDir: string) {
    super(
      `The folder "${relDir || '.'}" of the export was moved or replaced while exporting, so the ` +
        'export stopped; nothing was written through the change. Check who else writes to that folder.',
    )
  }
}

interface Folder {
  /** Where the folder was when made (its canonical path): what `check` expects to find. */
  readonly canonical: string
  /** The prefix files in it are written under: `/proc/self/fd/<fd>`, or the plain path. */
  readonly writePath: string
  readonly handle: FileHandle | null
}

const dirFlags =
  process.platform === 'win32' ? null : constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW

/** Opens a folder without following a link at its last component; null where that is not possible. */
async function openFolder(path: string): Promise<FileHandle | null> {
  if (dirFlags === null) return null
  try {
    return await open(path, dirFlags)
  } catch (error) {
    if (isErrno(error, 'ELOOP', 'ENOTDIR', 'EMLINK'))
      throw new ConfinementError(`"${path}" is not a plain folder.`)
    throw error
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino
}

/** Whether `/proc/self/fd/<fd>` reaches the folder held by `handle` (Linux with /proc mounted). */
async function procReaches(handle: FileHandle): Promise<boolean> {
  try {
    return sameFile(await stat(`/proc/self/fd/${handle.fd}`), await handle.stat())
  } catch {
    return false
  }
}

/** Lower-cased so a case-insensitive file system's "Photo.jpg" still counts as present for "photo.jpg". */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase()
}

async function listNames(path: string): Promise<ReadonlySet<string>> {
  return new Set((await readdir(path)).map(nameKey))
}

export class ExportFolders {
  private readonly made = new Map<string, Promise<ReadonlySet<string>>>()
  private readonly folders = new Map<string, Folder>()

  private constructor(
    /** The export root, a real path (resolveExportRoot). */
    readonly root: string,
    rootFolder: Folder,
    private readonly viaProc: boolean,
  ) {
    this.folders.set('', rootFolder)
  }

  static async open(root: string): Promise<ExportFolders> {
    const handle = process.platform === 'linux' ? await openFolder(root) : null
    const viaProc = handle !== null && (await procReaches(handle))
    if (handle && !viaProc) await handle.close()
    const folder: Folder = viaProc
      ? { canonical: root, writePath: `/proc/self/fd/${handle.fd}`, handle }
      : { canonical: root, writePath: root, handle: null }
    return new ExportFolders(root, folder, viaProc)
  }

  /** Whether writes are pinned to the folders themselves (Linux), not only checked. */
  get pinned(): boolean {
    return this.viaProc
  }

  /**
   * Makes the folder `relDir` ("a/b/c", "" for the root) and resolves with the (lower-cased)
   * names already in it, so a fresh export needs no per-file existence check.
   */
  ensure(relDir: string): Promise<ReadonlySet<string>> {
    let pending = this.made.get(relDir)
    if (!pending) {
      if (relDir === '') pending = listNames(this.writePathOf(''))
      else {
        const slash = relDir.lastIndexOf('/')
        const parent = slash < 0 ? '' : relDir.slice(0, slash)
        pending = this.ensure(parent).then(() => this.makeOne(parent, relDir.slice(slash + 1), relDir))
      }
      this.made.set(relDir, pending)
    }
    return pending
  }

  private async makeOne(parentRel: string, name: string, relDir: string): Promise<ReadonlySet<string>> {
    if (name === '' || name === '.' || name === '..' || name.includes('\\'))
      throw new ConfinementError(`"${relDir}" is not a folder name an export makes.`)
    const path = join(this.writePathOf(parentRel), name)
    const before = await lstat(path).catch(() => null)
    if (before?.isSymbolicLink())
      throw new ConfinementError(`"${relDir}" is a symbolic link; not writing through it.`)
    if (before && !before.isDirectory()) throw new ConfinementError(`"${relDir}" exists and is not a folder.`)
    if (!before) {
      await mkdir(path).catch((error: unknown) => {
        if (!isErrno(error, 'EEXIST')) throw error
      })
    }
    const folder = this.viaProc ? await this.pin(path, relDir) : await this.locate(path, relDir)
    this.folders.set(relDir, folder)
    return before ? listNames(folder.writePath) : new Set()
  }

  /** Linux: holds the folder open; the name it was opened by must still be a plain folder. */
  private async pin(path: string, relDir: string): Promise<Folder> {
    const handle = await openFolder(path)
    if (handle === null) throw new ConfinementError(`"${relDir}" could not be opened.`)
    const writePath = `/proc/self/fd/${handle.fd}`
    const canonical = await readlink(writePath)
    if (!isInside(this.root, canonical)) {
      await handle.close()
      throw new ConfinementError(`"${relDir}" resolves outside the export folder.`)
    }
    return { canonical, writePath, handle }
  }

  /** Elsewhere: the folder's real path must lie under the root, and it must not be a link. */
  private async locate(path: string, relDir: string): Promise<Folder> {
    const canonical = await realpath(path)
    const after = await lstat(path)
    if (!isInside(this.root, canonical) || after.isSymbolicLink() || !after.isDirectory()) {
      throw new ConfinementError(`"${relDir}" resolves outside the export folder.`)
    }
    return { canonical, writePath: path, handle: null }
  }

  /**
   * Throws FolderChangedError unless the folder is still where it was made. Call it before each
   * write into `relDir` (after `ensure`).
   */
  async check(relDir: string): Promise<void> {
    const folder = this.folderOf(relDir)
    let now: string
    try {
      now = folder.handle ? await readlink(folder.writePath) : await realpath(join(this.root, relDir))
    } catch {
      throw new FolderChangedError(relDir)
    }
    if (now !== folder.canonical) throw new FolderChangedError(relDir)
  }

  /** The path to write `relPath` ("a/b/name.ext") at: under its folder's pinned handle where there is one. */
  pathOf(relPath: string): string {
    const slash = relPath.lastIndexOf('/')
    const name = relPath.slice(slash + 1)
    if (name === '' || name === '.' || name === '..' || name.includes('\\'))
      throw new ConfinementError(`"${relPath}" escapes the export folder.`)
    return join(this.writePathOf(slash < 0 ? '' : relPath.slice(0, slash)), name)
  }

  /** The path people see for `relPath` (in summaries and errors). */
  displayPathOf(relPath: string): string {
    return join(this.root, ...relPath.split('/'))
  }

  /** Lets go of every held folder. The instance is unusable afterwards. */
  async close(): Promise<void> {
    const handles = [...this.folders.values()].flatMap((f) => (f.handle ? [f.handle] : []))
    this.folders.clear()
    this.made.clear()
    await Promise.all(handles.map((h) => h.close().catch(() => undefined)))
  }

  private writePathOf(relDir: string): string {
    return this.folderOf(relDir).writePath
  }

  private folderOf(relDir: string): Folder {
    const folder = this.folders.get(relDir)
    if (!folder) throw new ConfinementError(`"${relDir}" was not made by this export.`)
    return folder
  }
}
