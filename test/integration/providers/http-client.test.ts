import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthError, NotFound, RateLimited, UpstreamError } from '../../../src/main/providers/errors'
import { createHttpClient } from '../../../src/main/providers/http'

const key = 'fm_api_TOPSECRET_0123456789'
let server: Server
let base = ''
const seen: { url: string; auth: string | undefined }[] = []

function handle(req: IncomingMessage, res: ServerResponse): void {
  seen.push({ url: req.url ?? '', auth: req.headers.authorization })
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  if (path === '/ok')
    return json(200, { data: 1, _meta: { _credits: { used: 2 } } }, { 'x-rate-limit-remaining-minute': '9' })
  if (path === '/hdr') return json(200, { list: [] }, { 'x-ofapi-credits-used': '1' })
  if (path === '/401') return json(401, { error: `bad key ${key}` })
  if (path === '/404') return json(404, { error: 'Not found' })
  if (path === '/429') return json(429, { error: 'slow down' }, { 'retry-after': '4' })
  if (path === '/html') {
    res.writeHead(502, { 'content-type': 'text/html' })
    return void res.end('<html><h1>Bad gateway</h1></html>')
  }
  if (path === '/notjson') {
    res.writeHead(200, { 'content-type': 'application/json' })
    return void res.end('{"data": [1, 2')
  }
  if (path === '/truncated') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"data":')
    return void setTimeout(() => res.destroy(), 10)
  }
  if (path === '/slow') return void setTimeout(() => json(200, {}), 2000)
  json(200, { path })
}

beforeAll(async () => {
  server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function client(timeoutMs?: number): ReturnType<typeof createHttpClient> {
  return createHttpClient({
    provider: 'fansmetric',
    baseUrl: base,
    authHeaders: { authorization: `Bearer ${key}` },
    secrets: [key],
    ...(timeoutMs ? { timeoutMs } : {}),
  })
}

describe('createHttpClient against a local server', () => {
  it('sends auth, counts requests and credits, records rate limits', async () => {
    const c = client()
    const r = await c.getJson('/ok', { limit: 5, skip: undefined })
    expect(r.body).toMatchObject({ data: 1 })
    await c.getJson('hdr')
    expect(c.usage).toEqual({ requests: 2, credits: 3 })
    expect(c.rateLimit?.remainingMinute).toBe(9)
    expect(seen.at(-2)?.url).toBe('/ok?limit=5')
    expect(seen.at(-2)?.auth).toBe(`Bearer ${key}`)
  })

  it('counts 1 credit for a request the provider reports none for, 0 for a 401 or 429', async () => {
    const c = client()
    await c.getJson('/plain')
    await c.getJson('/401').catch(() => undefined)
    await c.getJson('/429').catch(() => undefined)
    await c.getJson('/404').catch(() => undefined)
    expect(c.usage).toEqual({ requests: 4, credits: 2 })
  })

  it('runs its gate before each request: a refused request is neither sent nor counted', async () => {
    const c = client()
    const before = seen.length
    let open = 1
    c.setGate(() => {
      if (open-- <= 0) throw new Error('cap reached (test)')
    })
    await c.getJson('/plain')
    await expect(c.getJson('/plain')).rejects.toThrow('cap reached (test)')
    expect(seen.length - before).toBe(1)
    expect(c.usage).toEqual({ requests: 1, credits: 1 })
    c.setGate(null)
    await c.getJson('/plain')
    expect(c.usage.requests).toBe(2)
  })

  it('re-roots absolute next_page URLs on the configured base (the key never leaves it)', async () => {
    const c = client()
    const r = await c.getJson('https://public-api.buffmetrics.com/v1/1/chats?offset=10')
    expect(r.body).toEqual({ path: '/v1/1/chats' })
    expect(c.isOwnUrl(`${base}x`)).toBe(true)
    expect(c.isOwnUrl('https://cdn2.onlyfans.com/x')).toBe(false)
  })

  const failures: [string, new (...args: never[]) => Error][] = [
    ['/401', AuthError],
    ['/404', NotFound],
    ['/429', RateLimited],
    ['/html', UpstreamError],
    ['/notjson', UpstreamError],
    ['/truncated', UpstreamError],
  ]
  for (const [path, type] of failures) {
    it(`${path} -> ${type.name}, without the key in the message`, async () => {
      const error = await client()
        .getJson(path)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(type)
      expect(String((error as Error).message)).not.toContain(key)
      expect(String((error as Error).stack)).not.toContain(key)
    })
  }

  it('429 carries Retry-After; HTML 502 keeps its text', async () => {
    const e = (await client()
      .getJson('/429')
      .catch((x: unknown) => x)) as RateLimited
    expect(e.retryAfterMs).toBe(4000)
    const h = (await client()
      .getJson('/html')
      .catch((x: unknown) => x)) as UpstreamError
    expect(h.message).toContain('Bad gateway')
  })

  it('times out as UpstreamError and connection refused as UpstreamError', async () => {
    await expect(client(200).getJson('/slow')).rejects.toBeInstanceOf(UpstreamError)
    const dead = createHttpClient({
      provider: 'ofauth',
      baseUrl: 'http://127.0.0.1:1',
      authHeaders: {},
      secrets: [],
    })
    await expect(dead.getJson('/x')).rejects.toBeInstanceOf(UpstreamError)
  })
})
