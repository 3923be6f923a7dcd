// The temp file a download writes to, and its sidecar. Writes go through `OpenTempFile` so a test
// can stand in a file system that fills up at a chosen byte.
import type { Hash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { open, readFile, rm, writeFile } from 'node:fs/promises'

export interface TempFileSink {
  /**
   * Resolves once every byte of `chunks`, in order, is handed to the OS. Taking a list lets one
   * gathered write (writev) carry a whole batch without copying it into a new buffer first.
   */
  write(chunks: readonly Uint8Array[]): Promise<void>
  sync(): Promise<void>
  close(): Promise<void>
}

export type OpenTempFile = (file: string, mode: 'append' | 'truncate') => Promise<TempFileSink>

export const openTempFile: OpenTempFile = async (file, mode) => {
  const handle = await open(file, mode === 'append' ? 'a' : 'w')
  return {
    async write(chunks) {
      let rest = chunks.filter((c) => c.length > 0)
      while (rest.length > 0) {
        const { bytesWritten } = await handle.writev(rest)
        rest = afterBytes(rest, bytesWritten)
      }
    },
    sync: () => handle.sync(),
    close: () => handle.close(),
  }
}

/** What is left of `chunks` once the first `bytes` of them were written (a short write). */
export function afterBytes(chunks: readonly Uint8Array[], bytes: number): Uint8Array[] {
  const rest: Uint8Array[] = []
  let skip = bytes
  for (const chunk of chunks) {
    if (skip >= chunk.length) {
      skip -= chunk.length
      continue
    }
    rest.push(skip > 0 ? chunk.subarray(skip) : chunk)
    skip = 0
  }
  return rest
}

/** What we learnt from the server that started a temp file, so a resume asks for the same bytes. */
export interface TempFileMeta {
  readonly etag: string | null
  readonly lastModified: string | null
  readonly total: number | null
}

/**
 * Bodies below this size get no sidecar up front: writing it cost an open, a write and a close per
 * file, and re-fetching a sub-MiB body is cheaper than that bookkeeping. A failed download still
 * writes it (best effort) before giving up, so a retry can resume with If-Range.
 */
export const metaThresholdBytes = 1024 * 1024

/** Whether a body of `total` bytes (null: unknown) should have its sidecar before the first byte. */
export function wantsMetaUpFront(total: number | null): boolean {
  return total === null || total >= metaThresholdBytes
}

export function metaPathFor(tempPath: string): string {
  return `${tempPath}.json`
}

export async function readMeta(tempPath: string): Promise<TempFileMeta | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(metaPathFor(tempPath), 'utf8'))
    if (typeof parsed !== 'object' || parsed === null) return null
    const record = parsed as Record<string, unknown>
    return {
      etag: typeof record.etag === 'string' ? record.etag : null,
      lastModified: typeof record.lastModified === 'string' ? record.lastModified : null,
      total: typeof record.total === 'number' ? record.total : null,
    }
  } catch {
    // Missing or damaged sidecar: resume without a validator rather than fail.
    return null
  }
}

export async function writeMeta(tempPath: string, meta: TempFileMeta): Promise<void> {
  await writeFile(metaPathFor(tempPath), JSON.stringify(meta))
}

export async function removeTemp(tempPath: string): Promise<void> {
  await rm(tempPath, { force: true })
  await removeMeta(tempPath)
}

export async function removeMeta(tempPath: string): Promise<void> {
  await rm(metaPathFor(tempPath), { force: true })
}

/**
 * The length of a temp file, 0 when there is none. Almost every download starts with no temp
 * file; a synchronous stat that returns undefined for it is one cheap syscall on a local folder,
 * where the async form cost a thread-pool trip and a thrown ENOENT per file.
 */
export async function sizeOf(file: string): Promise<number> {
  const info = statSync(file, { throwIfNoEntry: false })
  return info?.isFile() ? info.size : 0
}

/** Feeds the first `length` bytes of a file into `hash`, streaming, so a resume hashes what is already there. */
export async function hashPrefix(hash: Hash, file: string, length: number): Promise<void> {
  if (length === 0) return
  for await (const chunk of createReadStream(file, { start: 0, end: length - 1 })) {
    hash.update(chunk as Buffer)
  }
}
