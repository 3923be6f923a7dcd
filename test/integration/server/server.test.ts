import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unexpectedMessage } from '../../../src/main/api/errors'
import type { MediaFile } from '../../../src/main/core-types'
import { startServer, type RunningServer } from '../../../src/main/server'
import { createFakeCore, type FakeCore } from './fake-core'
import { raw } from './http-client'

let dir: string
let server: RunningServer
let core: FakeCore
const logged: Array<[string, unknown]> = []
const videoBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatkeep-server-'))
  const rendererDir = join(dir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Chatkeep</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer')
  await writeFile(join(dir, 'video.mp4'), videoBytes)
  const files = new Map<string, MediaFile>([
    ['7/full', { path: join(dir, 'video.mp4'), mime: 'video/mp4', size: videoBytes.length }],
    ['8/full', { path: join(dir, 'gone.mp4'), mime: 'video/mp4', size: 10 }],
  ])
  core = createFakeCore(files)
  server = await startServer(core, {
    rendererDir,
    token: 'a'.repeat(64),
    keepAliveMs: 50,
    logError: (where, error) => logged.push([where, error]),
  })
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.token}` })
const post = (channel: string, body: string, headers: Record<string, string> = auth()) =>
  raw(server.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })

describe('startServer', () => {
  it('prints a loopback URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
  })

  it('answers a channel in the Result envelope and applies zod defaults', async () => {
    const stats = await post('catalog:stats', '{}')
    expect(stats.status).toBe(200)
    expect(stats.json<{ ok: boolean; value: { media: number } }>()).toMatchObject({
      ok: true,
      value: { media: 4 },
    })
    const search = await post('media:search', '{"search":"x"}')
    expect(search.status).toBe(200)
    expect(core.calls.at(-1)).toEqual({
      channel: 'media:search',
      input: { search: 'x', sort: 'newest', offset: 0, limit: 200 },
    })
  })

  it('requires the token in a header on /api, and the token or the media key on /media', async () => {
    expect((await post('catalog:stats', '{}', {})).status).toBe(401)
    expect((await post('catalog:stats', '{}', { authorization: 'Bearer nope' })).status).toBe(401)
    expect((await post('catalog:stats', '{}', { 'x-chatkeep-token': server.token })).status).toBe(200)
    expect((await raw(server.port, { path: '/media/7/full' })).status).toBe(401)
    expect((await raw(server.port, { path: '/media/7/full', headers: auth() })).status).toBe(200)
    expect((await raw(server.port, { path: `/media/7/full?key=${server.mediaKey}` })).status).toBe(200)
    expect((await raw(server.port, { path: '/media/7/full?key=wrong' })).status).toBe(401)
    // The token never travels in a URL, not even on a GET.
    expect((await raw(server.port, { path: `/media/7/full?token=${server.token}` })).status).toBe(401)
    expect(
      (await raw(server.port, { path: `/api/events?token=${server.token}`, method: 'HEAD' })).status,
    ).toBe(401)
  })

  it('gives the media key only for the token, and the key opens nothing but media', async () => {
    expect((await raw(server.port, { path: '/api/session' })).status).toBe(401)
    const session = await raw(server.port, { path: '/api/session', headers: auth() })
    expect(session.status).toBe(200)
    expect(session.json()).toEqual({ ok: true, value: { mediaKey: server.mediaKey } })
    expect(server.mediaKey).toMatch(/^[0-9a-f]{64}$/)
    expect(server.mediaKey).not.toBe(server.token)
    const key = server.mediaKey
    expect((await post('catalog:stats', '{}', { authorization: `Bearer ${key}` })).status).toBe(401)
    expect((await post(`catalog:stats?key=${key}`, '{}', {})).status).toBe(401)
    expect((await raw(server.port, { path: `/api/session?key=${key}` })).status).toBe(401)
    expect((await raw(server.port, { path: `/api/events?key=${key}`, method: 'HEAD' })).status).toBe(401)
  })

  it('sets no cookie, ever, and takes none: /?token= just serves the page', async () => {
    const page = await raw(server.port, { path: `/?token=${server.token}` })
    expect(page.status).toBe(200)
    expect(page.headers['set-cookie']).toBeUndefined()
    expect(page.body.toString()).toContain('<title>Chatkeep</title>')
    for (const name of ['chatkeep_token', `chatkeep_token_${server.port}`]) {
      expect((await post('catalog:stats', '{}', { cookie: `${name}=${server.token}` })).status).toBe(401)
    }
  })

  it('refuses foreign Host headers and cross-origin POSTs', async () => {
    const rebound = await raw(server.port, { path: '/', headers: { host: `evil.example:${server.port}` } })
    expect(rebound.status).toBe(403)
    const localhost = await raw(server.port, { path: '/', headers: { host: `localhost:${server.port}` } })
    expect(localhost.status).toBe(200)
    const crossSite = await post('catalog:stats', '{}', { ...auth(), origin: 'http://evil.example' })
    expect(crossSite.status).toBe(403)
    const sameSite = await post('catalog:stats', '{}', {
      ...auth(),
      origin: `http://127.0.0.1:${server.port}`,
    })
    expect(sameSite.status).toBe(200)
  })

  it('answers 400 bad_input for invalid input and 404 for unknown channels', async () => {
    const bad = await post('media:search', '{"limit":"lots"}')
    expect(bad.status).toBe(400)
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('bad_input')
    expect((await post('media:search', '{not json')).status).toBe(400)
    const unknown = await post('nope:nope', '{}')
    expect(unknown.status).toBe(404)
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('not_found')
    expect((await post('catalog:stats', '{}', { ...auth(), 'content-type': 'text/plain' })).status).toBe(415)
  })

  it('maps handler errors to their contract codes', async () => {
    const missing = await post('media:get', '{"id":99}')
    expect(missing.status).toBe(404)
    expect(missing.json<{ error: { code: string; message: string } }>().error).toEqual({
      code: 'not_found',
      message: 'No media 99.',
    })
    const failing = await post('sync:start', '{"accountId":1}')
    expect(failing.status).toBe(500)
    // The browser gets one fixed line; the log gets the error itself.
    expect(failing.json<{ error: unknown }>().error).toEqual({ code: 'internal', message: unexpectedMessage })
    expect(failing.body.toString()).not.toContain('boom')
    expect(logged.at(-1)?.[0]).toBe('sync:start')
    expect(String(logged.at(-1)?.[1])).toContain('boom')
  })

  it('serves media with Range: 200, 206, suffix ranges and 416', async () => {
    const path = '/media/7/full'
    const whole = await raw(server.port, { path, headers: auth() })
    expect(whole.status).toBe(200)
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(whole.body.equals(videoBytes)).toBe(true)

    const part = await raw(server.port, { path, headers: { ...auth(), range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe('bytes 100-199/1000')
    expect(part.body.equals(videoBytes.subarray(100, 200))).toBe(true)

    const open = await raw(server.port, { path, headers: { ...auth(), range: 'bytes=990-' } })
    expect(open.body.equals(videoBytes.subarray(990))).toBe(true)
    const suffix = await raw(server.port, { path, headers: { ...auth(), range: 'bytes=-10' } })
    expect(suffix.headers['content-range']).toBe('bytes 990-999/1000')

    const beyond = await raw(server.port, { path, headers: { ...auth(), range: 'bytes=5000-' } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers['content-range']).toBe('bytes */1000')
    expect(whole.headers['content-security-policy']).toContain('sandbox')
  })

  it('answers 404 for unknown ids, missing files and malformed media paths', async () => {
    expect((await raw(server.port, { path: '/media/12345/full', headers: auth() })).status).toBe(404)
    expect((await raw(server.port, { path: '/media/7/thumb', headers: auth() })).status).toBe(404)
    expect((await raw(server.port, { path: '/media/8/full', headers: auth() })).status).toBe(404)
    expect((await raw(server.port, { path: '/media/../secret.txt', headers: auth() })).status).toBe(404)
  })

  it('serves the renderer with MIME types and security headers, and refuses traversal', async () => {
    const index = await raw(server.port, { path: '/' })
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.headers['content-security-policy']).toContain("default-src 'self'")
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect(index.headers['referrer-policy']).toBe('no-referrer')
    const script = await raw(server.port, { path: '/assets/app.js' })
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
    ]) {
      const res = await raw(server.port, { path })
      expect(res.status, path).toBe(404)
      expect(res.body.toString()).not.toContain('outside the renderer')
    }
  })

  it('streams sync:progress events over SSE', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: auth() },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream')
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
            if (text.includes(': connected')) {
              core.events.emit('sync:progress', {
                runId: 1,
                provider: 'onlyfansapi',
                account: 'acct',
                phase: 'downloading',
                requests: 3,
                credits: 1,
                mediaSeen: 5,
                downloaded: 2,
                alreadyHad: 0,
                failed: 0,
                messagesSeen: 0,
                messagesNew: 0,
                bytes: 10,
                totalBytes: 20,
                bytesPerSecond: 5,
                etaSeconds: 2,
                chats: [],
                error: null,
              })
            }
            if (text.includes('event: sync:progress') && text.includes(': keep-alive')) {
              req.destroy()
              resolve(text)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    const dataLine = received.split('\n').find((line) => line.startsWith('data: '))
    expect(JSON.parse(dataLine?.slice(6) ?? '{}')).toMatchObject({ runId: 1, phase: 'downloading' })
  })
})

describe('startServer on a wildcard address', () => {
  it('accepts this machine’s own addresses as Host but still refuses other names', async () => {
    const core = createFakeCore(new Map())
    const wide = await startServer(core, { host: '0.0.0.0', rendererDir: tmpdir(), token: 'b'.repeat(64) })
    try {
      expect(wide.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=b+$/)
      const local = await raw(wide.port, {
        path: '/api/events',
        method: 'HEAD',
        headers: { host: `localhost:${wide.port}` },
      })
      expect(local.status).toBe(401)
      const rebound = await raw(wide.port, { path: '/', headers: { host: `attacker.example:${wide.port}` } })
      expect(rebound.status).toBe(403)
    } finally {
      await wide.close()
    }
  })
})
