// The content-addressed file store (design §6): `files/ab/<sha256>.<ext>` under the data dir, with
// temp files in `files/.tmp/` on the same volume so that committing is one atomic rename.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { isAllowedExtension } from './extension'

export interface StoredFile {
  /** Relative to the files root, always with `/`: what the catalog keeps (`ab/<sha256>.<ext>`). */
  readonly relPath: string
  readonly absPath: string
  readonly size: number
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

export class FileStore {
  /** Canonical (realpath) location of `files/`, so containment checks compare like with like. */
  readonly root: string
  readonly tempDir: string

  private constructor(root: string) {
    this.root = root
    this.tempDir = path.join(root, '.tmp')
  }

  /** Creates `files/` and `files/.tmp/` under the data dir when missing. */
  static async open(dataDir: string): Promise<FileStore> {
    const root = path.join(path.resolve(dataDir), 'files')
    await mkdir(path.join(root, '.tmp'), { recursive: true })
    return new FileStore(await realpath(root))
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
   */
  async commit(tempPath: string, sha256: string, ext: string): Promise<StoredFile> {
    const resolvedTemp = path.resolve(tempPath)
    if (path.dirname(resolvedTemp) !== this.tempDir) throw new PathEscapeError(tempPath)
    const relPath = this.relPathFor(sha256, ext)
    const shardDir = path.join(this.root, sha256.slice(0, 2))

    const handle = await open(resolvedTemp, 'r+')
    let size: number
    try {
      await handle.sync()
      size = (await handle.stat()).size
    } finally {
      await handle.close()
    }

    await mkdir(shardDir, { recursive: true })
    const existing = await this.findExisting(shardDir, sha256, ext, size)
    if (existing) {
      await rm(resolvedTemp, { force: true })
      return { relPath: `${sha256.slice(0, 2)}/${existing}`, absPath: path.join(shardDir, existing), size }
    }
    const absPath = path.join(this.root, ...relPath.split('/'))
    // Renaming over a same-named file happens only when that file has the wrong size (corrupt), so
    // the fresh, hashed bytes replace it.
    await rename(resolvedTemp, absPath)
    await fsyncDirectory(shardDir)
    return { relPath, absPath, size }
  }

  /**
   * A stored file with this digest and the same size. Same digest and size is taken as the same
   * bytes; re-hashing would cost a full read of every duplicate, and `verify` catches bit rot.
   */
  private async findExisting(
    shardDir: string,
    sha256: string,
    ext: string,
    size: number,
  ): Promise<string | null> {
    const preferred = `${sha256}.${ext}`
    const names = [
      preferred,
      ...(await readdir(shardDir)).filter((n) => n !== preferred && n.startsWith(`${sha256}.`)),
    ]
    for (const name of names) {
      try {
        const info = await stat(path.join(shardDir, name))
        if (info.isFile() && info.size === size) return name
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
      }
    }
    return null
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
