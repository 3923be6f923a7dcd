// The onlyfansapi-fansly adapter against the fake provider server: paging, batched
// account-media, statuses, access rules, downloads byte-exact through the proxy and the CDN.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthError, NotFound, RateLimited } from '../../../src/main/providers/errors'
import { createOnlyFansApiFanslyAdapter } from '../../../src/main/providers/onlyfansapi-fansly'
import type {
  DownloadRequest,
  ProviderAdapter,
  ProviderChat,
  ProviderMedia,
  ProviderMessage,
} from '../../../src/main/providers/types'
import { fakeTier } from '../../fake-providers/fansly-message-views'
import { type FakeProviders, startFakeProviders } from '../../fake-providers/server'

const provider = 'onlyfansapi-fansly'
const ctx = { account: 'fansly_acct_fake_1' }

let fake: FakeProviders
let big: FakeProviders

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 7 })
  // Chats longer than one page (100 messages), so older pages leave accountMedia out.
  big = await startFakeProviders({
    seed: 9,
    specials: false,
    chats: 2,
    messagesPerChat: 230,
    mediaPerMessage: [0, 2],
  })
})
afterAll(async () => {
  await fake.close()
  await big.close()
})

function adapterFor(server: FakeProviders, apiKey = server.keys[provider]): ProviderAdapter {
  return createOnlyFansApiFanslyAdapter({ apiKey, baseUrl: server.url })
}

async function allChats(adapter: ProviderAdapter): Promise<ProviderChat[]> {
  const chats: ProviderChat[] = []
  let cursor: string | null = null
  for (let i = 0; i < 50; i += 1) {
    const page = await adapter.listChats(ctx, cursor)
    chats.push(...page.items)
    if (page.next === null) return chats
    cursor = page.next
  }
  throw new Error('chat paging did not end')
}

async function allMessages(
  adapter: ProviderAdapter,
  chatId: string,
  type?: 'photos' | 'videos' | 'audios',
): Promise<{ messages: ProviderMessage[]; pages: number }> {
  const messages: ProviderMessage[] = []
  let cursor: string | null = null
  for (let pages = 1; pages < 50; pages += 1) {
    const page = await adapter.listChatMedia(ctx, chatId, { cursor, ...(type ? { type } : {}) })
    messages.push(...page.items)
    if (page.next === null) return { messages, pages }
    cursor = page.next
  }
  throw new Error('message paging did not end')
}

const accountMediaCalls = (server: FakeProviders): string[] =>
  server.requestLog.filter((e) => e.path.includes('/account-media/')).map((e) => e.path)

async function fetchBytes(request: DownloadRequest): Promise<{ status: number; sha256: string }> {
  const response = await fetch(request.url, { headers: { ...request.headers }, redirect: 'follow' })
  const body = Buffer.from(await response.arrayBuffer())
  return { status: response.status, sha256: createHash('sha256').update(body).digest('hex') }
}

function mediaOf(messages: readonly ProviderMessage[]): Map<string, ProviderMedia> {
  const map = new Map<string, ProviderMedia>()
  for (const message of messages) for (const media of message.media) map.set(media.providerMediaId, media)
  return map
}

describe('onlyfansapi-fansly against the fake provider', () => {
  it('lists every chat with the fan as partner, one request per page', async () => {
    const adapter = adapterFor(fake)
    const chats = await allChats(adapter)
    const account = fake.dataset.account(provider, ctx.account)!
    expect(chats.map((c) => c.id).sort()).toEqual(account.chats.map((c) => c.id).sort())
    const first = account.chats[0]!
    expect(chats.find((c) => c.id === first.id)).toMatchObject({
      fanId: first.fan.id,
      fanName: first.fan.name,
    })
    for (const chat of chats)
      expect(chat.lastMessageId).toBe(
        account.chats.find((c) => c.id === chat.id)?.messages.at(-1)?.id ?? null,
      )
    expect(adapter.usage.requests).toBe(1)
    expect(adapter.usage.credits).toBe(1)
  })

  it('pages every message newest first, resolving every media item of every chat', async () => {
    const adapter = adapterFor(big)
    const account = big.dataset.account(provider, ctx.account)!
    await allChats(adapter)
    const before = accountMediaCalls(big).length
    let messagePages = 0
    for (const chat of account.chats) {
      const { messages, pages } = await allMessages(adapter, chat.id)
      messagePages += pages
      const times = messages.map((m) => Date.parse(m.createdAt))
      expect(times).toEqual([...times].sort((a, b) => b - a))
      expect([...mediaOf(messages).keys()].sort()).toEqual(big.dataset.chatMediaIds(account, chat.id).sort())
      for (const message of messages) {
        const source = chat.messages.find((m) => m.id === message.id)!
        expect(message.text).toBe(source.text)
        expect(message.fromCreator).toBe(source.fromCreator)
        expect(message.media.map((m) => m.providerMediaId)).toEqual(source.mediaIds)
      }
    }
    // 230 messages: pages of 100, 100, 30, and the empty page that ends each chat.
    expect(messagePages).toBe(account.chats.length * 4)
    // Older pages leave items out: one batched call per such page, never one per item.
    const calls = accountMediaCalls(big).slice(before)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls.length).toBeLessThanOrEqual(account.chats.length * 2)
    expect(adapter.usage.requests).toBe(big.apiRequestCount(provider))
  })

  it('fetches N ids in one /account-media call (1 credit) and chunks larger sets', async () => {
    const adapter = adapterFor(big)
    const ids = big.dataset.allMedia(provider).map((m) => m.id)
    expect(ids.length).toBeGreaterThan(120)
    const start = accountMediaCalls(big).length
    const forty = await adapter.refreshMedia(ctx, 'any', ids.slice(0, 40))
    expect(forty.size).toBe(40)
    expect(accountMediaCalls(big).length - start).toBe(1)
    expect(adapter.usage).toEqual({ requests: 1, credits: 1 })
    const many = await adapter.refreshMedia(ctx, 'any', [
      ...ids.slice(0, 120),
      'unknown-id'.replace(/\D/g, '') || '1',
    ])
    expect(many.size).toBe(120)
    expect(accountMediaCalls(big).length - start).toBe(1 + 3)
  })

  it('catalogues locked, not-ready, stream-only, errored and shared items with their status', async () => {
    const adapter = adapterFor(fake)
    const account = fake.dataset.account(provider, ctx.account)!
    await allChats(adapter)
    const all = new Map<string, ProviderMedia>()
    const chatsPerMedia = new Map<string, number>()
    for (const chat of account.chats) {
      const found = mediaOf((await allMessages(adapter, chat.id)).messages)
      for (const [id, media] of found) {
        all.set(id, media)
        chatsPerMedia.set(id, (chatsPerMedia.get(id) ?? 0) + 1)
      }
    }
    const byState = (state: string): ProviderMedia[] =>
      fake.dataset
        .allMedia(provider)
        .filter((m) => m.state === state)
        .map((m) => all.get(m.id)!)
    const locked = byState('locked')
    expect(locked).toHaveLength(2)
    for (const media of locked) {
      expect(media.canView).toBe(false)
      expect(media.variants.find((v) => v.kind === 'full')?.url).toBeNull()
      expect(media.variants.find((v) => v.kind === 'preview')?.url).toBeTruthy()
      // $9.99 OR $4.99 with the tier: every rule set is kept.
      expect(media.accessRules).toEqual([
        expect.objectContaining({ ruleSet: 0, kind: 'ppv', price: 9.99 }),
        expect.objectContaining({ ruleSet: 1, kind: 'ppv', price: 4.99 }),
        expect.objectContaining({
          ruleSet: 1,
          kind: 'subscription',
          tierId: fakeTier.id,
          tierName: fakeTier.name,
        }),
      ])
    }
    expect(byState('not_ready').map((m) => [m.isReady, m.hasError, m.canView])).toEqual([
      [false, false, true],
    ])
    expect(byState('drm').map((m) => [m.drm, m.type])).toEqual([[true, 'video']])
    expect(byState('error').map((m) => [m.hasError, m.isReady])).toEqual([[true, true]])
    expect(Math.max(...chatsPerMedia.values())).toBe(3)
  })

  it('downloads full files through the proxy and previews straight from the CDN, byte-exact', async () => {
    const adapter = adapterFor(fake)
    const account = fake.dataset.account(provider, ctx.account)!
    const chat = account.chats[0]!
    const media = [...mediaOf((await allMessages(adapter, chat.id)).messages).values()]
    const video = media.find((m) => m.type === 'video' && m.canView && m.isReady && !m.drm)!
    const full = adapter.resolveDownload(ctx, video, 'full')!
    expect(full.url.startsWith(`${fake.url}/api/fansly/${ctx.account}/media/download/`)).toBe(true)
    expect(full.headers['authorization']).toBe(`Bearer ${fake.keys[provider]}`)
    expect(full.expiresAt).toBeGreaterThan(Date.now())
    expect(await fetchBytes(full)).toEqual({
      status: 200,
      sha256: fake.dataset.expectedSha256(video.providerMediaId),
    })
    // The IP-bound CDN URL itself is refused to us, as it would be on the real CDN.
    const cdn = video.variants.find((v) => v.kind === 'full')!.url!
    expect((await fetch(cdn)).status).toBe(403)
    const low = adapter.resolveDownload(ctx, video, 'full', '240')!
    expect((await fetchBytes(low)).sha256).toBe(
      fake.dataset.expectedSha256(video.providerMediaId, 'full', '240'),
    )
    const thumb = adapter.resolveDownload(ctx, video, 'thumb')!
    expect(thumb.headers).toEqual({})
    expect(thumb.url.startsWith(`${fake.url}/cdn/fansly/`)).toBe(true)
    expect(await fetchBytes(thumb)).toEqual({
      status: 200,
      sha256: fake.dataset.expectedSha256(video.providerMediaId, 'thumb'),
    })
    const locked = media.find((m) => !m.canView)!
    const preview = adapter.resolveDownload(ctx, locked, 'preview')!
    expect((await fetchBytes(preview)).sha256).toBe(
      fake.dataset.expectedSha256(locked.providerMediaId, 'preview'),
    )
    expect(adapter.resolveDownload(ctx, locked, 'full')).toBeNull()
  })

  it('refreshes a video once it finished transcoding', async () => {
    const adapter = adapterFor(fake)
    const pending = fake.dataset.allMedia(provider).find((m) => m.state === 'not_ready')!
    const before = await adapter.refreshMedia(ctx, 'any', [pending.id])
    expect(before.get(pending.id)?.isReady).toBe(false)
    fake.dataset.markReady(pending.id)
    const after = (await adapter.refreshMedia(ctx, 'any', [pending.id])).get(pending.id)!
    expect(after.isReady).toBe(true)
    const request = adapter.resolveDownload(ctx, after, 'full')!
    expect((await fetchBytes(request)).sha256).toBe(fake.dataset.expectedSha256(pending.id))
  })

  it('reads the expiry from the Policy, and a refresh replaces an expired URL', async () => {
    const adapter = adapterFor(fake)
    const chat = fake.dataset.account(provider, ctx.account)!.chats[1]!
    fake.faults({ urlTtlSeconds: 1 })
    const photo = [...mediaOf((await allMessages(adapter, chat.id)).messages).values()].find(
      (m) => m.type === 'photo' && m.canView,
    )!
    fake.resetFaults()
    const stale = adapter.resolveDownload(ctx, photo, 'full')!
    expect(stale.expiresAt).toBeLessThanOrEqual(Date.now() + 1000)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (stale.expiresAt ?? 0) - Date.now()) + 50))
    expect((await fetchBytes(stale)).status).toBe(403)
    const fresh = (await adapter.refreshMedia(ctx, chat.id, [photo.providerMediaId])).get(
      photo.providerMediaId,
    )!
    const request = adapter.resolveDownload(ctx, fresh, 'full')!
    expect(request.expiresAt).toBeGreaterThan(Date.now() + 60_000)
    expect(await fetchBytes(request)).toEqual({
      status: 200,
      sha256: fake.dataset.expectedSha256(photo.providerMediaId),
    })
  })

  it('filters by type and tells who sent a message without the chat list', async () => {
    const adapter = adapterFor(fake)
    const account = fake.dataset.account(provider, ctx.account)!
    const chat = account.chats[0]!
    const { messages } = await allMessages(adapter, chat.id, 'videos')
    expect(messages.length).toBeGreaterThan(0)
    expect(messages.every((m) => m.media.every((x) => x.type === 'video'))).toBe(true)
    for (const message of messages) {
      expect(message.fromCreator).toBe(chat.messages.find((m) => m.id === message.id)!.fromCreator)
    }
  })

  it('maps refusals to typed errors', async () => {
    await expect(adapterFor(fake, 'wrong-key-0123456789').listChats(ctx)).rejects.toBeInstanceOf(AuthError)
    await expect(adapterFor(fake).listChatMedia(ctx, '999')).rejects.toBeInstanceOf(NotFound)
    fake.faults({ burst429: 1, retryAfterSeconds: 7 })
    const error = await adapterFor(fake)
      .listChats(ctx)
      .catch((e: unknown) => e)
    fake.resetFaults()
    expect(error).toBeInstanceOf(RateLimited)
    expect((error as RateLimited).retryAfterMs).toBe(7000)
  })
})
