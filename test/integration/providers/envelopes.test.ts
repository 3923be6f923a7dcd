// Each adapter fed the providers' documented example bodies and drifted variants of them, through
// a tiny local server, so envelope parsing (not only the media object) is checked.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SchemaDrift, UpstreamError } from '../../../src/main/providers/errors'
import { pageThrough } from '../../../src/main/providers/paging'
import { createAdapter } from '../../../src/main/providers/registry'

type Json = Record<string, unknown>
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../fixtures/providers/seeds/${name}`, import.meta.url), 'utf8')) as Json

let server: Server
let base = ''
let nextBody: unknown = null
let nextHeaders: Record<string, string> = {}
const seenUrls: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seenUrls.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/json', ...nextHeaders })
    res.end(typeof nextBody === 'string' ? nextBody : JSON.stringify(nextBody))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  nextHeaders = {}
  seenUrls.length = 0
})

const adapter = (provider: 'onlyfansapi' | 'ofauth' | 'fansmetric') =>
  createAdapter(provider, { apiKey: 'k_0123456789', baseUrl: base })
const ctx = { account: 'acct_1', connectionId: 'conn_1' }

describe('documented example bodies parse', () => {
  it('OnlyFansAPI chat media seed (envelope, credits from _meta)', async () => {
    nextBody = fixture('onlyfansapi-chat-media.json')
    const a = adapter('onlyfansapi')
    const page = await a.listChatMedia(ctx, '123')
    expect(page.next).toBeNull()
    expect(page.items[0]?.media[0]?.providerMediaId).toBe('123')
    expect(a.usage).toEqual({ requests: 1, credits: 1 })
    expect(a.rateLimit).toMatchObject({ limitMinute: 1000, remainingMinute: 999 })
    expect(seenUrls[0]).toBe('/api/acct_1/chats/123/media?limit=20&offset=0')
  })

  it('FansMetric chat media seed (nextLastId cursor, relative next_page)', async () => {
    nextBody = fixture('fansmetric-chat-media.json')
    const a = adapter('fansmetric')
    const page = await a.listChatMedia(ctx, '100000002')
    expect(page.next).toBe('last_id:1000000000002')
    nextBody = { data: { list: [], hasMore: false, nextLastId: null }, _meta: { _credits: { used: 1 } } }
    expect((await a.listChatMedia(ctx, '100000002', { cursor: page.next })).next).toBeNull()
    expect(a.usage).toEqual({ requests: 2, credits: 2 })
    expect(seenUrls[1]).toBe('/v1/acct_1/chats/100000002/media?limit=50&last_id=1000000000002')
  })

  it('OFAuth chat media (schema-shaped example) and offset fallback without nextLastId', async () => {
    nextBody = { ...fixture('ofauth-chat-media.json'), hasMore: true }
    const a = adapter('ofauth')
    const page = await a.listChatMedia(ctx, '100000001')
    expect(page.next).toBe('offset:1')
    expect(page.items[0]?.price).toBe(12.5)
  })

  it('OnlyFansAPI chats: partner under fan, absolute next_page offset is followed', async () => {
    nextBody = {
      data: [
        {
          fan: { id: 5, username: 'u5', name: 'Five' },
          lastMessage: { createdAt: '2026-01-01T00:00:00+00:00' },
        },
      ],
      _pagination: { next_page: 'https://app.onlyfansapi.com/api/acct_1/chats?limit=100&offset=100' },
      _meta: { _credits: { used: 1 } },
    }
    const page = await adapter('onlyfansapi').listChats(ctx)
    expect(page.items[0]).toMatchObject({
      id: '5',
      fanName: 'Five',
      lastMessageAt: '2026-01-01T00:00:00+00:00',
    })
    expect(page.next).toBe('offset:100')
  })
})

describe('both envelope generations on every route that may return either', () => {
  const message = (id: number, at: string): Json => ({
    id,
    text: `m${id}`,
    createdAt: at,
    fromUser: { id: 5 },
    media: [],
  })

  it('OnlyFansAPI messages: data.list + hasMore pages by the oldest id', async () => {
    nextBody = {
      data: {
        list: [message(30, '2025-01-03T00:00:00Z'), message(20, '2025-01-02T00:00:00Z')],
        hasMore: true,
      },
    }
    const a = adapter('onlyfansapi')
    const page = await a.listChatMessages(ctx, '5')
    expect(page.items.map((m) => m.id)).toEqual(['30', '20'])
    expect(page.next).toBe('id:20')
    nextBody = { data: { list: [message(10, '2025-01-01T00:00:00Z')], hasMore: false } }
    expect((await a.listChatMessages(ctx, '5', { cursor: page.next })).next).toBeNull()
    expect(seenUrls).toEqual([
      '/api/acct_1/chats/5/messages?limit=100&order=desc',
      '/api/acct_1/chats/5/messages?limit=100&order=desc&id=20',
    ])
  })

  it('OnlyFansAPI messages: a flat data[] follows _pagination.next_page until it is null', async () => {
    nextBody = {
      data: [message(30, '2025-01-03T00:00:00Z')],
      _pagination: { next_page: 'https://app.onlyfansapi.com/api/acct_1/chats/5/messages?limit=10&id=25' },
    }
    const a = adapter('onlyfansapi')
    const page = await a.listChatMessages(ctx, '5')
    expect(page.next).toBe('id:25')
    nextBody = { data: [message(20, '2025-01-02T00:00:00Z')], _pagination: { next_page: null } }
    expect((await a.listChatMessages(ctx, '5', { cursor: page.next })).next).toBeNull()
  })

  it('OnlyFansAPI chat media and FansMetric lists accept the flat shape too', async () => {
    nextBody = {
      data: [message(40, '2025-01-04T00:00:00Z')],
      _pagination: { next_page: 'https://app.onlyfansapi.com/api/acct_1/chats/5/media?limit=20&offset=20' },
    }
    expect((await adapter('onlyfansapi').listChatMedia(ctx, '5')).next).toBe('offset:20')
    nextBody = { data: [{ withUser: { id: 8 } }], _pagination: { next_page: '/v1/acct_1/chats?offset=100' } }
    const chats = await adapter('fansmetric').listChats(ctx)
    expect([chats.items[0]?.id, chats.next]).toEqual(['8', 'offset:100'])
  })

  it('OFAuth messages: 10 a page, by last_id when given, else by offset', async () => {
    const a = adapter('ofauth')
    nextBody = { list: [message(30, '2025-01-03T00:00:00Z')], hasMore: true }
    const byOffset = await a.listChatMessages(ctx, '5')
    expect(byOffset.next).toBe('offset:1')
    nextBody = { list: [message(30, '2025-01-03T00:00:00Z')], hasMore: true, nextLastId: 30 }
    expect((await a.listChatMessages(ctx, '5', { cursor: byOffset.next })).next).toBe('last_id:30')
    expect(seenUrls).toEqual([
      '/v2/access/chats/5/messages?limit=10&offset=0',
      '/v2/access/chats/5/messages?limit=10&offset=1',
    ])
  })

  it('a refresh never pages a chat for a placeholder no provider knows the id of', async () => {
    nextBody = fixture('fansmetric-chat-media.json')
    const fresh = await adapter('fansmetric').refreshMedia(ctx, '5', ['unreadable:700:1', 'bundle:9'])
    expect(fresh.size).toBe(0)
    expect(seenUrls).toEqual([])
  })

  it('a page that says "more" but leaves nothing to go on from is an error, not a silent end', async () => {
    nextBody = { data: { list: [{ text: 'no id', createdAt: '2025-01-01T00:00:00Z' }], hasMore: true } }
    await expect(adapter('fansmetric').listChatMessages(ctx, '5')).rejects.toThrow(
      'fansmetric: chat 5 messages: the page says there is more but gives no cursor',
    )
  })
})

describe('envelope drift', () => {
  it('missing data / wrong list type name the path; a chat without partner is one problem line', async () => {
    nextBody = { _meta: {} }
    await expect(adapter('onlyfansapi').listChatMedia(ctx, '1')).rejects.toThrow(
      /at data\.list: expected a list at data\.list or data/,
    )
    nextBody = { data: { list: 'nope', hasMore: false } }
    const e = await adapter('fansmetric')
      .listChatMedia(ctx, '1')
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(SchemaDrift)
    expect((e as SchemaDrift).path).toBe('data.list')
    nextBody = { list: [{ withUser: null, lastMessage: null }, { withUser: { id: 7 } }], hasMore: false }
    const chats = await adapter('ofauth').listChats(ctx)
    expect(chats.items.map((c) => c.id)).toEqual(['7'])
    expect(chats.problems).toEqual([
      'ofauth: unexpected response at list[0].withUser: chat has no partner (withUser/fan)',
    ])
    nextBody = { list: [], hasMore: 'yes' }
    await expect(adapter('ofauth').listChats(ctx)).rejects.toThrow(/hasMore/)
  })

  it('extra fields are tolerated and kept in raw', async () => {
    const body = fixture('fansmetric-chat-media.json')
    const data = body['data'] as Json
    nextBody = {
      ...body,
      surprise: 1,
      data: { ...data, newField: [1], list: [{ ...(data['list'] as Json[])[0], extra: 'x' }] },
    }
    const page = await adapter('fansmetric').listChatMedia(ctx, '1')
    expect((page.items[0]?.raw as Json)['extra']).toBe('x')
  })

  it('a non-JSON 200 body is UpstreamError', async () => {
    nextBody = '<html>maintenance</html>'
    await expect(adapter('fansmetric').listChats(ctx)).rejects.toBeInstanceOf(UpstreamError)
  })
})

describe('paging always ends', () => {
  it('hasMore true with an empty list ends', async () => {
    nextBody = { data: { list: [], hasMore: true, nextLastId: '5' } }
    expect((await adapter('fansmetric').listChatMedia(ctx, '1')).next).toBeNull()
    nextBody = { list: [], hasMore: true }
    expect((await adapter('ofauth').listChats(ctx)).next).toBeNull()
  })

  it('a provider repeating the cursor it was given is caught by the paging loop', async () => {
    nextBody = { ...fixture('fansmetric-chat-media.json') }
    const a = adapter('fansmetric')
    const pages = pageThrough((cursor) => a.listChatMedia(ctx, '1', { cursor }), {
      provider: 'fansmetric',
      what: 'chat 1 media',
      keyOf: (m) => m.id,
      startCursor: 'last_id:1000000000002',
    })
    const run = async (): Promise<void> => {
      for await (const _page of pages);
    }
    await expect(run()).rejects.toThrow(/cursor "last_id:1000000000002" repeated/)
    expect(a.usage.requests).toBe(1)
  })

  it('OnlyFansAPI: hasMore false wins over a stale next_page', async () => {
    const body = fixture('onlyfansapi-chat-media.json')
    nextBody = { ...body, _pagination: { next_page: 'https://app.onlyfansapi.com/x?offset=20' } }
    expect((await adapter('onlyfansapi').listChatMedia(ctx, '1')).next).toBeNull()
  })

  it('rejects a foreign cursor instead of silently restarting', async () => {
    nextBody = fixture('fansmetric-chat-media.json')
    await expect(
      adapter('fansmetric').listChatMedia(ctx, '1', { cursor: 'offset:10' }),
    ).rejects.toBeInstanceOf(UpstreamError)
  })
})
