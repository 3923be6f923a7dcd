// Writes a generated file (sidecar, transcript, manifest) under a temp name and renames it into
// place: readers never see half a file, and a symlink planted at the name is replaced, not followed.
import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'

const flushAt = 1 << 20

export async function writeAtomically(path: string, chunks: Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.chatkeep-${randomBytes(6).toString('hex')}.tmp`)
  // 'wx' fails on anything already at the temp name, a dangling symlink included.
  const handle = await open(temp, 'wx')
  try {
    let buffered: string[] = []
    let size = 0
    for (const chunk of chunks) {
      buffered.push(chunk)
      size += chunk.length
      if (size >= flushAt) {
        await handle.writeFile(buffered.join(''))
        buffered = []
        size = 0
      }
    }
    if (buffered.length) await handle.writeFile(buffered.join(''))
    await handle.sync()
    await handle.close()
    await rename(temp, path)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw error
  }
}
