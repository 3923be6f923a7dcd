// Whole conversations in the catalog (migration 0005): writing messages once with their tip, reply
// and flags, the reviewer's pages of a chat (newest, a date, around a message, older and newer,
// ties on time included), search inside one chat, the `messages` listing, and deleted-upstream
// marks on messages and media (an item another chat still carries is not gone).
import { beforeEach, describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import type { MessageInput } from '../../../src/main/catalog/repositories/messages'
import { catalogEachTest } from '../../support/catalog-each-test'
import { attachMedia, mediaRow, messageRow } from '../../support/catalog-rows'
import { mediaQuerySchema, type MediaQuery } from '../../../src/shared/contract'

let catalog: Catalog
catalogEachTest((opened) => {
  catalog = opened
})

function chatOf(accountId: number, id: string, fanName = `Fan ${id}`) {
  return catalog.chats.upsert(accountId, {
    externalId: id,
    fanId: id,
    fanUsername: `user_${id}`,
    fanName,
    lastMessageAt: null,
    raw: {},
  })
}

const message = (
  id: string,
  text: string,
  createdAt: string,
  more: Partial<MessageInput> = {},
): MessageInput => messageRow(id, text, createdAt, { raw: { id }, ...more })

const minute = (n: number): string => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString()

function media(accountId: number, id: string, messageId: number, at: string): number {
  return attachMedia(catalog, accountId, { messageId, sortAt: at }, mediaRow(id, { createdAt: at, size: 10 }))
}

describe('writing messages', () => {
  it('inserts once, keeps what a later route leaves out, and a message listed again is no longer gone', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const chat = chatOf(account.id, 'c1')
    const first = catalog.messages.write(
      chat.id,
      message('m1', 'hi', minute(0), { tip: 5, replyToId: 'm0', isMass: false }),
    )
    expect(first.inserted).toBe(true)
    const again = catalog.messages.write(chat.id, message('m1', 'hi', minute(0), { tip: null }))
    expect(again).toEqual({ id: first.id, inserted: false })
    expect(catalog.messages.get(chat.id, 'm1')).toMatchObject({ tip: 5, replyToId: 'm0', isMass: false })
    expect(catalog.messages.markDeletedUpstream(chat.id, [], '2025-02-01T00:00:00.000Z')).toBe(1)
    expect(catalog.messages.get(chat.id, 'm1')?.deletedUpstreamAt).toBe('2025-02-01T00:00:00.000Z')
    catalog.messages.write(chat.id, message('m1', 'hi (edited)', minute(0), { paid: true }))
    expect(catalog.messages.get(chat.id, 'm1')).toMatchObject({
      text: 'hi (edited)',
      paid: true,
      tip: 5,
      deletedUpstreamAt: null,
    })
    expect(catalog.messages.countInChat(chat.id)).toBe(1)
  })
})

describe('the reviewer pages of one chat', () => {
  let chatId: number
  let ids: number[]
  beforeEach(() => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    chatId = chatOf(account.id, 'c1').id
    // 30 messages, in pairs that share their time: the row id orders a pair.
    ids = Array.from(
      { length: 30 },
      (_, i) => catalog.messages.write(chatId, message(`m${i}`, `text ${i}`, minute(Math.floor(i / 2)))).id,
    )
    // Another chat's messages never appear.
    const other = chatOf(account.id, 'c2').id
    for (let i = 0; i < 10; i++) catalog.messages.write(other, message(`o${i}`, 'other', minute(i)))
  })
  const external = (rows: readonly { externalId: string }[]): string[] => rows.map((r) => r.externalId)
  const range = (from: number, to: number): string[] =>
    Array.from({ length: to - from }, (_, i) => `m${from + i}`)

  it('opens at the newest messages, oldest first', () => {
    const page = catalog.conversation.newest(chatId, 5)
    expect(external(page.messages)).toEqual(range(25, 30))
    expect(page).toMatchObject({ hasOlder: true, hasNewer: false })
  })

  it('pages older and newer from a message, ties on time kept in order', () => {
    const from = catalog.conversation.cursorOf(chatId, ids[11]!)!
    expect(external(catalog.conversation.older(chatId, from, 4).messages)).toEqual(range(7, 11))
    expect(external(catalog.conversation.newer(chatId, from, 4).messages)).toEqual(range(12, 16))
    const start = catalog.conversation.older(chatId, catalog.conversation.cursorOf(chatId, ids[2]!)!, 10)
    expect(external(start.messages)).toEqual(range(0, 2))
    expect(start.hasOlder).toBe(false)
  })

  it('opens at a date: half before it, the rest from it on', () => {
    const page = catalog.conversation.atDate(chatId, minute(7), 6)
    expect(external(page.messages)).toEqual(range(11, 17))
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true })
    expect(external(catalog.conversation.atDate(chatId, minute(100), 4).messages)).toEqual(range(28, 30))
  })

  it('opens around a message, which it holds; not for a message of another chat', () => {
    const page = catalog.conversation.around(chatId, ids[20]!, 6)!
    expect(external(page.messages)).toEqual(range(17, 23))
    expect(page.messages.map((m) => m.id)).toContain(ids[20])
    expect(catalog.conversation.around(chatId, 999_999, 6)).toBeUndefined()
  })
})

describe('search inside a chat', () => {
  it("finds the chat's hits only, oldest first; a scope token typed as a word finds nothing", () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const a = chatOf(account.id, 'ca')
    const b = chatOf(account.id, 'cb')
    catalog.messages.write(a.id, message('a2', 'sunset again', minute(2)))
    catalog.messages.write(a.id, message('a1', 'Sunset at the beach', minute(1)))
    catalog.messages.write(a.id, message('a3', 'nothing here', minute(3)))
    catalog.messages.write(b.id, message('b1', 'sunset elsewhere', minute(0)))
    const hits = catalog.conversation.search(a.id, 'sunset')
    expect(hits.total).toBe(2)
    expect(hits.hits.map((h) => catalog.conversation.cursorOf(a.id, h.id)?.createdAt)).toEqual([
      minute(1),
      minute(2),
    ])
    expect(catalog.conversation.search(a.id, 'sunset -beach').total).toBe(1)
    expect(catalog.conversation.search(b.id, 'sunset').total).toBe(1)
    // The scope column holds "c<id>" and "m": user words never reach it.
    expect(catalog.conversation.search(a.id, `c${a.id}`).total).toBe(0)
    expect(catalog.conversation.search(a.id, 'm').total).toBe(0)
    expect(catalog.conversation.search(a.id, '   ').total).toBe(0)
  })
})

describe('gallery search within one chat', () => {
  it("finds the chat's items whose message matches, through the chat's scope in the index", () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const a = chatOf(account.id, 'ca')
    const b = chatOf(account.id, 'cb')
    const inA = catalog.messages.write(a.id, message('a1', 'sunset pic', minute(1))).id
    const plainA = catalog.messages.write(a.id, message('a2', 'beach pic', minute(2))).id
    const inB = catalog.messages.write(b.id, message('b1', 'sunset pic', minute(3))).id
    const sunsetA = media(account.id, 'pa', inA, minute(1))
    media(account.id, 'pa2', plainA, minute(2))
    const sunsetB = media(account.id, 'pb', inB, minute(3))
    const ids = (query: Partial<MediaQuery>): number[] =>
      catalog.gallery.search(mediaQuerySchema.parse(query)).rows.map((row) => row.id)
    expect(ids({ search: 'sunset', chatId: a.id })).toEqual([sunsetA])
    expect(ids({ search: 'sunset', chatId: b.id })).toEqual([sunsetB])
    expect(ids({ search: 'sunset -pic', chatId: a.id })).toEqual([])
    expect(ids({ search: 'sunset' }).sort()).toEqual([sunsetA, sunsetB].sort())
  })
})

describe('the messages listing', () => {
  it('lists every message per chat oldest first, with its media ids in order and its marks', () => {
    const account = catalog.accounts.upsert('fansmetric', 'acct')
    const chat = chatOf(account.id, 'c1')
    const late = catalog.messages.write(
      chat.id,
      message('m2', 'with photos', minute(5), { hasMedia: true, tip: 2.5 }),
    )
    catalog.messages.write(chat.id, message('m1', 'text only', minute(1), { fromCreator: false }))
    media(account.id, 'p9', late.id, minute(5))
    attachMedia(
      catalog,
      account.id,
      { messageId: late.id, sortAt: minute(5) },
      mediaRow('p3', { type: 'video' }),
      1,
    )
    const rows = [...catalog.messageList.list({ provider: 'fansmetric' })]
    expect(rows.map((r) => [r.messageId, r.fromCreator, r.tip, r.mediaIds])).toEqual([
      ['m1', false, null, []],
      ['m2', true, 2.5, ['p9', 'p3']],
    ])
    expect([...catalog.messageList.list({ provider: 'ofauth' })]).toEqual([])
    expect([...catalog.messageList.list({ search: 'photos' })].map((r) => r.messageId)).toEqual(['m2'])
  })
})

describe('deleted upstream', () => {
  it('marks the chat messages a full pass did not see, and the items no chat still carries', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const a = chatOf(account.id, 'ca')
    const b = chatOf(account.id, 'cb')
    const kept = catalog.messages.write(a.id, message('a1', 'kept', minute(1), { hasMedia: true }))
    const gone = catalog.messages.write(a.id, message('a2', 'gone', minute(2), { hasMedia: true }))
    const elsewhere = catalog.messages.write(b.id, message('b1', 'shared', minute(3), { hasMedia: true }))
    const own = media(account.id, 'own', gone.id, minute(2))
    const shared = media(account.id, 'shared', gone.id, minute(2))
    catalog.messages.linkMedia(elsewhere.id, shared, 0)
    const stays = media(account.id, 'stays', kept.id, minute(1))
    const at = '2025-03-01T00:00:00.000Z'
    expect(catalog.messages.markDeletedUpstream(a.id, [kept.id], at)).toBe(1)
    expect(catalog.media.markDeletedUpstream(a.id, [stays], at)).toBe(1)
    const goneAt = (id: number): string | null =>
      (
        catalog.db.prepare('SELECT deleted_upstream_at AS at FROM media WHERE id = ?').get(id) as {
          at: string | null
        }
      ).at
    expect([goneAt(own), goneAt(shared), goneAt(stays)]).toEqual([at, null, null])
    // Nothing is deleted, and the listing says which is gone.
    expect(
      [...catalog.messageList.list({ chat: 'ca' })].map((r) => [r.messageId, r.deletedUpstreamAt]),
    ).toEqual([
      ['a1', null],
      ['a2', at],
    ])
    // Once chat b loses its message too, the shared item is gone as well.
    catalog.messages.markDeletedUpstream(b.id, [], at)
    expect(catalog.media.markDeletedUpstream(b.id, [], at)).toBe(1)
    expect(goneAt(shared)).toBe(at)
  })
})

describe('conversation state of an account', () => {
  it('counts the chats not yet read as whole conversations', () => {
    const account = catalog.accounts.upsert('ofauth', '42')
    const a = chatOf(account.id, 'a')
    chatOf(account.id, 'b')
    expect(catalog.chats.conversationState(account.id)).toEqual({ chats: 2, complete: 0 })
    catalog.chats.markSynced(a.id, true, undefined, 'media')
    expect(catalog.chats.conversationState(account.id)).toEqual({ chats: 2, complete: 0 })
    catalog.chats.markSynced(a.id, true, undefined, 'conversations')
    expect(catalog.chats.conversationState(account.id)).toEqual({ chats: 2, complete: 1 })
    expect(catalog.chats.getById(a.id)).toMatchObject({ historyComplete: true, conversationComplete: true })
  })
})
