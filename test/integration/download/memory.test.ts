// Memory stays flat however big the file: bytes go socket -> hash -> disk in chunks. Garbage is
// collected before each sample so the figure is live memory, not chunks awaiting GC; the bound is
// far below the file size, so any buffering of the body cannot pass.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fetchToFile } from '../../../src/main/download/fetch-to-file'
import { FileStore } from '../../../src/main/store/file-store'
import { generated, startCdnServer, type CdnServer } from './cdn-server'

const size = 50 * 1024 * 1024
let cdn: CdnServer
let dataDir: string

beforeAll(async () => {
  cdn = await startCdnServer()
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'chatkeep-mem-'))
})
afterAll(async () => {
  await cdn.close()
  await rm(dataDir, { recursive: true, force: true })
})

v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

function heldBytes(): number {
  collectGarbage()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

it('downloads 50 MB with bounded memory', async () => {
  const { route, sha256 } = generated(size)
  cdn.route('/big.mp4', route)
  const store = await FileStore.open(dataDir)
  const before = heldBytes()
  let peak = before
  let sinceSample = 0
  const result = await fetchToFile(
    { url: cdn.url('/big.mp4'), headers: {}, expiresAt: null },
    {
      store,
      key: 'big',
      onProgress: (n) => {
        sinceSample += n
        if (sinceSample >= 4 * 1024 * 1024) {
          sinceSample = 0
          peak = Math.max(peak, heldBytes())
        }
      },
    },
  )
  expect(result.size).toBe(size)
  expect(result.sha256).toBe(sha256)
  const grewBy = peak - before
  console.info(`50 MB download: held memory grew by ${(grewBy / 1024 / 1024).toFixed(1)} MB at peak`)
  expect(grewBy).toBeLessThan(16 * 1024 * 1024)
})
