import { existsSync } from 'node:fs'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import {
  DownloadCancelled,
  PermanentDownloadError,
  RetryableDownloadError,
  UrlExpired,
} from '../../../src/main/download/errors'
import { fetchToFile } from '../../../src/main/download/fetch-to-file'
import { openTempFile } from '../../../src/main/download/temp-file'
import { decideRetry, defaultRetryPolicy } from '../../../src/main/download/retry-policy'
import type { DownloadRequest } from '../../../src/main/providers/types'
import type { FileStore } from '../../../src/main/store/file-store'
import {
  redirect,
  resetMidBody,
  serveBytes,
  sha256,
  status,
  testBytes,
  truncated,
  type CdnServer,
} from './cdn-server'
import { downloadWorldEachTest } from './download-world'

let cdn: CdnServer
let otherCdn: CdnServer
let store: FileStore

function req(
  url: string,
  headers: Record<string, string> = {},
  expiresAt: number | null = null,
): DownloadRequest {
  return { url, headers, expiresAt }
}

/** The sidecar a failed attempt leaves beside its partial file (what makes a resume trusted). */
async function leftBySidecar(temp: string, total: number, etag: string | null = null): Promise<void> {
  await writeFile(`${temp}.json`, JSON.stringify({ etag, lastModified: null, total }))
}

async function committedFiles(): Promise<string[]> {
  const out: string[] = []
  for await (const relPath of store.listStored()) out.push(relPath)
  return out
}

downloadWorldEachTest('chatkeep-dl-', 2, (world) => {
  store = world.store
  cdn = world.host(0)
  otherCdn = world.host(1)
})

describe('fetchToFile', () => {
  it('stores the exact bytes under their sha256 with an extension from the Content-Type', async () => {
    const body = testBytes(300_000)
    cdn.route('/a.bin', serveBytes(body, { contentType: 'image/jpeg' }))
    let progressed = 0
    const result = await fetchToFile(req(cdn.url('/a.bin')), {
      store,
      key: 'job-1',
      onProgress: (n) => (progressed += n),
    })
    expect(result.sha256).toBe(sha256(body))
    expect(result.size).toBe(body.length)
    expect(result.mime).toBe('image/jpeg')
    expect(result.relPath).toBe(`files/${result.sha256.slice(0, 2)}/${result.sha256}.jpg`)
    expect(result.resumed).toBe(false)
    expect(progressed).toBe(body.length)
    expect((await readFile(result.absPath)).equals(body)).toBe(true)
    expect(await readdir(store.tempDir)).toEqual([])
  })

  it('falls back to the URL extension when the CDN says octet-stream', async () => {
    cdn.route('/clip.MP4', serveBytes(testBytes(1000, 3)))
    const result = await fetchToFile(req(cdn.url('/clip.MP4') + '?Policy=x&Signature=y'), { store, key: 'k' })
    expect(result.relPath.endsWith('.mp4')).toBe(true)
    expect(result.mime).toBe('video/mp4')
  })

  it('resumes a partial temp file with Range and hashes the whole file', async () => {
    const body = testBytes(200_000, 5)
    cdn.route('/resume', serveBytes(body, { contentType: 'video/mp4' }))
    const temp = store.tempPathFor('job-resume')
    await writeFile(temp, body.subarray(0, 123_456))
    await leftBySidecar(temp, body.length)
    let progressed = 0
    const result = await fetchToFile(req(cdn.url('/resume')), {
      store,
      key: 'job-resume',
      onProgress: (n) => (progressed += n),
    })
    expect(cdn.requests.map((r) => r.headers.range)).toEqual(['bytes=123456-'])
    expect(result.resumed).toBe(true)
    expect(result.sha256).toBe(sha256(body))
    expect(progressed).toBe(body.length - 123_456)
    expect((await readFile(result.absPath)).equals(body)).toBe(true)
  })

  it('fetches a small body again when its partial file has no sidecar (cut off by a crash)', async () => {
    const body = testBytes(60_000, 41)
    cdn.route('/crashed.jpg', serveBytes(body, { contentType: 'image/jpeg' }))
    // Bytes of another version of the file: resuming after them would splice the two.
    await writeFile(store.tempPathFor('job-crashed'), Buffer.alloc(20_000, 0xab))
    const result = await fetchToFile(req(cdn.url('/crashed.jpg')), { store, key: 'job-crashed' })
    expect(cdn.requests.map((r) => r.headers.range)).toEqual([undefined])
    expect(result.resumed).toBe(false)
    expect(result.sha256).toBe(sha256(body))
    expect((await readFile(result.absPath)).equals(body)).toBe(true)
  })

  it('starts over when the server ignores Range and answers 200', async () => {
    const body = testBytes(50_000, 6)
    cdn.route('/norange', serveBytes(body, { honourRange: false }))
    const temp = store.tempPathFor('job-norange')
    // Garbage in the partial file proves it is discarded, not appended to.
    await writeFile(temp, Buffer.alloc(10_000, 0xee))
    await leftBySidecar(temp, body.length)
    const result = await fetchToFile(req(cdn.url('/norange')), { store, key: 'job-norange' })
    expect(cdn.requests[0]?.headers.range).toBe('bytes=10000-')
    expect(result.resumed).toBe(false)
    expect(result.sha256).toBe(sha256(body))
  })

  it('restarts when the partial file no longer matches the ETag the server now has', async () => {
    const body = testBytes(40_000, 8)
    cdn.route('/etag', serveBytes(body, { etag: '"v2"' }))
    const temp = store.tempPathFor('job-etag')
    await writeFile(temp, Buffer.alloc(1000, 1))
    await writeFile(`${temp}.json`, JSON.stringify({ etag: '"v1"', lastModified: null, total: 40_000 }))
    const result = await fetchToFile(req(cdn.url('/etag')), { store, key: 'job-etag' })
    expect(cdn.requests[0]?.headers['if-range']).toBe('"v1"')
    expect(result.resumed).toBe(false)
    expect(result.sha256).toBe(sha256(body))
  })

  it('commits a temp file that was already complete when the server answers 416', async () => {
    const body = testBytes(5000, 9)
    cdn.route('/done', serveBytes(body, { contentType: 'image/png' }))
    await writeFile(store.tempPathFor('job-done'), body)
    await leftBySidecar(store.tempPathFor('job-done'), body.length)
    const result = await fetchToFile(req(cdn.url('/done')), { store, key: 'job-done' })
    expect(result.sha256).toBe(sha256(body))
    expect(result.resumed).toBe(true)
  })

  it('treats a body shorter than Content-Length as retryable and keeps the part for a resume', async () => {
    const body = testBytes(100_000, 10)
    cdn.route('/short', truncated(body, 40_000))
    const error = await fetchToFile(req(cdn.url('/short')), { store, key: 'job-short' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect(await committedFiles()).toEqual([])
    const partial = await stat(store.tempPathFor('job-short'))
    expect(partial.size).toBeGreaterThan(0)
    expect(partial.size).toBeLessThan(body.length)

    // The next attempt resumes where the cut happened.
    cdn.route('/short', serveBytes(body, { contentType: 'image/jpeg' }))
    const result = await fetchToFile(req(cdn.url('/short')), { store, key: 'job-short' })
    expect(cdn.requests.at(-1)?.headers.range).toBe(`bytes=${partial.size}-`)
    expect(result.sha256).toBe(sha256(body))
  })

  it('reports a connection reset mid-body as retryable, with nothing committed', async () => {
    const body = testBytes(100_000, 11)
    cdn.route('/reset', resetMidBody(body, 30_000))
    const error = await fetchToFile(req(cdn.url('/reset')), { store, key: 'job-reset' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect(await committedFiles()).toEqual([])
  })

  it('uses the provider size to catch a short body when the server sends no length', async () => {
    const body = testBytes(20_000, 12)
    cdn.route('/chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4' })
      res.end(body.subarray(0, 15_000))
    })
    const error = await fetchToFile(req(cdn.url('/chunked')), {
      store,
      key: 'k',
      expectedSize: 20_000,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect(await committedFiles()).toEqual([])
  })

  it('maps 403 to UrlExpired and 404 to a permanent error, without leaking headers', async () => {
    cdn.route('/expired', status(403))
    cdn.route('/gone', status(404))
    const headers = { apiKey: 'sk_secret_123' }
    const expired = await fetchToFile(req(cdn.url('/expired?Signature=sig_secret'), headers), {
      store,
      key: 'a',
    }).catch((e: unknown) => e)
    expect(expired).toBeInstanceOf(UrlExpired)
    const missing = await fetchToFile(req(cdn.url('/gone'), headers), { store, key: 'b' }).catch(
      (e: unknown) => e,
    )
    expect(missing).toBeInstanceOf(PermanentDownloadError)
    for (const error of [expired, missing] as Error[]) {
      expect(error.message).not.toContain('sk_secret')
      expect(error.message).not.toContain('sig_secret')
      expect(error.message).not.toContain('\n')
    }
  })

  it('refuses a URL whose expiry has passed without making a request', async () => {
    cdn.route('/late', serveBytes(testBytes(10)))
    const error = await fetchToFile(req(cdn.url('/late'), {}, 1_000), {
      store,
      key: 'c',
      now: () => 2_000,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UrlExpired)
    expect(cdn.requests).toEqual([])
  })

  it('turns 429 with Retry-After into a retry the policy waits out', async () => {
    cdn.route('/busy', status(429, { 'retry-after': '7' }))
    const error = await fetchToFile(req(cdn.url('/busy')), { store, key: 'd' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect((error as RetryableDownloadError).retryAfterMs).toBe(7000)
    const decision = decideRetry(error, 1, defaultRetryPolicy, () => 0)
    expect(decision).toEqual({ action: 'retry', delayMs: 7000 })
  })

  it('maps 5xx to retryable', async () => {
    cdn.route('/broken', status(502))
    const error = await fetchToFile(req(cdn.url('/broken')), { store, key: 'e' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect((error as RetryableDownloadError).status).toBe(502)
  })

  it('follows a redirect to another host without forwarding credentials, keeping Range', async () => {
    const body = testBytes(30_000, 13)
    otherCdn.route('/files/x.jpg', serveBytes(body))
    cdn.route('/api/download', redirect(otherCdn.url('/files/x.jpg?Policy=p')))
    await writeFile(store.tempPathFor('job-redirect'), body.subarray(0, 1000))
    await leftBySidecar(store.tempPathFor('job-redirect'), body.length)
    const result = await fetchToFile(
      req(cdn.url('/api/download'), {
        Authorization: 'Bearer sk_live',
        apiKey: 'key_2',
        'X-API-Key': 'key_3',
        'x-connection-id': 'conn_1',
        'User-Agent': 'chatkeep-test',
      }),
      { store, key: 'job-redirect' },
    )
    expect(result.sha256).toBe(sha256(body))
    expect(result.relPath.endsWith('.jpg')).toBe(true)
    const first = cdn.requests[0]?.headers
    expect(first?.authorization).toBe('Bearer sk_live')
    const hop = otherCdn.requests[0]?.headers
    expect(hop?.authorization).toBeUndefined()
    expect(hop?.apikey).toBeUndefined()
    expect(hop?.['x-api-key']).toBeUndefined()
    expect(hop?.['x-connection-id']).toBeUndefined()
    expect(hop?.['user-agent']).toBe('chatkeep-test')
    expect(hop?.range).toBe('bytes=1000-')
  })

  it('stores identical bytes once, whichever URL and job they came from', async () => {
    const body = testBytes(8000, 14)
    cdn.route('/one.jpg', serveBytes(body, { contentType: 'image/jpeg' }))
    otherCdn.route('/two', serveBytes(body, { contentType: 'image/jpeg' }))
    const a = await fetchToFile(req(cdn.url('/one.jpg')), { store, key: 'job-a' })
    const b = await fetchToFile(req(otherCdn.url('/two')), { store, key: 'job-b' })
    expect(b.relPath).toBe(a.relPath)
    expect(await committedFiles()).toEqual([a.relPath])
    expect(await readdir(store.tempDir)).toEqual([])
  })

  it('stops on abort with DownloadCancelled and keeps the partial file', async () => {
    const body = testBytes(64 * 1024, 15)
    cdn.route('/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(body.length * 4) })
      res.write(body)
      // ...and never finishes: only the abort can end this download.
    })
    const controller = new AbortController()
    const error = await fetchToFile(req(cdn.url('/slow')), {
      store,
      key: 'job-abort',
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DownloadCancelled)
    expect((await stat(store.tempPathFor('job-abort'))).size).toBeGreaterThan(0)
    expect(await committedFiles()).toEqual([])
  })

  it('gives up on a body that stalls, as a retryable timeout', async () => {
    cdn.route('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '1000' })
      res.write(Buffer.alloc(10))
    })
    const error = await fetchToFile(req(cdn.url('/stall')), {
      store,
      key: 'job-stall',
      timeouts: { connect: 5000, response: 5000, socket: 200 },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect((error as Error).message).toMatch(/timed out/)
  })

  it('refuses URLs that are not http(s) and retries a refused connection', async () => {
    const local = await fetchToFile(req('file:///etc/passwd'), { store, key: 'f' }).catch((e: unknown) => e)
    expect(local).toBeInstanceOf(PermanentDownloadError)
    const refused = await fetchToFile(req('http://127.0.0.1:1/x.jpg'), { store, key: 'g' }).catch(
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(RetryableDownloadError)
    expect((refused as Error).message).toContain('ECONNREFUSED')
  })

  it('survives a reset that lands while a resumed prefix is being re-hashed', async () => {
    const body = testBytes(2_000_000, 16)
    cdn.route('/reset-early', (req, res) => {
      const start = Number(/bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] ?? 0)
      res.writeHead(206, {
        'content-type': 'video/mp4',
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'content-length': String(body.length - start),
      })
      res.flushHeaders()
      res.socket?.resetAndDestroy()
    })
    await writeFile(store.tempPathFor('job-early'), body.subarray(0, 1_500_000))
    const error = await fetchToFile(req(cdn.url('/reset-early')), { store, key: 'job-early' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect((await stat(store.tempPathFor('job-early'))).size).toBe(1_500_000)
  })

  it('writes no resume sidecar up front for a small body, and still checks its length and hash', async () => {
    const body = testBytes(10_240, 30)
    cdn.route('/small.mp3', serveBytes(body, { contentType: 'audio/mpeg', etag: '"s1"' }))
    const sidecarAtOpen: boolean[] = []
    const result = await fetchToFile(req(cdn.url('/small.mp3')), {
      store,
      key: 'job-small',
      openTempFile: async (file, mode) => {
        sidecarAtOpen.push(existsSync(`${file}.json`))
        return openTempFile(file, mode)
      },
    })
    expect(sidecarAtOpen).toEqual([false])
    expect(result.size).toBe(body.length)
    expect(result.sha256).toBe(sha256(body))
    expect((await readFile(result.absPath)).equals(body)).toBe(true)
    expect(await readdir(store.tempDir)).toEqual([])
  })

  it('writes the sidecar before the first byte of a large body, and removes it once stored', async () => {
    const body = testBytes(2_000_000, 31)
    cdn.route('/large.mp4', serveBytes(body, { contentType: 'video/mp4', etag: '"l1"' }))
    const sidecarAtOpen: boolean[] = []
    const result = await fetchToFile(req(cdn.url('/large.mp4')), {
      store,
      key: 'job-large',
      openTempFile: async (file, mode) => {
        sidecarAtOpen.push(existsSync(`${file}.json`))
        return openTempFile(file, mode)
      },
    })
    expect(sidecarAtOpen).toEqual([true])
    expect(result.sha256).toBe(sha256(body))
    expect(await readdir(store.tempDir)).toEqual([])
  })

  it('treats a truncated small body as an error and keeps its prefix and a sidecar for the resume', async () => {
    const body = testBytes(10_240, 32)
    cdn.route('/cut.jpg', truncated(body, 4000))
    const error = await fetchToFile(req(cdn.url('/cut.jpg')), { store, key: 'job-cut' }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RetryableDownloadError)
    expect(await committedFiles()).toEqual([])
    const temp = store.tempPathFor('job-cut')
    const partial = (await stat(temp)).size
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(body.length)
    expect(JSON.parse(await readFile(`${temp}.json`, 'utf8'))).toMatchObject({ total: body.length })

    cdn.route('/cut.jpg', serveBytes(body, { contentType: 'image/jpeg' }))
    const result = await fetchToFile(req(cdn.url('/cut.jpg')), { store, key: 'job-cut' })
    expect(cdn.requests.at(-1)?.headers.range).toBe(`bytes=${partial}-`)
    expect(result.sha256).toBe(sha256(body))
    expect(await readdir(store.tempDir)).toEqual([])
  })
})
