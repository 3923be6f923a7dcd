// Hostile CDN answers at the level of one download (issue 17): malformed framing in the head's
// packet, bodies longer than announced or endless, and trickles.
import { readdir, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { DownloadTooSlow, PermanentDownloadError } from '../../../src/main/download/errors'
import { fetchToFile, type FetchToFileOptions } from '../../../src/main/download/fetch-to-file'
import { openTempFile, type OpenTempFile } from '../../../src/main/download/temp-file'
import type { FileStore } from '../../../src/main/store/file-store'
import { serveBytes, sha256, startRawServer, testBytes, type CdnServer, type RawServer } from './cdn-server'
import { downloadWorldEachTest } from './download-world'

let store: FileStore
let cdn: CdnServer
const servers: RawServer[] = []

downloadWorldEachTest('chatkeep-hostile-', 1, (world) => {
  store = world.store
  cdn = world.host(0)
})
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
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
  ])('%s: a one-line error naming the host, no crash, nothing committed', async (_name, reply) => {
    const url = await raw(reply)
    const error = await fetchToFile({ url, headers: {}, expiresAt: null }, { store, key: 'k' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PermanentDownloadError)
    const message = (error as Error).message
    expect(message).toContain(new URL(url).host)
    expect(message).toMatch(/malformed HTTP response \(HPE_[A-Z_]+\)/)
    expect(message).not.toContain('\n')
    expect(await committed()).toEqual([])
  })
})

const block = testBytes(64 * 1024, 4)

/** Writes `block` until `limit` bytes went out or the client hung up, honouring back-pressure. */
async function pour(res: ServerResponse, limit: number): Promise<void> {
  for (let sent = 0; sent < limit && !res.destroyed; sent += block.length) {
    if (!res.write(block)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve))
  }
  res.end()
}

interface Attempt {
  readonly error: unknown
  /** Bytes the downloader took from the network. */
  readonly received: number
  /** Whether a temp file was ever opened for writing. */
  readonly opened: boolean
}

async function attempt(path: string, options: Partial<FetchToFileOptions>): Promise<Attempt> {
  let received = 0
  let opened = false
  const open: OpenTempFile = (file, mode) => {
    opened = true
    return openTempFile(file, mode)
  }
  const error = await fetchToFile(
    { url: cdn.url(path), headers: {}, expiresAt: null },
    { store, key: path, onProgress: (n) => (received += n), openTempFile: open, ...options },
  ).then(
    () => null,
    (e: unknown) => e,
  )
  return { error, received, opened }
}

async function tempFiles(): Promise<string[]> {
  return readdir(store.tempDir)
}

describe('bodies longer than announced, or without end', () => {
  it('stops a chunked body soon after the size the provider gave, and keeps nothing', async () => {
    cdn.route('/endless.jpg', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      void pour(res, 64 * 1024 * 1024)
    })
    const result = await attempt('/endless.jpg', { expectedSize: 1000 })
    expect(result.error).toBeInstanceOf(PermanentDownloadError)
    expect((result.error as Error).message).toMatch(
      /sent more than the provider's size allows .*nothing kept/,
    )
    // 1,000 bytes plus the 64 KiB slack, and at most one network chunk past it.
    expect(result.received).toBeLessThanOrEqual(1000 + 64 * 1024)
    expect(await committed()).toEqual([])
    expect(await tempFiles()).toEqual([])
  })

  it('refuses a Content-Length far above the provider size before writing a byte', async () => {
    cdn.route('/liar.jpg', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(4 * 1024 ** 3) })
      void pour(res, 8 * 1024 * 1024)
    })
    const result = await attempt('/liar.jpg', { expectedSize: 1000 })
    expect(result.error).toBeInstanceOf(PermanentDownloadError)
    expect((result.error as Error).message).toMatch(/announces 4294967296 bytes, more than the provider/)
    expect(result.opened).toBe(false)
    expect(await tempFiles()).toEqual([])
  })

  it('caps a body nothing announced at the limit for its kind of file', async () => {
    cdn.route('/unknown.jpg', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      void pour(res, 16 * 1024 * 1024)
    })
    const result = await attempt('/unknown.jpg', { maxBytes: 1024 * 1024 })
    expect(result.error).toBeInstanceOf(PermanentDownloadError)
    expect((result.error as Error).message).toMatch(/a file of this kind may have \(1048576 bytes\)/)
    expect(result.received).toBeLessThanOrEqual(1024 * 1024)
    expect(await committed()).toEqual([])
    expect(await tempFiles()).toEqual([])
  })

  it('refuses a Content-Length above the cap for its kind of file', async () => {
    cdn.route('/huge.jpg', serveBytes(testBytes(300_000, 5), { contentType: 'image/jpeg' }))
    const result = await attempt('/huge.jpg', { maxBytes: 200_000 })
    expect(result.error).toBeInstanceOf(PermanentDownloadError)
    expect(result.opened).toBe(false)
  })

  it('accepts a file a little larger than the provider said (rounded sizes, other renditions)', async () => {
    const body = testBytes(210_000, 6)
    cdn.route('/close.jpg', serveBytes(body, { contentType: 'image/jpeg' }))
    const result = await fetchToFile(
      { url: cdn.url('/close.jpg'), headers: {}, expiresAt: null },
      { store, key: 'close', expectedSize: 200_000 },
    )
    expect(result.sha256).toBe(sha256(body))
  })
})

describe('a trickling CDN', () => {
  const fast = { minBytesPerSecond: 1000, windowMs: 300, deadlineBaseMs: 60_000, deadlineBytesPerSecond: 1e6 }

  /** Announces `total` bytes, sends `first` at once, then one byte every `everyMs`. */
  function trickle(
    total: number,
    first: number,
    everyMs: number,
  ): (req: unknown, res: ServerResponse) => void {
    const bytes = testBytes(total, 9)
    return (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(total) })
      res.write(bytes.subarray(0, first))
      let sent = first
      const timer = setInterval(() => {
        if (res.destroyed || sent >= total) return clearInterval(timer)
        res.write(bytes.subarray(sent, sent + 1))
        sent += 1
      }, everyMs)
      res.once('close', () => clearInterval(timer))
    }
  }

  it('gives up on a body below the minimum rate, keeping what arrived for a resume', async () => {
    cdn.route('/trickle.jpg', trickle(10_000, 2000, 50))
    const started = Date.now()
    const result = await attempt('/trickle.jpg', { pace: fast })
    expect(result.error).toBeInstanceOf(DownloadTooSlow)
    expect((result.error as Error).message).toMatch(
      /is too slow \(sent \d+ bytes in 0 s\): left for a later attempt/,
    )
    expect((result.error as DownloadTooSlow).retryAfterMs).toBe(DownloadTooSlow.retryAfterMs)
    expect(Date.now() - started).toBeLessThan(5000)
    // The part that arrived stays for the next attempt's Range request.
    expect((await stat(store.tempPathFor('/trickle.jpg'))).size).toBeGreaterThanOrEqual(2000)
    expect(await committed()).toEqual([])
  })

  it('gives up on a body that keeps the rate but misses its deadline', async () => {
    // 2,000 bytes at once and then ~20 B/s passes a 10 B/s floor, but not a 400 ms deadline.
    cdn.route('/slow.jpg', trickle(10_000, 2000, 50))
    const pace = { minBytesPerSecond: 10, windowMs: 60_000, deadlineBaseMs: 400, deadlineBytesPerSecond: 1e9 }
    const result = await attempt('/slow.jpg', { pace })
    expect(result.error).toBeInstanceOf(DownloadTooSlow)
    expect((result.error as Error).message).toMatch(/did not finish within its 0 s/)
  })
})
