// The fake providers themselves: CDN semantics (signatures, expiry, Range, HEAD), real file bytes,
// determinism, fault injection, and streaming a 2 GB file without holding it.
import { createHash } from 'node:crypto'
import { inflateSync } from 'node:zlib'
import got from 'got'
import { normalizeOnlyFansMedia } from '../../../src/main/providers/onlyfans-media'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { byteChunks } from '../../fake-providers/bytes'
import { createDataset } from '../../fake-providers/dataset'
import { crc32 } from '../../fake-providers/png'
import { type FakeProviders, startFakeProviders } from '../../fake-providers/server'

let fake: FakeProviders
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 3, chats: 3, messagesPerChat: 10 })
})
afterAll(() => fake.close())
beforeEach(() => fake.resetFaults())

const fm = (path: string): Promise<{ statusCode: number; body: string }> =>
  got(`${fake.url}${path}`, {
    headers: { 'x-api-key': fake.keys.fansmetric },
    throwHttpErrors: false,
    retry: { limit: 0 },
  })

/** The original's URL of a media item of the given type, whichever OnlyFans generation it is in. */
async function someFullUrl(type = 'photo'): Promise<{ id: string; url: string }> {
  const account = fake.dataset.accounts.find((a) => a.provider === 'fansmetric')!
  for (const chat of account.chats) {
    const res = await fm(`/v1/${account.id}/chats/${chat.id}/media?limit=50`)
    const list = (JSON.parse(res.body) as { data: { list: { media: unknown[] }[] } }).data.list
    for (const raw of list.flatMap((m) => m.media)) {
      const media = normalizeOnlyFansMedia('fansmetric', raw, 'media')
      const url = media.variants.find((v) => v.kind === 'full' && (v.quality ?? 'source') === 'source')?.url
      if (media.type === type && url) return { id: media.providerMediaId, url }
    }
  }
  throw new Error('no media')
}

const raw = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
  got(url, { method, headers, responseType: 'buffer', throwHttpErrors: false, retry: { limit: 0 } })

describe('fake CDN', () => {
  it('serves a valid PNG whose bytes match expectedSha256 and expectedSize', async () => {
    const { id, url } = await someFullUrl('photo')
    const res = await raw(url)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    const body = Buffer.from(res.body)
    expect(body.length).toBe(fake.dataset.expectedSize(id))
    expect(createHash('sha256').update(body).digest('hex')).toBe(fake.dataset.expectedSha256(id))
    // PNG: signature, IHDR with the advertised size and a correct CRC, IDAT that inflates.
    expect(body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const media = fake.dataset.media(id)!
    expect(body.readUInt32BE(16)).toBe(media.width)
    expect(body.readUInt32BE(20)).toBe(media.height)
    expect(body.readUInt32BE(29)).toBe(crc32(body.subarray(12, 29)))
    const idatLength = body.readUInt32BE(33)
    const pixels = inflateSync(body.subarray(41, 41 + idatLength))
    expect(pixels.length).toBe((media.width * 3 + 1) * media.height)
  })

  it('serves MP4 and MP3 that start like real files', async () => {
    const video = await raw((await someFullUrl('video')).url)
    expect(Buffer.from(video.body).subarray(4, 8).toString()).toBe('ftyp')
    const audio = await raw((await someFullUrl('audio')).url)
    const head = Buffer.from(audio.body).subarray(0, 3)
    expect(head.toString() === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)).toBe(true)
  })

  it('answers Range with 206 + Content-Range, suffix ranges, 416, and HEAD', async () => {
    const { id, url } = await someFullUrl()
    const size = fake.dataset.expectedSize(id)
    const full = Buffer.from((await raw(url)).body)
    const part = await raw(url, { range: 'bytes=100-199' })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 100-199/${size}`)
    expect(Buffer.from(part.body)).toEqual(full.subarray(100, 200))
    const tail = await raw(url, { range: 'bytes=-10' })
    expect(Buffer.from(tail.body)).toEqual(full.subarray(size - 10))
    const open = await raw(url, { range: `bytes=${size - 5}-` })
    expect(Buffer.from(open.body)).toEqual(full.subarray(size - 5))
    expect((await raw(url, { range: `bytes=${size}-` })).statusCode).toBe(416)
    const head = await raw(url, {}, 'HEAD')
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-length']).toBe(String(size))
    expect(head.headers['accept-ranges']).toBe('bytes')
  })

  it('refuses tampered, unsigned and expired URLs with 403', async () => {
    const { url } = await someFullUrl()
    expect((await raw(url)).statusCode).toBe(200)
    // Change the signature's first character to another one (a fixed 'Z' left one URL in 64 as it was).
    const tampered = url.replace(
      /Signature=(.)/,
      (_, first: string) => `Signature=${first === 'A' ? 'B' : 'A'}`,
    )
    expect(tampered).not.toBe(url)
    expect((await raw(tampered)).statusCode).toBe(403)
    expect((await raw(url.split('?')[0]!)).statusCode).toBe(403)
    // A lifetime of 0 signs URLs that are already past their expiry: no sleep to race a busy machine.
    fake.faults({ urlTtlSeconds: 0 })
    const expired = await someFullUrl()
    expect((await raw(expired.url)).statusCode).toBe(403)
  })

  it('throttles with cdnBytesPerSecond and cuts bodies with truncate/reset faults', async () => {
    const { url } = await someFullUrl('video')
    fake.faults({ cdnBytesPerSecond: 50_000 })
    const started = Date.now()
    const res = await raw(url, { range: 'bytes=0-24999' })
    expect(res.statusCode).toBe(206)
    expect(Date.now() - started).toBeGreaterThanOrEqual(400)
    fake.faults({ cdnBytesPerSecond: null, truncateRate: 1, target: 'cdn' })
    await expect(got(url, { retry: { limit: 0 } })).rejects.toThrow()
  })
})

describe('fake APIs', () => {
  it('rate limits with Retry-After and per-minute windows, and logs every request', async () => {
    fake.faults({ rateLimitPerMinute: 2 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await fm('/v1/accounts')).statusCode)
    expect(statuses).toEqual([200, 200, 429, 429])
    const last = fake.requestLog.at(-1)!
    expect(last).toMatchObject({ method: 'GET', path: '/v1/accounts', provider: 'fansmetric', status: 429 })
  })

  it('injects 5xx deterministically from the seed', async () => {
    const run = async (): Promise<number[]> => {
      fake.resetFaults()
      fake.faults({ status5xxRate: 0.5, seed: 42 })
      const out: number[] = []
      for (let i = 0; i < 12; i++) out.push((await fm('/v1/accounts')).statusCode)
      return out
    }
    const a = await run()
    expect(a).toContain(503)
    expect(a).toContain(200)
    expect(await run()).toEqual(a)
  })

  it("answers each provider's documented 401 body", async () => {
    const get = (path: string, headers: Record<string, string>) =>
      got(`${fake.url}${path}`, {
        headers,
        throwHttpErrors: false,
        retry: { limit: 0 },
        responseType: 'json',
      })
    const ofapi = await get('/api/accounts', { authorization: 'Bearer nope' })
    expect(ofapi.statusCode).toBe(401)
    expect(ofapi.body).toMatchObject({ error: expect.any(String), message: expect.any(String) })
    const oa = await get('/v2/access/chats', { apikey: 'nope' })
    expect(oa.body).toMatchObject({ type: 'UNAUTHORIZED', requestId: expect.any(String) })
    const fmBody = await get('/v1/accounts', { authorization: 'Bearer nope' })
    expect(Object.keys(fmBody.body as object)).toEqual(['error'])
    const fansly = await get('/api/fansly/accounts', {})
    expect(fansly.statusCode).toBe(401)
  })
})

describe('dataset', () => {
  it('is deterministic for a seed and configurable for benchmarks', () => {
    const a = createDataset({ seed: 9, chats: 2, messagesPerChat: 5 })
    const b = createDataset({ seed: 9, chats: 2, messagesPerChat: 5 })
    const ids = a.allMedia().map((m) => m.id)
    expect(b.allMedia().map((m) => m.id)).toEqual(ids)
    expect(b.expectedSha256(ids[0]!)).toBe(a.expectedSha256(ids[0]!))
    const bench = createDataset({
      chats: 3,
      messagesPerChat: 50,
      mediaPerMessage: 2,
      specials: false,
      fileSizes: [1_000_000, 4_000_000],
      mediaTypes: ['photo'],
    })
    const media = bench.allMedia('onlyfansapi')
    expect(media.length).toBe(300)
    expect(media.every((m) => m.size >= 1_000_000 && m.size <= 4_000_000)).toBe(true)
    expect(new Set(media.slice(0, 20).map((m) => bench.expectedSha256(m.id))).size).toBe(20)
  })

  it('holds the hostile cases: shared ids, locked, DRM, not ready, errored, hostile names', () => {
    const d = createDataset()
    const account = d.accounts[0]!
    const states = new Set(d.allMedia(account.provider).map((m) => m.state))
    expect([...states].sort()).toEqual(['drm', 'error', 'locked', 'not_ready', 'ok'])
    const inChat0 = d.chatMediaIds(account, account.chats[0]!.id)
    const inChat1 = d.chatMediaIds(account, account.chats[1]!.id)
    expect(inChat0.some((id) => inChat1.includes(id))).toBe(true)
    const names = account.chats.map((c) => c.fan.name)
    expect(names).toContain('../../etc/passwd')
    expect(
      account.chats.flatMap((c) => c.messages.map((m) => m.text)).some((t) => t.includes('<script>')),
    ).toBe(true)
  })

  it('streams a 2 GB file in blocks: Range at the end is cheap and memory stays flat', async () => {
    const big = await startFakeProviders({
      chats: 1,
      messagesPerChat: 1,
      mediaPerMessage: 1,
      specials: false,
      mediaTypes: ['video'],
      fileSizes: [2_000_000_000, 2_000_000_000],
    })
    try {
      const account = big.dataset.accounts.find((a) => a.provider === 'fansmetric')!
      const res = await got(`${big.url}/v1/${account.id}/chats/${account.chats[0]!.id}/media`, {
        headers: { 'x-api-key': big.keys.fansmetric },
        responseType: 'json',
      })
      const raw0 = (res.body as { data: { list: { media: unknown[] }[] } }).data.list[0]!.media[0]
      const url = normalizeOnlyFansMedia('fansmetric', raw0, 'media').variants[0]!.url!
      const head = await raw(url, {}, 'HEAD')
      expect(head.headers['content-length']).toBe('2000000000')
      const end = await raw(url, { range: 'bytes=1999999000-' })
      expect(end.statusCode).toBe(206)
      const spec = big.dataset.fileSpec(account.chats[0]!.messages[0]!.mediaIds[0]!, 'full')
      expect(Buffer.from(end.body)).toEqual(
        Buffer.concat([...byteChunks(spec, 1_999_999_000, 1_999_999_999)]),
      )
      const rssBefore = process.memoryUsage().rss
      let received = 0
      await new Promise<void>((resolve, reject) => {
        const stream = got.stream(url, { retry: { limit: 0 } })
        stream.on('data', (chunk: Buffer) => {
          received += chunk.length
          if (received > 200_000_000) {
            stream.destroy()
            resolve()
          }
        })
        stream.on('error', reject)
        stream.on('end', () => resolve())
      })
      expect(received).toBeGreaterThan(200_000_000)
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150_000_000)
    } finally {
      await big.close()
    }
  })
})
