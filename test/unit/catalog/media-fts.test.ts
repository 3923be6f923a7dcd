// The gallery's index, media_fts (migration 0009): one row per item, keyed by its sort_at, holding
// every message that carries it. Its triggers and the flush keep it exact through re-sends (the
// key moves), edits, renames, unlinks, deletes and rollbacks, and the gallery's searches answer
// with the item semantics: an item matches when its messages together match.
import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { keySeconds } from '../../../src/main/catalog/repositories/fts-key'
import type { ProviderMessage } from '../../../src/main/providers/types'
import { mediaQuerySchema, type MediaQuery } from '../../../src/shared/contract'
import { ingestPage } from '../../../src/main/sync/ingest'
import { catalogEachTest } from '../../support/catalog-each-test'
import { attachMedia, chatRow, mediaRow, messageRow } from '../../support/catalog-rows'
import { providerMedia, providerMessage } from '../../support/provider-media'

let catalog: Catalog
catalogEachTest((opened) => {
  catalog = opened
})

let accountId = 0
function chat(key: string, fanName = `Fan ${key}`): number {
  accountId = catalog.accounts.upsert('onlyfansapi', 'acct').id
  return catalog.chats.upsert(accountId, chatRow(key, { fanName, fanUsername: `user_${key}` })).id
}

let messageCount = 0
/** A message dated `at` carrying the item `item` (its provider id); answers the item's row id. */
function send(chatId: number, at: string, text: string, item: string): { media: number; message: number } {
  messageCount++
  return catalog.transaction(() => {
    const message = catalog.messages.write(
      chatId,
      messageRow(`m${messageCount}`, text, at, { hasMedia: true }),
    ).id
    const media = attachMedia(
      catalog,
      accountId,
      { messageId: message, sortAt: at },
      mediaRow(item, { createdAt: at, size: 10 }),
    )
    return { media, message }
  })
}

/** The media_fts rows as (item id, key seconds), in key order. */
const rows = (): Array<[number, number]> =>
  (
    catalog.db
      .prepare('SELECT rowid FROM media_fts ORDER BY rowid')
      .pluck()
      .safeIntegers(true)
      .all() as bigint[]
  ).map((key) => [Number(key & 0xffffffffn), Number(key >> 32n)])
const pending = (): number =>
  catalog.db.prepare('SELECT count(*) FROM media_fts_pending').pluck().get() as number

function gallery(search: string, more: Partial<MediaQuery> = {}): number[] {
  return catalog.gallery.search(mediaQuerySchema.parse({ search, ...more })).rows.map((row) => row.id)
}
/** Every sort's answer agrees (newest streams, the others collect): answers the newest. */
function everySort(search: string, more: Partial<MediaQuery> = {}): number[] {
  const newest = gallery(search, more)
  expect([...gallery(search, { ...more, sort: 'oldest' })].reverse()).toEqual(newest)
  return newest
}

describe('media_fts', () => {
  it('re-keys a re-sent item under its earlier date and matches the words of both messages together', () => {
    const a = chat('a')
    const b = chat('b', 'Beatrice')
    const item = send(a, '2025-03-01T10:00:00.250Z', 'paris at night', 'p1').media
    expect(rows()).toEqual([[item, keySeconds('2025-03-01T10:00:00.250Z')]])
    // Sent again, earlier, in another chat: sort_at moves back, so does the key (one row, not two).
    send(b, '2025-01-01T08:00:00.000Z', 'beach day', 'p1')
    expect(rows()).toEqual([[item, keySeconds('2025-01-01T08:00:00.000Z')]])
    expect(pending()).toBe(0)
    expect(everySort('paris beach')).toEqual([item])
    expect(everySort('beatrice paris')).toEqual([item])
    expect(everySort('paris', { chatId: b })).toEqual([item])
    // Any of its messages saying a word leaves it out.
    expect(everySort('paris -beach')).toEqual([])
  })

  it('follows a text edit, a chat rename, an unlink and a delete', () => {
    const a = chat('a')
    const b = chat('b')
    const first = send(a, '2025-01-01T00:00:00.000Z', 'sunset glow', 'p1')
    const second = send(b, '2025-02-01T00:00:00.000Z', 'tokyo lights', 'p1')
    const other = send(a, '2025-03-01T00:00:00.000Z', 'sunset again', 'p2').media
    expect(everySort('sunset')).toEqual([other, first.media])
    // Edit: the old word goes, the new one comes.
    catalog.transaction(() =>
      catalog.db.prepare(`UPDATE messages SET text = 'sunrise glow' WHERE id = ?`).run(first.message),
    )
    expect(everySort('sunset')).toEqual([other])
    expect(everySort('sunrise tokyo')).toEqual([first.media])
    // Rename outside a transaction: searchable at once.
    catalog.chats.upsert(accountId, chatRow('b', { fanName: 'Zelda', fanUsername: 'user_b' }))
    expect(everySort('zelda')).toEqual([first.media])
    expect(everySort('"fan b"')).toEqual([])
    // Unlink one message: its words and chat leave the item's row; the other message stays.
    catalog.transaction(() => catalog.db.prepare('DELETE FROM messages WHERE id = ?').run(second.message))
    expect(everySort('tokyo')).toEqual([])
    expect(everySort('sunrise')).toEqual([first.media])
    expect(everySort('sunrise', { chatId: b })).toEqual([])
    // Its last message gone, the item has no row; a deleted item neither.
    catalog.transaction(() => catalog.db.prepare('DELETE FROM messages WHERE id = ?').run(first.message))
    expect(everySort('sunrise')).toEqual([])
    catalog.db.prepare('DELETE FROM media WHERE id = ?').run(other)
    expect(rows()).toEqual([])
    expect(pending()).toBe(0)
  })

  it('leaves nothing of a rolled-back transaction, re-key included', () => {
    const a = chat('a')
    const item = send(a, '2025-03-01T00:00:00.000Z', 'kept words', 'p1').media
    const before = rows()
    expect(() =>
      catalog.transaction(() => {
        send(a, '2025-01-01T00:00:00.000Z', 'lost words', 'p1')
        send(a, '2025-01-02T00:00:00.000Z', 'lost words', 'p2')
        throw new Error('page failed')
      }),
    ).toThrow('page failed')
    expect(rows()).toEqual(before)
    expect(pending()).toBe(0)
    expect(everySort('lost')).toEqual([])
    expect(everySort('kept')).toEqual([item])
  })

  it('finds an item dated in the month through a message sent after it, once and in order', () => {
    const a = chat('a')
    const june = { from: '2023-06-01T00:00:00.000Z', to: '2023-07-01T00:00:00.000Z' }
    const early = send(a, '2023-06-03T12:00:00.000Z', 'nothing here', 'p1').media
    const late = send(a, '2023-06-20T12:00:00.000Z', 'love it', 'p2').media
    send(a, '2023-08-01T00:00:00.000Z', 'love', 'p3')
    // p1 re-sent in September with the word: it matches, and keeps its June date.
    send(a, '2023-09-01T00:00:00.000Z', 'love this one', 'p1')
    send(a, '2023-05-31T23:59:59.999Z', 'love', 'p4')
    expect(everySort('love', june)).toEqual([late, early])
    const streamed = catalog.gallery.search(mediaQuerySchema.parse({ search: 'love', ...june, limit: 1 }))
    expect(streamed.rows.map((row) => row.id)).toEqual([late])
    expect(streamed.total).toBeGreaterThan(1)
  })

  it('checks symbols and exact phrases over the item’s messages', () => {
    const a = chat('a')
    const item = send(a, '2025-01-01T00:00:00.000Z', 'omg ❤ so good', 'p1').media
    send(a, '2025-01-02T00:00:00.000Z', 'wow 😈', 'p1')
    const plain = send(a, '2025-01-03T00:00:00.000Z', 'omg so good', 'p2').media
    expect(everySort('😈')).toEqual([item])
    expect(everySort('omg -😈')).toEqual([plain])
    expect(everySort('"omg ❤"')).toEqual([item])
    expect(everySort('-"omg ❤" good')).toEqual([plain])
    // The exact text must be in one message: the item's two messages together do not hold it.
    expect(everySort('"good wow"')).toEqual([item])
    expect(everySort('"good 😈"')).toEqual([])
    // The gallery matches the item through its two messages together; `list` rows are links, each
    // listed when its own message matches (the CLI's rows as before migration 0009).
    expect(everySort('😈 omg')).toEqual([item])
    const listed = (search: string): string[] =>
      [...catalog.mediaLinks.list({ search })].map((row) => `${row.mediaRowId}:${row.text}`).sort()
    expect(listed('😈 omg')).toEqual([])
    expect(listed('😈')).toEqual([`${item}:wow 😈`])
    expect(listed('omg')).toEqual([`${item}:omg ❤ so good`, `${plain}:omg so good`].sort())
  })

  it('checks symbols on the index row, and text with a comma or newline on each message and name', () => {
    // Names without usernames: the row joins them as "😀 ,😎 " (a comma between chats).
    const named = (key: string, fanName: string): number =>
      catalog.chats.upsert(accountId, chatRow(key, { fanName, fanUsername: null })).id
    chat('z')
    const a = named('a', '😀')
    const b = named('b', '😎')
    const item = send(a, '2025-01-01T00:00:00.000Z', 'first 😈 ?!', 'p1').media
    send(b, '2025-01-02T00:00:00.000Z', 'again ;', 'p1')
    const other = send(a, '2025-01-03T00:00:00.000Z', 'plain', 'p2').media
    expect(everySort('😎')).toEqual([item])
    expect(everySort('😀')).toEqual([other, item])
    expect(everySort('?! ;')).toEqual([item])
    expect(everySort('-;')).toEqual([other])
    expect(everySort('"first 😈"')).toEqual([item])
    expect(everySort('"first 😈" -😎')).toEqual([])
    // Only across the comma between the two names, or the newline between the two messages: no
    // one name or message holds it.
    expect(everySort('"😀 ,😎"')).toEqual([])
    expect(everySort('"😈 ?!\nagain"')).toEqual([])
  })

  it('indexes a page written by ingestPage', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const chatId = catalog.chats.upsert(account.id, chatRow('c')).id
    const message = (id: string, text: string, media: string[]): ProviderMessage =>
      providerMessage(id, {
        chatId: 'chatc',
        text,
        media: media.map((providerMediaId) => providerMedia({ providerMediaId })),
      })
    ingestPage(catalog, account.id, { id: chatId, externalId: 'chatc' }, [
      message('1', 'volcano one', ['v1', 'v2']),
      message('2', 'glacier two', ['v2']),
      message('3', 'no media', []),
    ])
    expect(pending()).toBe(0)
    expect(gallery('volcano')).toHaveLength(2)
    expect(gallery('volcano glacier')).toHaveLength(1)
    expect(gallery('media')).toEqual([])
  })
})
