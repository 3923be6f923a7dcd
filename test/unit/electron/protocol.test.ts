import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Protocol } from 'electron'
import type { MediaFile, MediaFileKind } from '../../../src/main/core-types'
import { appMediaUrl } from '../../../src/shared/media-url'

vi.mock('electron', async () => (await import('./electron-mock')).electronModuleMock())

const { createMediaHandler, parseMediaUrl, registerMediaProtocol, registerMediaScheme } =
  await import('../../../src/main/electron/protocol')

let dataDir = ''
let outside = ''
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))
const files = new Map<string, MediaFile>()

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-proto-'))
  outside = await mkdtemp(join(tmpdir(), 'chatkeep-outside-'))
  await mkdir(join(dataDir, 'files', 'ab'), { recursive: true })
  const video = join(dataDir, 'files', 'ab', 'abcdef.mp4')
  await writeFile(video, bytes)
  await writeFile(join(outside, 'secret.txt'), 'not for the renderer')
  await symlink(join(outside, 'secret.txt'), join(dataDir, 'files', 'ab', 'link.jpg'))
  files.set('1/full', { path: video, mime: 'video/mp4', size: bytes.length })
  files.set('1/thumb', { path: join(dataDir, 'files', 'ab', 'missing.jpg'), mime: 'image/jpeg', size: 10 })
  // A broken core answer must still not escape the data folder.
  files.set('2/full', { path: join(outside, 'secret.txt'), mime: 'text/plain', size: 20 })
  files.set('3/full', { path: join(dataDir, 'files', 'ab', 'link.jpg'), mime: 'image/jpeg', size: 20 })
  files.set('4/full', { path: 'files/ab/abcdef.mp4', mime: 'video/mp4', size: 1000 })
})

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const resolved: string[] = []
function handler(): (request: Request) => Promise<Response> {
  return createMediaHandler({
    dataDir,
    resolveMediaFile: async (id: number, kind: MediaFileKind) => {
      resolved.push(`${id}/${kind}`)
      return files.get(`${id}/${kind}`) ?? null
    },
  })
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return handler()(new Request(url, { headers, method }))
}

describe('registration', () => {
  it('declares the scheme privileged (standard, secure, stream, fetch) without bypassing CSP', () => {
    const registerSchemesAsPrivileged = vi.fn()
    registerMediaScheme({ registerSchemesAsPrivileged } as unknown as Protocol)
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'chatkeep-media',
        privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
      },
    ])
  })

  it('handles the scheme and turns a thrown error into a bare 500', async () => {
    const handle = vi.fn()
    registerMediaProtocol({ handle } as unknown as Protocol, {
      dataDir,
      resolveMediaFile: async () => {
        throw new Error('database is locked at /secret')
      },
    })
    expect(handle.mock.calls[0]?.[0]).toBe('chatkeep-media')
    const registered = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>
    const response = await registered(new Request(appMediaUrl(1, 'full')))
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('secret')
  })
})

describe('URL parsing', () => {
  it('accepts only chatkeep-media://media/<positive id>/<full|thumb> (paths: test/unit/shared)', () => {
    expect(parseMediaUrl('chatkeep-media://media/12/full')).toEqual({ id: 12, kind: 'full' })
    expect(parseMediaUrl('chatkeep-media://media/12/thumb?v=2')).toEqual({ id: 12, kind: 'thumb' })
    for (const bad of [
      'chatkeep-media://media/0/full',
      'chatkeep-media://media/1/full/../../../../etc/passwd',
      'chatkeep-media://media/..%2f..%2fetc%2fpasswd/full',
      'chatkeep-media://media/1%2ffull',
      'chatkeep-media://files/1/full',
      'chatkeep-media://media:8080/1/full',
      'chatkeep-media://user@media/1/full',
      'file:///media/1/full',
      'https://media/1/full',
      'nonsense',
    ]) {
      expect(parseMediaUrl(bad), bad).toBeNull()
    }
  })
})

describe('media handler', () => {
  it('serves a whole file with its type and length', async () => {
    const response = await get('chatkeep-media://media/1/full')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('content-length')).toBe('1000')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('serves a Range request with 206 and exactly those bytes (video seeking)', async () => {
    const response = await get('chatkeep-media://media/1/full', { Range: 'bytes=100-199' })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000')
    expect(response.headers.get('content-length')).toBe('100')
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true)

    const tail = await get('chatkeep-media://media/1/full', { Range: 'bytes=-24' })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe('bytes 976-999/1000')
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(976))).toBe(true)
  })

  it('answers 416 for a range past the end', async () => {
    const response = await get('chatkeep-media://media/1/full', { Range: 'bytes=5000-' })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe('bytes */1000')
  })

  it('answers HEAD without a body', async () => {
    const response = await get('chatkeep-media://media/1/full', {}, 'HEAD')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe('1000')
    expect(await response.text()).toBe('')
  })

  it('refuses other methods', async () => {
    expect((await get('chatkeep-media://media/1/full', {}, 'POST')).status).toBe(405)
  })

  it('404s unknown ids, missing files and malformed or traversing paths without asking the core', async () => {
    resolved.length = 0
    expect((await get('chatkeep-media://media/777/full')).status).toBe(404)
    expect((await get('chatkeep-media://media/1/thumb')).status).toBe(404)
    expect(resolved).toEqual(['777/full', '1/thumb'])
    resolved.length = 0
    for (const url of [
      'chatkeep-media://media/1/../../../etc/passwd',
      'chatkeep-media://media/%2e%2e/%2e%2e/etc/passwd',
      'chatkeep-media://media/1/full%00.jpg',
      'chatkeep-media://other/1/full',
    ]) {
      expect((await get(url)).status, url).toBe(404)
    }
    expect(resolved).toEqual([])
  })

  it('404s a path outside the data folder, through a symlink, or relative, even if the core returned it', async () => {
    expect((await get('chatkeep-media://media/2/full')).status).toBe(404)
    expect((await get('chatkeep-media://media/3/full')).status).toBe(404)
    expect((await get('chatkeep-media://media/4/full')).status).toBe(404)
  })
})
