// The content-addressed file store (design §6; the layout is in layout.ts): files renamed into
// `files/ab/<sha256>.<ext>` from temp files on the same volume, so committing is one atomic rename.
import { createHash } from 'node:crypto'
import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { syncDirectory } from '../lib/atomic-write'
import { isErrno } from '../lib/errno'
import { sha256OfFile } from '../lib/sha256-file'
import { DurabilityBarrier, type SyncDirectory } from './durability-barrier'
import { isAllowedExtension } from './extension'
import { filesRootOf, pathUnder, tempFolder, toCatalogPath } from './layout'
import { ShardIndex } from './shard-index'
import {
  containedFile,
  listStored,
  PathEscapeError,
  quarantineStored,
  verifyStored,
  type VerifyResult,
} from './stored-files'
import { isAreaName, removeAreaIfEmpty, removeTempsExcept } from './temp-area'

export { PathEscapeError, type VerifyResult }

export interface StoredFile {
  /** As the catalog keeps it: relative to the data folder, always with `/` (`files/ab/<sha256>.<ext>`). */
  readonly relPath: string
  readonly absPath: string
  readonly size: number
}

/**
 * Given to `commit` by a writer that fsynced the whole temp file itself and knows its length, so
 * the store does not open, fsync and hash the same file a second time.
 */
export interface SyncedTemp {
  readonly size: number
}

export interface FileStoreOptions {
  /** How a directory is made durable; a test stands in one that records the calls. */
  readonly syncDirectory?: SyncDirectory
  /**
   * False for readers (list, verify, media serving): nothing is created, so a read-only data
   * folder still works. Default true: `files/` and `files/.tmp/` are made when missing.
   */
  readonly create?: boolean
}

/** The temp file about to be committed is not the bytes its writer hashed: it was changed under us. */
export class TempFileChangedError extends Error {
  constructor(tempPath: string, detail: string) {
    super(
      `The temp file ${path.basename(tempPath)} changed after it was written (${detail}); it was ` +
        'dropped and the download will be fetched again.',
    )
    this.name = 'TempFileChangedError'
  }
}

const sha256Pattern = /^[0-9a-f]{64}$/
const tempSuffix = '.part'

export function isSha256(value: string): boolean {
  return sha256Pattern.test(value)
}

/** The store state every view of one store shares (the temp areas are views). */
interface Shared {
  /** The data folder the store was opened on, as given (resolved, not through symlinks). */
  readonly dataDir: string
  readonly root: string
  readonly barrier: DurabilityBarrier
  readonly shards: ShardIndex
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

async function realOrResolved(dir: string): Promise<string> {
  try {
    return await realpath(dir)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return path.resolve(dir)
    throw error
  }
}

export class FileStore {
  /** Where this view's temp files go: `files/.tmp/` itself, or one account's area in it. */
  readonly tempDir: string

  private constructor(
    private readonly shared: Shared,
    tempDir: string,
  ) {
    this.tempDir = tempDir
  }

  /** Opens the store of a data folder (see `FileStoreOptions.create`). */
  static async open(dataDir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const given = filesRootOf(dataDir)
    if (options.create !== false) await mkdir(path.join(given, tempFolder), { recursive: true })
    // Canonical (realpath) location of `files/`, so containment checks compare like with like.
    const root = (await exists(given))
      ? await realpath(given)
      : path.join(await realOrResolved(dataDir), path.basename(given))
    const shared: Shared = {
      dataDir: path.resolve(dataDir),
      root,
      barrier: new DurabilityBarrier(options.syncDirectory ?? syncDirectory),
      shards: new ShardIndex(),
    }
    return new FileStore(shared, path.join(root, tempFolder))
  }

  /** The canonical location of `files/`. */
  get root(): string {
    return this.shared.root
  }

  /** The data folder this store belongs to (where the catalog and the sync locks live too). */
  get dataDir(): string {
    return this.shared.dataDir
  }

  /**
   * A view of this store whose temp files live in `files/.tmp/<area>/` (made when missing). An
   * area belongs to whoever holds its lock (an account's sync): see temp-area.ts.
   */
  async tempArea(area: string): Promise<FileStore> {
    if (!isAreaName(area)) throw new Error(`Not a temp area name: ${JSON.stringify(area.slice(0, 100))}`)
    const dir = path.join(this.shared.root, tempFolder, area)
    await mkdir(dir, { recursive: true })
    return new FileStore(this.shared, dir)
  }

  /**
   * The temp file for one job. The same key always maps to the same file, so a download cut short
   * by a crash finds its partial bytes again; hashing the key keeps hostile keys out of the path.
   */
  tempPathFor(key: string): string {
    const name = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)
    return path.join(this.tempDir, name + tempSuffix)
  }

  /**
   * Removes the temp files of this area that no download can resume: all but those of `liveKeys`
   * (and their sidecars). Call it only on an area whose lock this process holds, before any
   * download starts. Returns how many files went.
   */
  async removeStaleTemps(liveKeys: Iterable<string>): Promise<number> {
    if (this.tempDir === path.join(this.shared.root, tempFolder)) {
      throw new Error('Stale temp files are removed per temp area, never across all of them.')
    }
    const keep = new Set<string>()
    for (const key of liveKeys) keep.add(path.basename(this.tempPathFor(key)))
    return removeTempsExcept(this.tempDir, keep)
  }

  /** Drops this area's folder once it is empty (the end of a sync that left nothing to resume). */
  async removeTempAreaIfEmpty(): Promise<void> {
    if (this.tempDir !== path.join(this.shared.root, tempFolder)) await removeAreaIfEmpty(this.tempDir)
  }

  /** The catalog path of the file for this content once committed (it may not exist). */
  relPathFor(sha256: string, ext: string): string {
    if (!isSha256(sha256)) throw new Error(`Not a sha256 digest: ${JSON.stringify(sha256.slice(0, 80))}`)
    if (!isAllowedExtension(ext))
      throw new Error(`Not an allowed file extension: ${JSON.stringify(ext.slice(0, 20))}`)
    return toCatalogPath({ shard: sha256.slice(0, 2), name: `${sha256}.${ext}` })
  }

  /**
   * Moves a finished temp file into place. The caller vouches for `sha256` (it hashed the bytes as
   * they arrived); the store checks that the file it renames is those bytes: with `synced`, that
   * it still has the length the writer counted (a re-hash would cost a full read of every file,
   * see README.md); without, it hashes the file itself. A mismatch drops the temp file and throws
   * TempFileChangedError. When the content is already stored, the temp file is dropped instead:
   * identical bytes are kept once, whatever extension they arrived under.
   *
   * Resolves only once the file's bytes and its directory entry are durable, so a catalog row
   * written after it never points at a file a power cut could take away. Without `synced`, the
   * store fsyncs the temp file itself.
   */
  async commit(tempPath: string, sha256: string, ext: string, synced?: SyncedTemp): Promise<StoredFile> {
    const resolvedTemp = path.resolve(tempPath)
    if (path.dirname(resolvedTemp) !== this.tempDir) throw new PathEscapeError(tempPath)
    const relPath = this.relPathFor(sha256, ext)
    const shardDir = path.join(this.shared.root, sha256.slice(0, 2))
    const size = synced
      ? await checkLength(resolvedTemp, synced.size)
      : await syncAndCheckDigest(resolvedTemp, sha256)

    const existing = await this.shared.shards.findTwin(shardDir, sha256, ext, size)
    if (existing) {
      await rm(resolvedTemp, { force: true })
      // The twin may have been renamed in by a commit still waiting for its fsync: wait for one too.
      await this.shared.barrier.sync(shardDir)
      const twin = { shard: sha256.slice(0, 2), name: existing }
      return { relPath: toCatalogPath(twin), absPath: path.join(shardDir, existing), size }
    }
    const absPath = pathUnder(this.shared.root, relPath) as string
    // Renaming over a same-named file happens only when that file has the wrong size (corrupt), so
    // the fresh, hashed bytes replace it.
    await this.renameIntoShard(resolvedTemp, absPath, shardDir)
    this.shared.shards.added(shardDir, path.basename(absPath))
    await this.shared.barrier.sync(shardDir)
    return { relPath, absPath, size }
  }

  private async renameIntoShard(from: string, to: string, shardDir: string): Promise<void> {
    await this.shared.shards.ensure(shardDir)
    try {
      await rename(from, to)
    } catch (error) {
      // The shard was removed behind our back (a manual clean-up): make it again, once.
      if (!isErrno(error, 'ENOENT') || !(await exists(from))) throw error
      await this.shared.shards.ensure(shardDir, true)
      await rename(from, to)
    }
  }

  /**
   * The real path of a stored file from its catalog path, refusing (PathEscapeError) anything that
   * leaves the store's shards: `..`, absolute paths, the temp folder, symlinks leading out.
   * Rejects with ENOENT when it is missing.
   */
  absPath(relPath: string): Promise<string> {
    return containedFile(this.shared.root, relPath)
  }

  /** Where a catalog path points, without touching the disk; null when it is not a store path. */
  pathOf(relPath: string): string | null {
    return pathUnder(this.shared.root, relPath)
  }

  /** Re-hashes a stored file (constant memory whatever its size); `size` is compared first. */
  verify(relPath: string, sha256: string, size?: number): Promise<VerifyResult> {
    return verifyStored(this.shared.root, relPath, sha256, size)
  }

  /** Moves a damaged stored file to `files/.quarantine/`; resolves with where it went, or null. */
  quarantine(relPath: string): Promise<string | null> {
    return quarantineStored(this.shared.root, relPath)
  }

  /**
   * Deletes a stored file the catalog no longer names (an account removed with its archive); true
   * when it was there. Only
   * a regular file at a store path is deleted (a path outside the store throws PathEscapeError; a
   * symlink or folder planted in a shard is left alone); one already gone is fine. The
   * caller must hold the sync locks of every account: a sync could otherwise be committing the
   * same bytes, take this file as their twin and lose it (see accounts/remove-account.ts).
   */
  async remove(relPath: string): Promise<boolean> {
    const absPath = pathUnder(this.shared.root, relPath)
    if (absPath === null) throw new PathEscapeError(relPath)
    try {
      if (!(await lstat(absPath)).isFile()) return false
      await rm(absPath)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false
      throw error
    }
    await this.shared.barrier.sync(path.dirname(absPath))
    return true
  }

  /** The catalog path of every stored file (whatever the catalog says), shard by shard. */
  listStored(): AsyncGenerator<string> {
    return listStored(this.shared.root)
  }
}

/** The temp file's length as the writer counted it, or TempFileChangedError (and the file dropped). */
async function checkLength(file: string, expected: number): Promise<number> {
  const info = await lstat(file)
  if (info.isFile() && info.size === expected) return expected
  await rm(file, { force: true })
  throw new TempFileChangedError(file, info.isFile() ? `${info.size} bytes, not ${expected}` : 'not a file')
}

/** Fsyncs a temp file written by someone else (an earlier process) and checks its digest. */
async function syncAndCheckDigest(file: string, sha256: string): Promise<number> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  const actual = await sha256OfFile(file)
  if (actual.sha256 === sha256) return actual.size
  await rm(file, { force: true })
  throw new TempFileChangedError(file, 'its sha256 differs from the one given')
}
