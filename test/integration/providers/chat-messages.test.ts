// listChatMessages of all four adapters against the fake providers over real HTTP: every message of
// a chat exactly once, text-only ones included, with its exact text, side, time, tip, reply and
// mass-message flag, both OnlyFansAPI envelopes, a message deleted upstream, and what reading a
// conversation costs in requests (the numbers in src/main/providers/README.md).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../../src/shared/domain'
import { providerMeta } from '../../../src/shared/providers'
import { htmlToText } from '../../../src/main/providers/html-text'
import type { AdapterContext, ProviderAdapter, ProviderMessage } from '../../../src/main/providers/types'
import type { FakeChat, FakeMessage } from '../../fake-providers/dataset'
import { fanslyReportedTime } from '../../fake-providers/fansly-message-views'
import { type FakeProviders, startFakeProviders } from '../../fake-providers/server'
import { allItems } from '../../support/pages'
import { adapterSetup } from './support'

const providers = ['onlyfansapi', 'onlyfansapi-fansly', 'ofauth', 'fansmetric'] as const

let fake: FakeProviders
beforeAll(async () => {
  // 130 messages a chat: more than one page everywhere (100 at most per page).
  fake = await startFakeProviders({ seed: 5, chats: 3, messagesPerChat: 130, mediaPerMessage: [0, 2] })
})
afterAll(() => fake.close())
beforeEach(() => fake.resetFaults())

const setup = adapterSetup

async function conversation(
  adapter: ProviderAdapter,
  ctx: AdapterContext,
  chatId: string,
): Promise<ProviderMessage[]> {
  // Fansly learns the fan from the chat list; the others need nothing first.
  await allItems(adapter.id, (cursor) => adapter.listChats(ctx, cursor))
  return allItems(adapter.id, (cursor) => adapter.listChatMessages(ctx, chatId, { cursor }))
}

function expectedText(provider: ProviderId, message: FakeMessage): string {
  return provider === 'onlyfansapi-fansly' ? message.text : htmlToText(message.text)
}

function expectedTime(provider: ProviderId, message: FakeMessage): number {
  return provider === 'onlyfansapi-fansly' ? fanslyReportedTime(message) : message.createdAt
}

/** Every media item as the dataset has it, whichever API generation the fake served it in. */
function expectMedia(provider: ProviderId, message: ProviderMessage): void {
  for (const media of message.media) {
    const source = fake.dataset.media(media.providerMediaId)
    if (!source) throw new Error(`no fake media ${media.providerMediaId}`)
    expect(media.type).toBe(source.type)
    expect(media.durationSec).toBe(source.type === 'photo' ? null : source.durationSec)
    // Audio has no picture: its 0 × 0 is unknown, not zero.
    if (source.type === 'audio') expect([media.width, media.height]).toEqual([null, null])
    else expect([media.width, media.height]).toEqual([source.width, source.height])
    // Fansly renditions are picked from `raw` when a quality is asked for (fansly-variants.ts).
    if (provider === 'onlyfansapi-fansly' || source.state !== 'ok') continue
    const qualities = media.variants.filter((v) => v.kind === 'full' && v.url !== null).map((v) => v.quality)
    if (source.type === 'video') expect(qualities).toEqual(['source', '720', '240'])
    expect(media.variants[0]?.size).toBe(fake.dataset.expectedSize(source.id))
  }
}

function expectConversation(provider: ProviderId, chat: FakeChat, got: readonly ProviderMessage[]): void {
  const want = [...chat.messages].reverse()
  // Every message exactly once, newest first, text-only ones included.
  expect(got.map((m) => m.id)).toEqual(want.map((m) => m.id))
  expect(want.some((m) => m.mediaIds.length === 0)).toBe(true)
  got.forEach((message, index) => {
    const source = want[index] as FakeMessage
    expect(message.text).toBe(expectedText(provider, source))
    expect(message.fromCreator).toBe(source.fromCreator)
    expect(message.senderId).toBe(source.senderId)
    expect(Date.parse(message.createdAt)).toBe(expectedTime(provider, source))
    expect(message.tip).toBe(source.tip)
    expect(message.replyToId).toBe(source.replyToId)
    // Fansly has no mass-message mark.
    expect(message.isMassMessage).toBe(provider === 'onlyfansapi-fansly' ? null : source.isMass)
    expect(message.media.map((m) => m.providerMediaId)).toEqual(source.mediaIds)
    expect(message.media.every((m) => m.problem === undefined)).toBe(true)
    expectMedia(provider, message)
    expect(message.raw).toBeTruthy()
  })
}

describe.each(providers)('%s listChatMessages against the fake', (provider) => {
  it('returns every message of every chat exactly once with exact text, side, time, tip and reply', async () => {
    const { adapter, ctx, account } = setup(fake, provider)
    for (const chat of account.chats)
      expectConversation(provider, chat, await conversation(adapter, ctx, chat.id))
    // The fake's conversations have all of these.
    const all = account.chats.flatMap((c) => c.messages)
    expect(all.some((m) => m.tip !== null)).toBe(true)
    expect(all.some((m) => m.replyToId !== null)).toBe(true)
    expect(all.some((m) => m.isMass)).toBe(true)
  })

  it('no longer lists a message deleted upstream; the rest stays in place', async () => {
    const { adapter, ctx, account } = setup(fake, provider)
    const chat = account.chats[2] as FakeChat
    const victim = chat.messages[60] as FakeMessage
    const before = await conversation(adapter, ctx, chat.id)
    expect(before.some((m) => m.id === victim.id)).toBe(true)
    fake.dataset.deleteMessage(provider, account.id, chat.id, victim.id)
    const after = await conversation(adapter, ctx, chat.id)
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id).filter((id) => id !== victim.id))
    expectConversation(provider, chat, after)
  })

  it('puts a new text-only message first', async () => {
    const { adapter, ctx, account } = setup(fake, provider)
    const chat = account.chats[1] as FakeChat
    const added = fake.dataset.addMessage(provider, account.id, chat.id, {
      mediaCount: 0,
      fromCreator: false,
      text: 'thanks &amp; see <a href="https://x.example/a">this</a>',
    })
    const page = await adapter.listChatMessages(ctx, chat.id)
    expect(page.items[0]).toMatchObject({ id: added.id, fromCreator: false, media: [] })
    expect(page.items[0]?.text).toBe(expectedText(provider, added))
  })
})

describe('OnlyFansAPI messages envelopes', () => {
  it('parses the documented data.list shape and the flat data[] + next_page shape alike', async () => {
    const { adapter, ctx, account } = setup(fake, 'onlyfansapi')
    const chat = account.chats[0] as FakeChat
    const read = async (shape: 'list' | 'flat'): Promise<ProviderMessage[]> => {
      fake.faults({ messagesShape: shape })
      const start = fake.requestLog.length
      const messages = await allItems('onlyfansapi', (cursor) =>
        adapter.listChatMessages(ctx, chat.id, { cursor }),
      )
      const paths = fake.requestLog.slice(start).map((e) => e.path)
      expect(paths.every((p) => p.includes('/messages?limit=100&order=desc'))).toBe(true)
      expect(paths).toHaveLength(2)
      return messages
    }
    const list = await read('list')
    const flat = await read('flat')
    expect(flat.map((m) => m.id)).toEqual(list.map((m) => m.id))
    // The flat shape says isSentByMe; the list shape leaves the side to fromUser: same answer.
    expect(flat.map((m) => m.fromCreator)).toEqual(list.map((m) => m.fromCreator))
    expectConversation('onlyfansapi', chat, flat)
  })
})

describe('requests per 1,000 messages (one chat, read to its end)', () => {
  let thousand: FakeProviders
  beforeAll(async () => {
    thousand = await startFakeProviders({
      seed: 3,
      chats: 1,
      messagesPerChat: 1_000,
      mediaPerMessage: [0, 1],
      specials: false,
    })
  })
  afterAll(() => thousand.close())

  // Message pages at each provider's largest page size. Fansly pages say nothing of `hasMore`, so
  // an empty page ends the chat (one more request), and each older page that leaves media out
  // costs one batched /account-media call (the fake leaves out every third item there).
  it.each([
    ['onlyfansapi', 10, 10],
    ['fansmetric', 10, 10],
    ['ofauth', 100, 100],
    ['onlyfansapi-fansly', 11, 20],
  ] as const)('%s: %i message pages, %i requests', async (provider, pages, requests) => {
    const { adapter, ctx, account } = setup(thousand, provider)
    const chat = account.chats[0] as FakeChat
    await allItems(adapter.id, (cursor) => adapter.listChats(ctx, cursor))
    const start = thousand.requestLog.length
    const creditsBefore = adapter.usage.credits
    const messages = await allItems(provider, (cursor) => adapter.listChatMessages(ctx, chat.id, { cursor }))
    expect(messages).toHaveLength(1_000)
    const log = thousand.requestLog.slice(start)
    expect(log.filter((e) => e.path.includes('/messages')).length).toBe(pages)
    expect(log.length).toBe(requests)
    // The price the app shows before a first whole-conversation sync (src/shared/providers.ts)
    // covers what was measured, requests and credits alike.
    const cost = providerMeta[provider].conversationCost
    expect(requests).toBeLessThanOrEqual(cost.requestsPer1000Messages)
    expect(adapter.usage.credits - creditsBefore).toBeLessThanOrEqual(cost.creditsPer1000Messages)
    expect(cost.requestsPer1000Messages).toBeLessThanOrEqual(requests + 1)
  })
})
