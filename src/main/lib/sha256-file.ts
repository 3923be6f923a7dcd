// sha256 of a file, streamed in constant memory whatever its size: the store's commit check,
// `verify`, and export's "is this already the same file" all hash files the same way.
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'

// 1 MiB reads: hashing a video in 64 KiB chunks (the stream default) spent more time in the
// thread pool's round trips than in sha256 itself.
const chunkBytes = 1 << 20

export interface FileDigest {
  readonly sha256: string
  /** Bytes hashed. */
  readonly size: number
}

/** Feeds the file (or its first `length` bytes) into `hash`; resolves with the bytes read. */
export async function hashFileInto(hash: Hash, file: string, length?: number): Promise<number> {
  if (length === 0) return 0
  const stream = createReadStream(file, {
    highWaterMark: chunkBytes,
    ...(length !== undefined && { start: 0, end: length - 1 }),
  })
  let size = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk)
    size += chunk.length
  }
  return size
}

export async function sha256OfFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256')
  const size = await hashFileInto(hash, file)
  return { sha256: hash.digest('hex'), size }
}
