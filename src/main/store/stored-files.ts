// Reading the store: a catalog path to a real file that is certainly inside it, the re-hash that
// `verify` runs, moving a damaged file aside, and walking every stored file (to find orphans).
import { mkdir, readdir, realpath, rename, stat } from 'node:fs/promises'
import path from 'node:path'
import { isInside } from '../lib/contain'
import { isErrno } from '../lib/errno'
import { sha256OfFile } from '../lib/sha256-file'
import { isShardName, parseCatalogPath, quarantineFolder, toCatalogPath } from './layout'

/** A stored path that resolves outside the files root (`..`, absolute, or through a symlink). */
export class PathEscapeError extends Error {
  constructor(relPath: string) {
    super(`Refused a file path outside the archive: ${JSON.stringify(relPath.slice(0, 200))}`)
    this.name = 'PathEscapeError'
  }
}

export type VerifyResult =
  | { readonly ok: true; readonly size: number }
  | { readonly ok: false; readonly reason: 'missing' }
  /** The catalog path is malformed or leads out of the store (a planted symlink): never read. */
  | { readonly ok: false; readonly reason: 'outside' }
  | { readonly ok: false; readonly reason: 'size'; readonly size: number }
  | { readonly ok: false; readonly reason: 'hash'; readonly size: number; readonly actualSha256: string }

/**
 * The real path of a stored file. Refuses (PathEscapeError) anything that is not `files/<shard>/
 * <name>` or that, with symlinks resolved, is not a file in a shard of `root` (so never the temp
 * or quarantine folders). Rejects with ENOENT when it is missing.
 */
export async function containedFile(root: string, relPath: string): Promise<string> {
  const stored = parseCatalogPath(relPath)
  if (stored === null) throw new PathEscapeError(relPath)
  const real = await realpath(path.join(root, stored.shard, stored.name))
  const inside = path.relative(root, real).split(path.sep)
  if (!isInside(root, real) || inside.length !== 2 || !isShardName(inside[0] ?? '')) {
    throw new PathEscapeError(relPath)
  }
  return real
}

/** Re-hashes a stored file (streaming, constant memory). `size`, when known, is checked first: it costs no read. */
export async function verifyStored(
  root: string,
  relPath: string,
  sha256: string,
  size?: number,
): Promise<VerifyResult> {
  let file: string
  try {
    file = await containedFile(root, relPath)
    const info = await stat(file)
    if (!info.isFile()) return { ok: false, reason: 'missing' }
    if (size !== undefined && info.size !== size) return { ok: false, reason: 'size', size: info.size }
  } catch (error) {
    if (error instanceof PathEscapeError) return { ok: false, reason: 'outside' }
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return { ok: false, reason: 'missing' }
    throw error
  }
  const actual = await sha256OfFile(file)
  return actual.sha256 === sha256
    ? { ok: true, size: actual.size }
    : { ok: false, reason: 'hash', actualSha256: actual.sha256, size: actual.size }
}

/**
 * Moves a stored file into the quarantine folder (never deleted: it is the user's data) so no
 * later commit takes it for good bytes. Returns where it went, or null when it was already gone.
 */
export async function quarantineStored(root: string, relPath: string): Promise<string | null> {
  try {
    await containedFile(root, relPath)
  } catch (error) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return null
    throw error
  }
  const stored = parseCatalogPath(relPath)
  if (stored === null) return null
  const dir = path.join(root, quarantineFolder)
  await mkdir(dir, { recursive: true })
  // The entry itself moves (a symlink as a symlink), never the file a link points to.
  const to = path.join(dir, `${Date.now()}-${stored.name}`)
  try {
    await rename(path.join(root, stored.shard, stored.name), to)
    return to
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

/** The catalog path of every entry in every shard of the store, shard by shard. */
export async function* listStored(root: string): AsyncGenerator<string> {
  let shards: string[]
  try {
    shards = await readdir(root)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return
    throw error
  }
  for (const shard of shards.filter(isShardName).sort()) {
    let names: string[]
    try {
      names = await readdir(path.join(root, shard))
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) continue
      throw error
    }
    for (const name of names.sort()) yield toCatalogPath({ shard, name })
  }
}
