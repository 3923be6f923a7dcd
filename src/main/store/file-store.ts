// The content-addressed file store (design §6): `files/ab/<sha256>.<ext>` under the data dir, with
// temp files in `files/.tmp/` on the same volume so that committing is one atomic rename.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { DurabilityBarrier, type SyncDirectory } from './durability-barrier'
import { isAllowedExtension } from './extension'

export interface StoredFile {
  /** Relative to the files root, always with `/`: what the catalog keeps (`ab/<sha256>.<ext>`). */
  readonly relPath: string
  readonly absPath: string
  readonly size: number
}

/**
 * Given to `commit` by a writer that fsynced the whole temp file itself and knows its length, so
 * the store does not open, fsync and stat the same file a second time.
 */
export interface SyncedTemp {
  readonly size: number
}

export interface FileStoreOptions {
  /** How a directory is made durable; a test stands in one that records the calls. */
  readonly syncDirectory?: SyncDirectory
}

export type VerifyResult =
  | { readonly ok: true; readonly size: number }
  | { readonly ok: false; readonly reason: 'missing' }
  | { readonly ok: false; readonly reason: 'corrupt'; readonly actualSha256: string; readonly size: number }

/** A stored path that resolves outside the files root (`..`, absolute, or through a symlink). */
export class PathEscapeError extends Error {
  constructor(relPath: string) {
    super(`Refused a file path outside the archive: ${JSON.stringify(relPath.slice(0, 200))}`)
    this.name = 'PathEscapeError'
  }
}

const sha256Pattern = /^[0-9a-f]{64}$/
const tempSuffix = '.part'

export function isSha256(value: string): boolean {
  return sha256Pattern.test(value)
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  await pipeline(createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk)
      size += chunk.length
    }
  })
  return { sha256: hash.digest('hex'), size }
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '')
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/** Makes a rename or create durable; directories cannot be fsynced on Windows, which is fine there. */
async function fsyncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (error) {
    if (!(process.platform === 'win32' && isErrno(error, 'EISDIR', 'EPERM', 'EACCES'))) throw error
  } finally {
    await handle?.close()
  }
}

/** Fsyncs a temp file written by someone else (an earlier process) and returns its length. */
async function syncAndMeasure(file: string): Promise<number> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
    return (await handle.stat()).size
  } finally {
    await handle.close()
  }
}

/** Files the store wrote are `<sha256>.<ext>`; anything else in a shard is grouped under its own name. */
function addName(listing: Map<string, Set<string>>, name: string): void {
  const digest = name.split('.', 1)[0] ?? name
  const names = listing.get(digest)
  if (names) names.add(name)
  else listing.set(digest, new Set([name]))
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
}

export class FileStore {
  /** Canonical (realpath) location of `files/`, so containment checks compare like with like. */
  readonly root: string
  readonly tempDir: string
  /** Shards known to exist, so a commit does not ask mkdir each time (a vanished one is re-made). */
  private readonly shards = new Set<string>()
  /**
   * Per shard directory, its file names grouped by digest (`<sha256>.<ext>`), read once and kept
   * current with this store's renames, so finding a twin is one map lookup however full the shard.
   */
  private readonly listings = new Map<string, Map<string, Set<string>>>()
  private readonly barrier: DurabilityBarrier

  private constructor(root: string, options: FileStoreOptions) {
    this.root = root
    this.tempDir = path.join(root, '.tmp')
    this.barrier = new DurabilityBarrier(options.syncDirectory ?? fsyncDirectory)
  }

  /** Creates `files/` and `files/.tmp/` under the data dir when missing. */
  static async open(dataDir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const root = path.join(path.resolve(dataDir), 'files')
    await mkdir(path.join(root, '.tmp'), { recursive: true })
    return new FileStore(await realpath(root), options)
  }

  /**
   * The temp file for one job. The same key always maps to the same file, so a download cut short
   * by a crash finds its partial bytes again; hashing the key keeps hostile keys out of the path.
   */
  tempPathFor(key: string): string {
    const name = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)
    return path.join(this.tempDir, name + tempSuffix)
  }

  /** Where the file for this content lives once committed (it may not exist). */
  relPathFor(sha256: string, ext: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a sha256 digest: ${JSON.stringify(sha256.slice(0, 80))}`)
    if (!isAllowedExtension(ext))
      throw new Error(`Not an allowed file extension: ${JSON.stringify(ext.slice(0, 20))}`)
    return `${sha256.slice(0, 2)}/${sha256}.${ext}`
  }

  /**
   * Moves a finished temp file into place. The caller vouches for `sha256` (it hashed the bytes as
   * they arrived). When the content is already stored, the temp file is dropped instead: identical
   * bytes are kept once, whatever extension they arrived under.
   *
   * Resolves only once the file's bytes and its directory entry are durable, so a catalog row
   * written after it never points at a file a power cut could take away. Without `synced`, the
   * store fsyncs the temp file itself.
   */
  async commit(tempPath: string, sha256: string, ext: string, synced?: SyncedTemp): Promise<StoredFile> {
    const resolvedTemp = path.resolve(tempPath)
    if (path.dirname(resolvedTemp) !== this.tempDir) throw new PathEscapeError(tempPath)
    const relPath = this.relPathFor(sha256, ext)
    const shardDir = path.join(this.root, sha256.slice(0, 2))
    const size = synced ? synced.size : await syncAndMeasure(resolvedTemp)

    const existing = await this.findExisting(shardDir, sha256, ext, size)
    if (existing) {
      await rm(resolvedTemp, { force: true })
      // The twin may have been renamed in by a commit still waiting for its fsync: wait for one too.
      await this.barrier.sync(shardDir)
      return { relPath: `${sha256.slice(0, 2)}/${existing}`, absPath: path.join(shardDir, existing), size }
    }
    const absPath = path.join(this.root, ...relPath.split('/'))
    // Renaming over a same-named file happens only when that file has the wrong size (corrupt), so
    // the fresh, hashed bytes replace it.
    await this.renameIntoShard(resolvedTemp, absPath, shardDir)
    const listing = this.listings.get(shardDir)
    if (listing) addName(listing, path.basename(absPath))
    await this.barrier.sync(shardDir)
    return { relPath, absPath, size }
  }

  private async renameIntoShard(from: string, to: string, shardDir: string): Promise<void> {
    if (!this.shards.has(shardDir)) await this.makeShard(shardDir)
    try {
      await rename(from, to)
    } catch (error) {
      // The shard was removed behind our back (a manual clean-up): make it again, once.
      if (!isErrno(error, 'ENOENT') || !(await exists(from))) throw error
      this.shards.delete(shardDir)
      await this.makeShard(shardDir)
      await rename(from, to)
    }
  }

  private async makeShard(shardDir: string): Promise<void> {
    await mkdir(shardDir, { recursive: true })
    this.shards.add(shardDir)
  }

  /**
   * A stored file with this digest and the same size. Same digest and size is taken as the same
   * bytes; re-hashing would cost a full read of every duplicate, and `verify` catches bit rot.
   *
   * Each shard is listed once per store and the listing kept up to date with our own renames: a
   * readdir per commit was one more thread-pool trip per file. A name the listing offers is still
   * stat'ed, so a file deleted behind our back is never taken as the twin; a file added behind our
   * back is at worst stored again under its own name.
   */
  private async findExisting(
    shardDir: string,
    sha256: string,
    ext: string,
    size: number,
  ): Promise<string | null> {
    const twins = (await this.listing(shardDir)).get(sha256)
    if (!twins || twins.size === 0) return null
    const preferred = `${sha256}.${ext}`
    const names = twins.has(preferred)
      ? [preferred, ...[...twins].filter((n) => n !== preferred)]
      : [...twins]
    for (const name of names) {
      try {
        const info = await stat(path.join(shardDir, name))
        if (info.isFile() && info.size === size) return name
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
        twins.delete(name)
      }
    }
    return null
  }

  private async listing(shardDir: string): Promise<Map<string, Set<string>>> {
    const known = this.listings.get(shardDir)
    if (known) return known
    let names: string[]
    try {
      names = await readdir(shardDir)
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
      names = []
    }
    // Another commit may have listed the same shard while this readdir ran; keep the first set.
    let listing = this.listings.get(shardDir)
    if (!listing) {
      listing = new Map()
      for (const name of names) addName(listing, name)
      this.listings.set(shardDir, listing)
    }
    return listing
  }

  /**
   * The absolute path of a stored file, refusing anything that leaves the files root: `..`,
   * absolute paths, and symlinks (resolved with realpath). Rejects with ENOENT when it is missing.
   */
  async absPath(relPath: string): Promise<string> {
    const segments = relPath.split('/')
    // Stored paths are plain `ab/<name>`: a dot or empty segment, a backslash or a NUL is not ours.
    const malformed = segments.some((s) => s === '' || s === '.' || s === '..' || /[\\\0]/.test(s))
    if (malformed || path.isAbsolute(relPath)) throw new PathEscapeError(relPath)
    const lexical = path.resolve(this.root, ...segments)
    if (!isInside(this.root, lexical)) throw new PathEscapeError(relPath)
    const real = await realpath(lexical)
    if (!isInside(this.root, real) || isInside(this.tempDir, real) || real === this.tempDir) {
      throw new PathEscapeError(relPath)
    }
    return real
  }

  /** Re-hashes a stored file as a stream (constant memory whatever its size). */
  async verify(relPath: string, sha256: string): Promise<VerifyResult> {
    let file: string
    try {
      file = await this.absPath(relPath)
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) return { ok: false, reason: 'missing' }
      throw error
    }
    const actual = await sha256OfFile(file)
    return actual.sha256 === sha256
      ? { ok: true, size: actual.size }
      : { ok: false, reason: 'corrupt', actualSha256: actual.sha256, size: actual.size }
  }

  /** Deletes temp files (and their sidecars) untouched for `olderThanMs`; returns how many went. */
  async removeStaleTemps(olderThanMs: number, nowMs: number = Date.now()): Promise<number> {
    let removed = 0
    for (const name of await readdir(this.tempDir)) {
      const file = path.join(this.tempDir, name)
      try {
        const info = await stat(file)
        if (info.isFile() && nowMs - info.mtimeMs > olderThanMs) {
          await rm(file, { force: true })
          removed += 1
        }
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
      }
    }
    return removed
  }
}
