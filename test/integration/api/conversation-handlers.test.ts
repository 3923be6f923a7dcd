// The reviewer's channels through the real core and a real catalog: pages of one chat at its
// newest, at a date, around a message, and next to a page (keyset), every message whatever it
// carried, the marks the reviewer shows, and search inside the chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels, type ChannelInput, type ChannelOutput } from '../../../src/shared/contract'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { openCore } from '../../../src/main/core'
import type { Core } from '../../../src/main/core-types'
import { tempDir } from '../../support/temp-dir'
import { attachMedia, chatRow, mediaRow, messageRow } from '../../support/catalog-rows'

const start = Date.parse('2026-01-01T00:00:00.000Z')
const hour = 3_600_000
const total = 250

let core: Core
let chatId: number
let otherChatId: number
const ids: number[] = []

beforeAll(async () => {
  const dir = tempDir().path
  const catalog = openCatalog(dir)
  const account = catalog.accounts.upsert('onlyfansapi', 'acct_1', {})
  const chat = (externalId: string): number =>
    catalog.chats.upsert(
      account.id,
      chatRow(externalId, { externalId, fanId: externalId, fanUsername: null, fanName: externalId }),
    ).id
  chatId = chat('chat_a')
  otherChatId = chat('chat_b')
  catalog.transaction(() => {
    for (let i = 0; i < total; i += 1) {
      // Text-only, most of them: every message is in the conversation, not only media ones.
      const text = i === 120 ? 'the birthday surprise' : `message ${i}`
      const row = catalog.messages.upsert(
        chatId,
        messageRow(`m${i}`, text, new Date(start + i * hour).toISOString(), {
          price: i === 7 ? 12 : null,
          isFree: i !== 7,
          paid: i === 7 ? true : null,
          tip: i === 9 ? 5 : null,
          fromCreator: i % 2 === 0,
          // 20 answers 19; 21 a message the archive lacks; 22 an id only the other chat has.
          replyToId: ({ 20: 'm19', 21: 'm-gone', 22: 'x' } as Record<number, string>)[i] ?? null,
        }),
      )
      ids.push(row.id)
      if (i === 3) {
        const photo = mediaRow('p3', { width: 1, height: 1, createdAt: row.createdAt })
        attachMedia(catalog, account.id, { messageId: row.id, sortAt: row.createdAt }, photo)
      }
    }
    catalog.messages.markDeletedUpstream(
      chatId,
      ids.filter((_, i) => i !== 11),
      '2026-02-01T00:00:00.000Z',
    )
    catalog.messages.upsert(otherChatId, messageRow('x', 'birthday elsewhere', new Date(start).toISOString()))
  })
  catalog.close()
  core = await openCore({ dataDir: dir, transport: 'http' })
})

afterAll(async () => {
  await core.close()
})

async function page(input: ChannelInput<'chat:page'>): Promise<ChannelOutput<'chat:page'>> {
  const output = await core.handlers['chat:page'](channels['chat:page'].input.parse(input))
  return channels['chat:page'].output.parse(output)
}

const numbers = (p: ChannelOutput<'chat:page'>): number[] =>
  p.messages.map((m) => Number(m.externalId.slice(1)))
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)

describe('chat:page', () => {
  it('opens at the newest messages, oldest first, and pages older and newer by keyset', async () => {
    const newest = await page({ chatId, at: { kind: 'newest' }, limit: 60 })
    expect(numbers(newest)).toEqual(range(190, 250))
    expect(newest).toMatchObject({ hasOlder: true, hasNewer: false })

    const first = newest.messages[0]!
    const older = await page({ chatId, at: { kind: 'older', cursor: first }, limit: 60 })
    expect(numbers(older)).toEqual(range(130, 190))
    expect(older).toMatchObject({ hasOlder: true, hasNewer: true })

    const last = older.messages.at(-1)!
    const newer = await page({ chatId, at: { kind: 'newer', cursor: last }, limit: 60 })
    expect(numbers(newer)).toEqual(range(190, 250))
    expect(newer.hasNewer).toBe(false)

    const oldest = await page({
      chatId,
      at: { kind: 'older', cursor: { createdAt: new Date(start + 20 * hour).toISOString(), id: ids[20]! } },
      limit: 60,
    })
    expect(numbers(oldest)).toEqual(range(0, 20))
    expect(oldest.hasOlder).toBe(false)
  })

  it('opens at the oldest messages', async () => {
    const oldest = await page({ chatId, at: { kind: 'oldest' }, limit: 30 })
    expect(numbers(oldest)).toEqual(range(0, 30))
    expect(oldest).toMatchObject({ hasOlder: false, hasNewer: true })
  })

  it('opens at a date given in any offset: half before it, the rest from it on', async () => {
    // 100 hours after the start, written as +02:00 local time.
    const date = '2026-01-05T06:00:00+02:00'
    const at = await page({ chatId, at: { kind: 'date', date }, limit: 40 })
    expect(numbers(at)).toEqual(range(80, 120))
    expect(at).toMatchObject({ hasOlder: true, hasNewer: true })
  })

  it('opens around one message, which it holds, and says so when the chat does not have it', async () => {
    const around = await page({ chatId, at: { kind: 'message', messageId: ids[120]! }, limit: 20 })
    expect(numbers(around)).toEqual(range(110, 130))
    await expect(
      core.handlers['chat:page']({
        chatId: otherChatId,
        at: { kind: 'message', messageId: ids[120]! },
        limit: 20,
      }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      core.handlers['chat:page']({ chatId: 999_999, at: { kind: 'newest' }, limit: 20 }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('carries what the reviewer marks: sides, price and paid, tip, deleted upstream, media', async () => {
    const oldest = await page({
      chatId,
      at: { kind: 'date', date: new Date(start).toISOString() },
      limit: 30,
    })
    const byNumber = new Map(oldest.messages.map((m) => [Number(m.externalId.slice(1)), m]))
    expect(byNumber.get(0)).toMatchObject({ fromCreator: true, text: 'message 0', media: [], tip: null })
    expect(byNumber.get(1)?.fromCreator).toBe(false)
    expect(byNumber.get(3)?.media.map((m) => m.type)).toEqual(['photo'])
    expect(byNumber.get(7)).toMatchObject({ price: 12, isFree: false, paid: true })
    expect(byNumber.get(9)?.tip).toBe(5)
    expect(byNumber.get(11)?.deletedUpstreamAt).toBe('2026-02-01T00:00:00.000Z')
    expect(byNumber.get(12)?.deletedUpstreamAt).toBeNull()
  })

  it('quotes what a reply answers from the same chat, and says when the archive lacks it', async () => {
    const around = await page({ chatId, at: { kind: 'message', messageId: ids[20] ?? 0 }, limit: 10 })
    const byNumber = new Map(around.messages.map((m) => [Number(m.externalId.slice(1)), m]))
    expect(byNumber.get(20)?.replyTo).toEqual({
      archived: true,
      id: ids[19],
      text: 'message 19',
      fromCreator: false,
    })
    expect(byNumber.get(21)?.replyTo).toEqual({ archived: false })
    // Provider ids are per chat: the other chat's 'x' is not what this message answers.
    expect(byNumber.get(22)?.replyTo).toEqual({ archived: false })
    expect(byNumber.get(19)?.replyTo).toBeNull()
  })

  it('refuses a page size past the cap and a date that is not one', () => {
    expect(
      channels['chat:page'].input.safeParse({ chatId, at: { kind: 'newest' }, limit: 201 }).success,
    ).toBe(false)
    expect(
      channels['chat:page'].input.safeParse({ chatId, at: { kind: 'date', date: 'yesterday' } }).success,
    ).toBe(false)
  })
})

describe('chat:search', () => {
  it("finds the chat's own messages only, oldest first, with the total; past `limit` its newest, total a lower bound", async () => {
    const found = await core.handlers['chat:search'](
      channels['chat:search'].input.parse({ chatId, search: 'birthday' }),
    )
    expect(found).toEqual({
      hits: [{ id: ids[120], createdAt: new Date(start + 120 * hour).toISOString() }],
      total: 1,
    })
    const many = await core.handlers['chat:search'](
      channels['chat:search'].input.parse({ chatId, search: 'message', limit: 5 }),
    )
    // The reviewer opens at the newest hit: the newest 5, and "5+" (counting all of a common
    // word's hits in a big chat reads its whole list: chat-search.ts).
    expect(many).toMatchObject({ total: 5, totalIsLowerBound: true })
    expect(many.hits.map((h) => h.id)).toEqual(ids.slice(-5))
    const all = await core.handlers['chat:search'](
      channels['chat:search'].input.parse({ chatId, search: 'message', limit: total }),
    )
    expect(all.total).toBe(total - 1)
    expect(all.totalIsLowerBound).toBeUndefined()
    expect(all.hits.map((h) => h.id)).toEqual(ids.filter((_, i) => i !== 120))
  })

  it('answers the next older page from `olderFrom`, and says a cursor from another chat is unknown', async () => {
    const search = (extra: object): ReturnType<(typeof core.handlers)['chat:search']> =>
      core.handlers['chat:search'](
        channels['chat:search'].input.parse({ chatId, search: 'message', limit: 5, ...extra }),
      )
    const newest = await search({})
    expect(newest.olderFrom).toBe(newest.hits[0]?.id)
    const older = await search({ before: newest.olderFrom })
    expect(older).toMatchObject({ total: 5, totalIsLowerBound: true })
    expect(older.hits.map((h) => h.id)).toEqual(ids.slice(-10, -5))
    await expect(search({ before: 987_654_321 })).rejects.toMatchObject({ code: 'not_found' })
  })
})
