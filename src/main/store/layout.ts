// The store's layout in the data folder, and the one form in which the catalog names a stored
// file. Nothing outside this folder spells `files/`, a shard or the temp folder:
//
//   <data folder>/files/ab/<sha256>.<ext>     a stored file (shard = first two hex digits)
//   <data folder>/files/.tmp/<area>/<x>.part  downloads in progress, one area per account
//   <data folder>/files/.quarantine/          files `verify` found damaged, kept for the user
//
// The catalog's `files.rel_path` is relative to the data folder, always with `/`:
// `files/ab/<sha256>.<ext>`.
import path from 'node:path'

export const filesFolder = 'files'
export const tempFolder = '.tmp'
export const quarantineFolder = '.quarantine'

const shardPattern = /^[0-9a-f]{2}$/

/** The store's root in a data folder, as given (not resolved through symlinks). */
export function filesRootOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), filesFolder)
}

export function isShardName(name: string): boolean {
  return shardPattern.test(name)
}

/** A stored file: its shard folder and its name in it. */
export interface StoredName {
  readonly shard: string
  readonly name: string
}

/** How the catalog names a stored file. */
export function toCatalogPath(stored: StoredName): string {
  return `${filesFolder}/${stored.shard}/${stored.name}`
}

/**
 * The shard and name of a catalog path (`files/ab/<name>`), or null for anything else: another
 * folder, `..` or `.` segments, backslashes, NULs, absolute paths, the temp or quarantine folders.
 */
export function parseCatalogPath(relPath: string): StoredName | null {
  const segments = relPath.split('/')
  if (segments.length !== 3 || segments[0] !== filesFolder) return null
  const [, shard = '', name = ''] = segments
  if (!isShardName(shard)) return null
  if (name === '' || name === '.' || name === '..' || /[\\\0]/.test(name)) return null
  return { shard, name }
}

/** The absolute path a catalog path names under `root` (no file-system access), or null if malformed. */
export function pathUnder(root: string, relPath: string): string | null {
  const stored = parseCatalogPath(relPath)
  return stored ? path.join(root, stored.shard, stored.name) : null
}
