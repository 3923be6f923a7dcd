// Keeps every write inside the chosen export folder. The root is resolved once with realpath;
// below it we never follow a symlink: a planted link ("fan -> /etc") makes that path fail instead
// of writing through it, and every folder we create is re-checked with realpath.
import { lstat, mkdir, readdir, realpath } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'

export class ConfinementError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfinementError'
  }
}

/** The export target is a usage problem: inside the store, or not a folder. */
export class ExportTargetError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExportTargetError'
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return resolve(path)
  }
}

/** Creates (if needed) and resolves the export root; refuses the archive's own file store. */
export async function resolveExportRoot(to: string, dataDir: string): Promise<string> {
  if (to.trim().length === 0) throw new ExportTargetError('The export folder is empty.')
  const store = await realOrSelf(join(dataDir, 'files'))
  // Check before creating anything, so a refused target leaves no empty folder in the store.
  const intended = resolve(to)
  if (isInside(store, intended) || isInside(store, await realOrSelf(intended))) {
    throw new ExportTargetError(`Refusing to export into the archive's file store (${store}).`)
  }
  try {
    await mkdir(intended, { recursive: true })
  } catch (error) {
    throw new ExportTargetError(`Cannot create the export folder ${intended}: ${(error as Error).message}`)
  }
  const root = await realpath(intended)
  if (isInside(store, root))
    throw new ExportTargetError(`Refusing to export into the archive's file store (${store}).`)
  if (!(await lstat(root)).isDirectory()) throw new ExportTargetError(`${intended} is not a folder.`)
  return root
}

/**
 * Makes the folders of `relDir` ("a/b/c") under `root` one level at a time. Existing symlinks
 * are refused, not followed; each folder's realpath must stay under the root.
 */
export class FolderMaker {
  private readonly made = new Map<string, Promise<ReadonlySet<string>>>()

  constructor(private readonly root: string) {}

  /**
   * Makes the folder and resolves with the (lower-cased) names that were already in it, so a
   * fresh export needs no per-file existence check: a folder we just created is empty.
   */
  ensure(relDir: string): Promise<ReadonlySet<string>> {
    let pending = this.made.get(relDir)
    if (!pending) {
      if (relDir === '') pending = listNames(this.root)
      else {
        const slash = relDir.lastIndexOf('/')
        const parent = slash < 0 ? '' : relDir.slice(0, slash)
        pending = this.ensure(parent).then(() => this.makeOne(relDir))
      }
      this.made.set(relDir, pending)
    }
    return pending
  }

  private async makeOne(relDir: string): Promise<ReadonlySet<string>> {
    const path = join(this.root, ...relDir.split('/'))
    const before = await lstat(path).catch(() => null)
    if (before?.isSymbolicLink())
      throw new ConfinementError(`"${relDir}" is a symbolic link; not writing through it.`)
    if (before && !before.isDirectory()) throw new ConfinementError(`"${relDir}" exists and is not a folder.`)
    if (!before) {
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error
      })
    }
    const real = await realpath(path)
    if (!isInside(this.root, real)) {
      throw new ConfinementError(`"${relDir}" resolves outside the export folder.`)
    }
    const after = await lstat(path)
    if (after.isSymbolicLink() || !after.isDirectory()) {
      throw new ConfinementError(`"${relDir}" changed into a link while exporting.`)
    }
    return before ? listNames(path) : new Set()
  }

  /** The absolute path of a file in an already-ensured folder. */
  pathOf(relPath: string): string {
    const path = join(this.root, ...relPath.split('/'))
    if (!isInside(this.root, path) || path === this.root)
      throw new ConfinementError(`"${relPath}" escapes the export folder.`)
    return path
  }
}

/** Lower-cased so a case-insensitive file system's "Photo.jpg" still counts as present for "photo.jpg". */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase()
}

async function listNames(path: string): Promise<ReadonlySet<string>> {
  return new Set((await readdir(path)).map(nameKey))
}
