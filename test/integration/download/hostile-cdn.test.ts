// Hostile CDN answers at the level of one download (issue 17): malformed framing in the head's
// packet, bodies longer than announced or endless, and trickles.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RetryableDownloadError } from '../../../src/main/download/errors'
import { fetchToFile } from '../../../src/main/download/fetch-to-file'
import { FileStore } from '../../../src/main/store/file-store'
import { startRawServer, testBytes, type RawServer } from './cdn-server'

let dataDir: string
let store: FileStore
const servers: RawServer[] = []

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'chatkeep-hostile-'))
  store = await FileStore.open(dataDir)
})
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function raw(reply: Buffer): Promise<string> {
  const server = await startRawServer(() => reply)
  servers.push(server)
  return `${server.origin}/file.jpg`
}

async function committed(): Promise<string[]> {
  return (await readdir(store.root)).filter((name) => name !== '.tmp')
}

const body = testBytes(3000, 3)
const head = (fields: string): Buffer =>
  Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: image/jpeg\r\n${fields}\r\n\r\n`)

describe('a malformed response in the same packet as its head', () => {
  it.each([
    [
      'bytes after Content-Length',
      Buffer.concat([head(`content-length: ${body.length}`), body, Buffer.from('GARBAGE\r\n\r\n')]),
    ],
    [
      'a chunk size that is not hex',
      Buffer.concat([
        head('transfer-encoding: chunked'),
        Buffer.from('10\r\n'),
        body.subarray(0, 16),
        Buffer.from('\r\nzz\r\n'),
      ]),
    ],
    [
      'a head cut off by garbage',
      Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\u0000\u0001\r\n\r\nhello'),
    ],
  ])('%s: a retryable one-line error naming the host, no crash, nothing committed', async (_name, reply) => {
    const url = await raw(reply)
    const error = await fetchToFile({ url, headers: {}, expiresAt: null }, { store, key: 'k' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RetryableDownloadError)
    const message = (error as Error).message
    expect(message).toContain(new URL(url).host)
    expect(message).toMatch(/malformed HTTP response \(HPE_[A-Z_]+\)/)
    expect(message).not.toContain('\n')
    expect(await committed()).toEqual([])
  })
})
