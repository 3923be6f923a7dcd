// The three OnlyFans-family adapters against the fake providers over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../../src/shared/domain'
import { AuthError, NotFound, RateLimited, UpstreamError } from '../../../src/main/providers/errors'
import { createAdapter } from '../../../src/main/providers/registry'
import type {
  AdapterContext,
  ProviderAdapter,
  ProviderMedia,
  ProviderMessage,
} from '../../../src/main/providers/types'
import { type FakeProviders, startFakeProviders } from '../../fake-providers/server'
import { allItems } from '../../support/pages'
import { adapterSetup, type AdapterSetup, fetchDownload, sleep } from './support'
import { providerMedia } from '../../support/provider-media'

const providers = ['onlyfansapi', 'ofauth', 'fansmetric'] as const satisfies readonly ProviderId[]

let fake: FakeProviders
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 7, chats: 23, messagesPerChat: 45, mediaPerMessage: [0, 3] })
})
afterAll(() => fake.close())
beforeEach(() => fake.resetFaults())

const setup = (provider: (typeof providers)[number]): AdapterSetup => adapterSetup(fake, provider)

async function allMessages(
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  chatId: string,
  type?: 'videos',
): Promise<ProviderMessage[]> {
  return allItems(adapter.id, (cursor) =>
    adapter.listChatMedia(ctx, chatId, { cursor, ...(type ? { type } : {}) }),
  )
}

const findMedia = (messages: readonly ProviderMessage[], id: string): ProviderMedia | undefined =>
  messages.flatMap((m) => m.media).find((m) => m.providerMediaId === id)

describe.each(providers)('%s adapter against the fake', (provider) => {
  it('pages every chat, with fan names kept verbatim', async () => {
    const { adapter, ctx, account } = setup(provider)
    const chats = await allItems(provider, (c) => adapter.listChats(ctx, c))
    expect(chats.map((c) => c.id).sort()).toEqual(account.chats.map((c) => c.id).sort())
    // The newest message's id, which lets a re-sync skip an unchanged chat.
    for (const chat of chats)
      expect(chat.lastMessageId).toBe(
        account.chats.find((c) => c.id === chat.id)?.messages.at(-1)?.id ?? null,
      )
    expect(chats.every((c) => c.lastMessageId !== null)).toBe(true)
    if (provider !== 'ofauth') {
      const names = new Set(chats.map((c) => c.fanName))
      expect(names.has('../../etc/passwd')).toBe(true)
      expect([...names].some((n) => (n ?? '').length === 10 * 1024)).toBe(true)
    }
  })

  it('lists every media item of a chat across pages, newest first', async () => {
    const { adapter, ctx, account } = setup(provider)
    const chat = account.chats[0]!
    const messages = await allMessages(adapter, ctx, chat.id)
    const ids = new Set(messages.flatMap((m) => m.media.map((x) => x.providerMediaId)))
    expect([...ids].sort()).toEqual(fake.dataset.chatMediaIds(account, chat.id).sort())
    const times = messages.map((m) => Date.parse(m.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    for (const m of messages) {
      expect(m.chatId).toBe(chat.id)
      expect(m.text).not.toMatch(/<script|<img|<p>/)
    }
  })

  it('filters by type', async () => {
    const { adapter, ctx, account } = setup(provider)
    const messages = await allMessages(adapter, ctx, account.chats[1]!.id, 'videos')
    const media = messages.flatMap((m) => m.media)
    expect(media.length).toBeGreaterThan(0)
    expect(media.every((m) => m.type === 'video')).toBe(true)
  })

  it('reports locked, DRM, not-ready, errored and shared media faithfully', async () => {
    const { adapter, ctx, account } = setup(provider)
    const messages = await allMessages(adapter, ctx, account.chats[0]!.id)
    const byState = (state: string): ProviderMedia[] =>
      fake.dataset
        .chatMediaIds(account, account.chats[0]!.id)
        .filter((id) => fake.dataset.media(id)?.state === state)
        .map((id) => findMedia(messages, id) as ProviderMedia)
    const [locked] = byState('locked')
    expect(locked).toMatchObject({ canView: false })
    expect(adapter.resolveDownload(ctx, locked!, 'full')).toBeNull()
    expect(adapter.resolveDownload(ctx, locked!, 'preview')).not.toBeNull()
    expect(byState('drm')[0]).toMatchObject({ drm: true })
    expect(adapter.resolveDownload(ctx, byState('drm')[0]!, 'full')).toBeNull()
    expect(byState('not_ready')[0]).toMatchObject({ isReady: false })
    expect(byState('error')[0]).toMatchObject({ hasError: true })
    const shared = fake.dataset
      .chatMediaIds(account, account.chats[1]!.id)
      .find((id) => fake.dataset.chatMediaIds(account, account.chats[2]!.id).includes(id))
    expect(shared).toBeDefined()
    expect(findMedia(messages, shared!)).toBeDefined()
  })

  it('resolves downloads whose bytes match the dataset (full, thumb, 720p)', async () => {
    const { adapter, ctx, account } = setup(provider)
    const messages = await allMessages(adapter, ctx, account.chats[2]!.id)
    const media = messages
      .flatMap((m) => m.media)
      .filter((m) => fake.dataset.media(m.providerMediaId)?.state === 'ok')
    const picks = ['photo', 'video', 'audio']
      .map((t) => media.find((m) => m.type === t))
      .filter(Boolean) as ProviderMedia[]
    expect(picks.length).toBeGreaterThanOrEqual(2)
    for (const item of picks) {
      const request = adapter.resolveDownload(ctx, item, 'full')!
      expect(request.expiresAt).toBeGreaterThan(Date.now())
      if (provider === 'onlyfansapi') {
        expect(request.url).toContain(`/api/${account.id}/media/download/`)
        expect(request.headers['authorization']).toBe(`Bearer ${fake.keys.onlyfansapi}`)
      }
      const got = await fetchDownload(request)
      expect(got.status).toBe(200)
      expect(got.sha256).toBe(fake.dataset.expectedSha256(item.providerMediaId, 'full'))
    }
    const video = picks.find((m) => m.type === 'video')
    if (video) {
      const hd = await fetchDownload(adapter.resolveDownload(ctx, video, 'full', '720')!)
      expect(hd.sha256).toBe(fake.dataset.expectedSha256(video.providerMediaId, 'full', '720'))
      const thumb = await fetchDownload(adapter.resolveDownload(ctx, video, 'thumb')!)
      expect(thumb.body.subarray(1, 4).toString()).toBe('PNG')
      expect(thumb.sha256).toBe(fake.dataset.expectedSha256(video.providerMediaId, 'thumb'))
    }
  })

  it('sends no key to third-party CDN hosts', () => {
    const { adapter, ctx } = setup(provider)
    const media = providerMedia({
      variants: [
        {
          kind: 'full',
          url: 'https://cdn2.onlyfans.com/files/a.jpg?Expires=2000000000&Signature=x',
          width: null,
          height: null,
          size: null,
          mime: null,
          quality: 'source',
        },
      ],
    })
    const request = adapter.resolveDownload(ctx, media, 'full')!
    expect(request.expiresAt).toBe(2_000_000_000_000)
    if (provider === 'onlyfansapi') expect(request.url.startsWith(`${fake.url}/api/`)).toBe(true)
    else expect(request.headers).toEqual({})
  })

  it('an expired URL is refused (403); refreshMedia returns a working one', async () => {
    const { adapter, ctx, account } = setup(provider)
    fake.faults({ urlTtlSeconds: 1 })
    const chatId = account.chats[3]!.id
    const [first] = (await adapter.listChatMedia(ctx, chatId)).items
    const item = first!.media.find((m) => m.canView && m.isReady && !m.drm && !m.hasError)!
    const stale = adapter.resolveDownload(ctx, item, 'full')!
    await sleep(1100)
    expect(stale.expiresAt! <= Date.now()).toBe(true)
    expect((await fetchDownload(stale)).status).toBe(403)
    fake.faults({ urlTtlSeconds: 3600 })
    const fresh = await adapter.refreshMedia(ctx, chatId, [item.providerMediaId, 'no-such-id'])
    expect(fresh.has('no-such-id')).toBe(false)
    const again = await fetchDownload(adapter.resolveDownload(ctx, fresh.get(item.providerMediaId)!, 'full')!)
    expect(again.status).toBe(200)
    expect(again.sha256).toBe(fake.dataset.expectedSha256(item.providerMediaId))
  })

  it('a not-ready item becomes downloadable after markReady + refreshMedia', async () => {
    const { adapter, ctx, account } = setup(provider)
    const chat = account.chats[4]!
    const message = fake.dataset.addMessage(provider, account.id, chat.id, {
      mediaCount: 1,
      types: ['video'],
      state: 'not_ready',
    })
    const id = message.mediaIds[0]!
    const before = await adapter.refreshMedia(ctx, chat.id, [id])
    expect(before.get(id)).toMatchObject({ isReady: false })
    expect(adapter.resolveDownload(ctx, before.get(id)!, 'full')).toBeNull()
    fake.dataset.markReady(id)
    const after = await adapter.refreshMedia(ctx, chat.id, [id])
    expect(after.get(id)).toMatchObject({ isReady: true })
    const fetched = await fetchDownload(adapter.resolveDownload(ctx, after.get(id)!, 'full')!)
    expect(fetched.sha256).toBe(fake.dataset.expectedSha256(id))
  })

  it('sees a new message first on the next listing (incremental sync)', async () => {
    const { adapter, ctx, account } = setup(provider)
    const chat = account.chats[5]!
    const added = fake.dataset.addMessage(provider, account.id, chat.id, {
      mediaCount: 2,
      text: '<p>fresh &amp; new</p>',
    })
    const page = await adapter.listChatMedia(ctx, chat.id)
    expect(page.items[0]?.id).toBe(added.id)
    expect(page.items[0]?.text).toBe('fresh & new')
    expect(page.items[0]?.media.map((m) => m.providerMediaId)).toEqual(added.mediaIds)
  })

  it('maps refused keys, unknown chats, 429, 5xx and truncated bodies to typed errors, never leaking the key', async () => {
    const { ctx, account } = setup(provider)
    const wrongKey = 'WRONG_KEY_abcdef0123456789'
    const bad = createAdapter(provider, { apiKey: wrongKey, baseUrl: fake.url })
    const authError = await bad.listChats(ctx).catch((e: unknown) => e)
    expect(authError).toBeInstanceOf(AuthError)
    expect((authError as Error).message).not.toContain(wrongKey)
    expect((authError as AuthError).status).toBe(401)

    const { adapter } = setup(provider)
    await expect(adapter.listChatMedia(ctx, '999999999')).rejects.toBeInstanceOf(NotFound)

    fake.faults({ burst429: 1, retryAfterSeconds: 2 })
    const limited = await adapter.listChats(ctx).catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(RateLimited)
    expect((limited as RateLimited).retryAfterMs).toBe(2000)
    await expect(adapter.listChats(ctx)).resolves.toBeDefined()

    fake.faults({ status5xxRate: 1 })
    await expect(adapter.listChats(ctx)).rejects.toBeInstanceOf(UpstreamError)
    fake.faults({ status5xxRate: 0, truncateRate: 1, target: 'api' })
    await expect(adapter.listChatMedia(ctx, account.chats[0]!.id)).rejects.toBeInstanceOf(UpstreamError)
    fake.faults({ truncateRate: 0, resetRate: 1 })
    await expect(adapter.listChats(ctx)).rejects.toBeInstanceOf(UpstreamError)
  })

  it('counts requests and credits', async () => {
    const { adapter, ctx, account } = setup(provider)
    const before = fake.apiRequestCount(provider)
    await adapter.listChats(ctx)
    await adapter.listChatMedia(ctx, account.chats[0]!.id)
    expect(adapter.usage.requests).toBe(2)
    expect(fake.apiRequestCount(provider) - before).toBe(2)
    // OFAuth reports no credits: each request counts 1 (design §8), as the others report.
    expect(adapter.usage.credits).toBe(2)
    expect(adapter.rateLimit?.remainingMinute).toBeTypeOf('number')
  })
})

describe('provider-specific refusals', () => {
  it('FansMetric 424 (OnlyFans session lost) is an AuthError', async () => {
    const adapter = createAdapter('fansmetric', { apiKey: fake.keys.fansmetric, baseUrl: fake.url })
    const error = await adapter.listChats({ account: 'acct_fake_fm_lost' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).status).toBe(424)
    expect((error as Error).message).toContain('sync_lost')
  })

  it('OFAuth without a connection id is an AuthError before any request', async () => {
    const adapter = createAdapter('ofauth', { apiKey: fake.keys.ofauth, baseUrl: fake.url })
    await expect(adapter.listChats({ account: '900000002' })).rejects.toBeInstanceOf(AuthError)
    expect(adapter.usage.requests).toBe(0)
    const expired = await adapter
      .listChats({ account: '1', connectionId: 'conn_gone' })
      .catch((e: unknown) => e)
    expect((expired as Error).message).toContain('SESSION_EXPIRED')
  })

  it('OnlyFansAPI raw CDN URLs are IP-bound: a direct fetch is 403, the proxy works', async () => {
    const { adapter, ctx, account } = setup('onlyfansapi')
    const page = await adapter.listChatMedia(ctx, account.chats[6]!.id)
    const item = page.items
      .flatMap((m) => m.media)
      .find((m) => m.canView && m.isReady && !m.drm && !m.hasError)!
    const raw = item.variants.find((v) => v.kind === 'full')!.url!
    expect((await fetchDownload({ url: raw, headers: {}, expiresAt: null })).status).toBe(403)
    expect((await fetchDownload(adapter.resolveDownload(ctx, item, 'full')!)).status).toBe(200)
  })
})
