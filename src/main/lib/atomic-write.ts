// Replacing a file so that readers (and a crash) see the old bytes or the new ones, never half:
// write a temp file beside it, then rename it over. `durable` adds the two fsyncs that make the
// new bytes survive a power cut (the file before the rename, the folder after it); settings and
// API keys want them, files an export regenerates on its next run do not.
import { randomBytes } from 'node:crypto'
import { open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isErrno } from './errno'

export interface AtomicWriteOptions {
  /** Permission bits of a newly created file (e.g. 0o600 for key files). */
  readonly mode?: number
  /** fsync the file before the rename and its folder after it. Default true. */
  readonly durable?: boolean
}

/** A fresh, hidden name in the same folder as `path`, so the rename never crosses volumes. */
export function tempNameBeside(path: string): string {
  return join(dirname(path), `.chatkeep-${randomBytes(6).toString('hex')}.tmp`)
}

/**
 * Makes a rename or create inside `dir` durable. Windows cannot open a folder for fsync; NTFS
 * journals the rename itself, so there it is skipped.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (error) {
    if (!(process.platform === 'win32' && isErrno(error, 'EISDIR', 'EPERM', 'EACCES'))) throw error
  } finally {
    await handle?.close()
  }
}

/**
 * Opens a fresh temp file beside `path`. 'wx' fails on anything already at the name, a dangling
 * symlink included, so the temp file is always one we created.
 */
export async function openTempBeside(
  path: string,
  mode?: number,
): Promise<{ readonly temp: string; readonly handle: FileHandle }> {
  const temp = tempNameBeside(path)
  return { temp, handle: await open(temp, 'wx', mode) }
}

/**
 * Renames a finished temp file over `path` (a symlink at `path` is replaced, not followed). On
 * failure the temp file is removed. With `durable`, the caller fsynced the temp file already.
 */
export async function replaceWithTemp(temp: string, path: string, durable: boolean): Promise<void> {
  try {
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  if (durable) await syncDirectory(dirname(path))
}

/** Writes `data` to `path` atomically (see the top of this file). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const durable = options.durable ?? true
  const { temp, handle } = await openTempBeside(path, options.mode)
  try {
    await handle.writeFile(data)
    if (durable) await handle.sync()
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await handle.close()
  await replaceWithTemp(temp, path, durable)
}
