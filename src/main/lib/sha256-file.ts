// sha256 of a file, read in constant memory whatever its size: the store's commit check,
// `verify`, and export's "is this already the same file" all hash files the same way.
import { createHash, type Hash } from 'node:crypto'
import { open } from 'node:fs/promises'

// Reads of up to 1 MiB: hashing a video in 64 KiB chunks spent more time in thread-pool round
// trips than in sha256. The buffer is sized to the file, so a 10 KB photo does not allocate 1 MiB
// (a read stream with a 1 MiB high-water mark did, costing about 1 ms of CPU per small file).
const chunkBytes = 1 << 20

export interface FileDigest {
  readonly sha256: string
  /** Bytes hashed. */
  readonly size: number
}

/** Feeds the file (or its first `length` bytes) into `hash`; resolves with the bytes read. */
export async function hashFileInto(hash: Hash, file: string, length?: number): Promise<number> {
  if (length === 0) return 0
  const handle = await open(file, 'r')
  try {
    const limit = length ?? (await handle.stat()).size
    // One byte more than the size we were told, so a file that grew since is still read whole.
    const buffer = Buffer.allocUnsafe(
      Math.max(1, Math.min(chunkBytes, limit + (length === undefined ? 1 : 0))),
    )
    let size = 0
    for (;;) {
      const want = length === undefined ? buffer.length : Math.min(buffer.length, length - size)
      if (want <= 0) break
      const { bytesRead } = await handle.read(buffer, 0, want, size)
      hash.update(buffer.subarray(0, bytesRead))
      size += bytesRead
      // A read of a regular file comes back short only at its end: no extra read to learn that.
      if (bytesRead < want) break
    }
    return size
  } finally {
    await handle.close()
  }
}

export async function sha256OfFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256')
  const size = await hashFileInto(hash, file)
  return { sha256: hash.digest('hex'), size }
}
