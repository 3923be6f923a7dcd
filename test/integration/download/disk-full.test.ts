// A full disk, two ways. Filling a real volume would need root (a tmpfs or loop mount) or would
// fill the CI machine, so: (1) the real write path aimed at /dev/full, where the kernel itself
// answers ENOSPC; (2) an injected file opener that writes real bytes to the real temp file and then
// fails exactly as Node's fs does (code ENOSPC), which lets us check the partial file is kept and
// resumed. `ulimit -f` was rejected: it raises SIGXFSZ/EFBIG, which is a different error.
import { existsSync } from 'node:fs'
import { readdir, stat, symlink } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DiskFullError } from '../../../src/main/download/errors'
import { fetchToFile } from '../../../src/main/download/fetch-to-file'
import { openTempFile, type OpenTempFile } from '../../../src/main/download/temp-file'
import type { FileStore } from '../../../src/main/store/file-store'
import { serveBytes, sha256, testBytes, type CdnServer } from './cdn-server'
import { downloadWorldEachTest } from './download-world'

let cdn: CdnServer
let store: FileStore

downloadWorldEachTest('chatkeep-full-', 1, (world) => {
  store = world.store
  cdn = world.host(0)
})

/** Real writes until `capacity` bytes are on disk, then ENOSPC as the kernel reports it. */
function diskWithRoomFor(capacity: number): OpenTempFile {
  return async (file, mode) => {
    const real = await openTempFile(file, mode)
    let used = mode === 'append' ? (await stat(file)).size : 0
    return {
      ...real,
      async write(chunks) {
        const chunk = Buffer.concat(chunks)
        const room = Math.max(0, capacity - used)
        if (room > 0) await real.write([chunk.subarray(0, Math.min(room, chunk.length))])
        used += Math.min(room, chunk.length)
        if (chunk.length > room) {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
            errno: -28,
            syscall: 'write',
          })
        }
      },
    }
  }
}

describe('a full disk', () => {
  it('stops with DiskFullError, keeps the partial temp file, and resumes once there is room', async () => {
    const body = testBytes(500_000, 21)
    cdn.route('/big.mp4', serveBytes(body, { contentType: 'video/mp4' }))
    const error = await fetchToFile(
      { url: cdn.url('/big.mp4'), headers: {}, expiresAt: null },
      { store, key: 'job-full', openTempFile: diskWithRoomFor(200_000) },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DiskFullError)
    expect((error as Error).message).toMatch(/free some space/)
    expect((await stat(store.tempPathFor('job-full'))).size).toBe(200_000)
    expect((await readdir(store.root)).filter((n) => n !== '.tmp')).toEqual([])

    const result = await fetchToFile(
      { url: cdn.url('/big.mp4'), headers: {}, expiresAt: null },
      { store, key: 'job-full' },
    )
    expect(cdn.requests.at(-1)?.headers.range).toBe('bytes=200000-')
    expect(result.resumed).toBe(true)
    expect(result.sha256).toBe(sha256(body))
  })

  it.skipIf(!existsSync('/dev/full'))('maps the kernel ENOSPC from /dev/full to DiskFullError', async () => {
    cdn.route('/x.jpg', serveBytes(testBytes(100_000, 22), { contentType: 'image/jpeg' }))
    // The temp file is a symlink to /dev/full: the real open/write path, the kernel's own error.
    await symlink('/dev/full', store.tempPathFor('job-devfull'))
    const error = await fetchToFile(
      { url: cdn.url('/x.jpg'), headers: {}, expiresAt: null },
      { store, key: 'job-devfull' },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DiskFullError)
    expect((error as Error).message).toContain('ENOSPC')
    expect((await readdir(store.root)).filter((n) => n !== '.tmp')).toEqual([])
  })
})
