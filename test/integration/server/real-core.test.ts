// Serve mode over the real core: a catalog seeded through the repositories and file store, the
// contract answered from SQLite, archived files streamed with Range.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../../src/main/core'
import type { Core } from '../../../src/main/core-types'
import { startServer, type RunningServer } from '../../../src/main/server'
import type { ChannelOutput } from '../../../src/shared/contract'
import { seedCatalog } from '../../e2e/support/seed'
import { callChannel, raw } from './http-client'

let dir: string
let core: Core
let server: RunningServer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatkeep-serve-real-'))
  const dataDir = join(dir, 'data')
  await seedCatalog(dataDir, 300)
  const rendererDir = join(dir, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Chatkeep</title>')
  core = await openCore({ dataDir, transport: 'http' })
  server = await startServer(core, { rendererDir })
})

afterAll(async () => {
  await server.close()
  await core.close()
  await rm(dir, { recursive: true, force: true })
})

function api<T>(
  channel: string,
  input: unknown,
): Promise<{ status: number; body: { ok: boolean; value: T } }> {
  return callChannel(server, channel, input)
}

describe('serve mode on the real core', () => {
  it('answers catalog:stats from SQLite', async () => {
    const { status, body } = await api<ChannelOutput<'catalog:stats'>>('catalog:stats', {})
    expect(status).toBe(200)
    expect(body.value).toMatchObject({ accounts: 3, chats: 7, media: 312 })
    expect(body.value.byStatus.locked).toBe(3)
  })

  it('searches, and streams the found video with Range', async () => {
    const { body } = await api<ChannelOutput<'media:search'>>('media:search', {
      types: ['video'],
      statuses: ['downloaded'],
    })
    expect(body.value.total).toBe(1)
    const id = body.value.rows[0]?.id
    const clip = await readFile(join(import.meta.dirname, '..', '..', 'fake-providers', 'assets', 'clip.mp4'))
    const auth = { authorization: `Bearer ${server.token}` }
    const whole = await raw(server.port, { path: `/media/${id}/full`, headers: auth })
    expect(whole.status).toBe(200)
    expect(whole.headers['content-type']).toBe('video/mp4')
    expect(whole.body.equals(clip)).toBe(true)
    const part = await raw(server.port, {
      path: `/media/${id}/full`,
      headers: { ...auth, range: 'bytes=1000-1999' },
    })
    expect(part.status).toBe(206)
    expect(part.body.equals(clip.subarray(1000, 2000))).toBe(true)
    const thumb = await raw(server.port, { path: `/media/${id}/thumb`, headers: auth })
    expect(thumb.headers['content-type']).toBe('image/png')
  })

  it('answers 404 for unknown ids and for locked items without a full file', async () => {
    const auth = { authorization: `Bearer ${server.token}` }
    expect((await raw(server.port, { path: '/media/999999/full', headers: auth })).status).toBe(404)
    const { body } = await api<ChannelOutput<'media:search'>>('media:search', { statuses: ['locked'] })
    const locked = body.value.rows[0]?.id
    expect((await raw(server.port, { path: `/media/${locked}/full`, headers: auth })).status).toBe(404)
    expect((await raw(server.port, { path: `/media/${locked}/thumb`, headers: auth })).status).toBe(200)
    const missing = await api('media:get', { id: 999999 })
    expect(missing.status).toBe(404)
  })

  it('media:get names who sent each message carrying the item: side and the fan names', async () => {
    const { body } = await api<ChannelOutput<'media:search'>>('media:search', { search: 'pwned' })
    const id = body.value.rows[0]?.id
    const detail = await api<ChannelOutput<'media:get'>>('media:get', { id })
    expect(detail.body.value.messages).toEqual([
      expect.objectContaining({
        chatLabel: 'Mallory',
        fromCreator: false,
        fanName: 'Mallory',
        fanUsername: 'mallory',
      }),
    ])
  })

  it('refuses bad input before the handlers see it', async () => {
    const { status } = await api('chat:page', { chatId: 'one', at: { kind: 'newest' } })
    expect(status).toBe(400)
  })
})
