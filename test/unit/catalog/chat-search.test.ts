// Search inside a chat (chat-search.ts) against a plain reference: every message of the chat whose
// text matches, in timeline order (created_at, id), the newest `limit` of them. Messages are
// written in random date order and many share a second (the key's grain), so the cut at `limit`
// and the order within a second are checked.
import { describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { chatRow, messageRow } from '../../support/catalog-rows'
import { prng } from '../../support/synthetic'
import { catalogEachTest } from '../../support/catalog-each-test'
import { freshDirEachTest } from '../../support/each-test-dirs'

let catalog: Catalog
catalogEachTest((opened) => {
  catalog = opened
})
const freshDir = freshDirEachTest('chatkeep-chat-search-')

interface Written {
  readonly id: number
  readonly text: string
  readonly createdAt: string
}

function randomChats(seed: number): { chat: number; written: Written[] } {
  const random = prng(seed)
  const account = catalog.accounts.upsert('onlyfansapi', 'acct').id
  const [chat, other] = [1, 2].map((k) => catalog.chats.upsert(account, chatRow(k)).id) as [number, number]
  const written: Written[] = []
  const words = ['hey', 'love', 'babe', 'x']
  catalog.transaction(() => {
    for (let i = 0; i < 300; i++) {
      const at = new Date(
        Date.UTC(2024, 0, 1) + Math.floor(random() * 20) * 1000 + Math.floor(random() * 1000),
      )
      const text = `${words[Math.floor(random() * words.length)]} ${words[Math.floor(random() * words.length)]}${random() < 0.2 ? ' 😈' : ''}`
      const into = random() < 0.8 ? chat : other
      const id = catalog.messages.upsert(into, messageRow(`m${i}`, text, at.toISOString())).id
      if (into === chat) written.push({ id, text, createdAt: at.toISOString() })
    }
  })
  return { chat, written }
}

const timeline = (a: Written, b: Written): number =>
  a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1

describe('search inside a chat', () => {
  it('answers the newest `limit` hits in timeline order, ties within a second included', () => {
    for (const seed of [1, 2, 3]) {
      // A catalog per seed: the hooks' one is closed, the last one closed at the end.
      catalog.close()
      catalog = openCatalog(freshDir())
      const { chat, written } = randomChats(seed)
      const cases: Array<[string, (text: string) => boolean]> = [
        ['hey', (t) => t.split(' ').includes('hey')],
        ['hey -babe', (t) => t.split(' ').includes('hey') && !t.split(' ').includes('babe')],
        ['love 😈', (t) => t.split(' ').includes('love') && t.includes('😈')],
        ['-x', (t) => !t.split(' ').includes('x')],
      ]
      for (const [search, matches] of cases) {
        const exact = written.filter((m) => matches(m.text)).sort(timeline)
        for (const limit of [1, 2, 5, 17, 400]) {
          const result = catalog.conversation.search(chat, search, limit)
          const context = `${search} limit ${limit}`
          expect(
            result.hits.map((h) => h.id),
            context,
          ).toEqual(exact.slice(-limit).map((m) => m.id))
          expect(result.hits.map((h) => h.createdAt)).toEqual(exact.slice(-limit).map((m) => m.createdAt))
          if (exact.length > limit) {
            expect(result, context).toMatchObject({ total: limit, totalIsLowerBound: true })
          } else {
            expect(result.total, context).toBe(exact.length)
            expect(result.totalIsLowerBound, context).toBeUndefined()
          }
        }
      }
    }
    catalog.close()
  })

  it('pages from the newest hit down with the olderFrom cursor, every hit once, ties within a second kept', () => {
    for (const seed of [4, 5]) {
      catalog.close()
      catalog = openCatalog(freshDir())
      const { chat, written } = randomChats(seed)
      const cases: Array<[string, (text: string) => boolean]> = [
        ['hey', (t) => t.split(' ').includes('hey')],
        ['love 😈', (t) => t.split(' ').includes('love') && t.includes('😈')],
        // No index term drives it: the exact collection pages the same way.
        ['-x', (t) => !t.split(' ').includes('x')],
      ]
      for (const [search, matches] of cases) {
        const exact = written.filter((m) => matches(m.text)).sort(timeline)
        for (const limit of [1, 3, 16]) {
          const context = `${search} limit ${limit}`
          const pages: number[][] = []
          let before: number | undefined
          for (;;) {
            const result = catalog.conversation.search(chat, search, limit, before)
            pages.push(result.hits.map((h) => h.id))
            expect(result.total, context).toBe(result.hits.length)
            if (result.olderFrom === undefined) {
              expect(result.totalIsLowerBound, context).toBeUndefined()
              break
            }
            expect(result.totalIsLowerBound, context).toBe(true)
            expect(result.hits, context).toHaveLength(limit)
            before = result.olderFrom
          }
          // Newest page first; each page oldest first.
          expect(pages.reverse().flat(), context).toEqual(exact.map((m) => m.id))
        }
      }
    }
    catalog.close()
  })

  it('pages through a second holding more hits than a page and its slack, in timeline order', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct').id
    const chat = catalog.chats.upsert(account, chatRow(1)).id
    // 90 hits in one second (ms apart, written in reverse so ids do not follow the times), 5 after.
    const at = (ms: number): string => new Date(Date.UTC(2024, 0, 1) + ms).toISOString()
    catalog.transaction(() => {
      for (let i = 89; i >= 0; i--) catalog.messages.upsert(chat, messageRow(`s${i}`, 'hey', at(i * 10)))
      for (let i = 0; i < 5; i++) catalog.messages.upsert(chat, messageRow(`l${i}`, 'hey', at(5_000 + i)))
    })
    const exact = catalog.conversation.search(chat, 'hey', 1_000).hits.map((h) => h.id)
    expect(exact).toHaveLength(95)
    for (const limit of [2, 7, 40]) {
      const pages: number[][] = []
      let before: number | undefined
      do {
        const result = catalog.conversation.search(chat, 'hey', limit, before)
        pages.push(result.hits.map((h) => h.id))
        before = result.olderFrom
      } while (before !== undefined)
      expect(pages.reverse().flat(), `limit ${limit}`).toEqual(exact)
    }
  })

  it('pages from any message of the chat as a cursor, and refuses a message of another chat', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct').id
    const [chat, other] = [1, 2].map((k) => catalog.chats.upsert(account, chatRow(k)).id) as [number, number]
    const at = (second: number): string => new Date(Date.UTC(2024, 0, 1) + second * 1000).toISOString()
    const ids = [0, 1, 2, 3].map(
      (i) => catalog.messages.upsert(chat, messageRow(`h${i}`, `hey ${i}`, at(i))).id,
    )
    const quiet = catalog.messages.upsert(chat, messageRow('quiet', 'nothing here', at(2))).id
    const elsewhere = catalog.messages.upsert(other, messageRow('o', 'hey', at(9))).id
    // A message that is not a hit still places the walk: the hits older than it (same second: by id).
    expect(catalog.conversation.search(chat, 'hey', 10, quiet).hits.map((h) => h.id)).toEqual(ids.slice(0, 3))
    expect(catalog.conversation.search(chat, 'hey', 1, ids[3]).hits.map((h) => h.id)).toEqual([ids[2]])
    expect(() => catalog.conversation.search(chat, 'hey', 10, elsewhere)).toThrow(/not in chat/)
  })

  it('finds a message whose date SQLite cannot read, and one whose date changed, once each', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct').id
    const chat = catalog.chats.upsert(account, chatRow(1)).id
    const odd = catalog.messages.upsert(chat, messageRow('odd', 'hey odd', 'June 1st')).id
    const moved = catalog.messages.upsert(
      chat,
      messageRow('moved', 'hey moved', '2024-01-01T00:00:00.000Z'),
    ).id
    const late = catalog.messages.upsert(chat, messageRow('late', 'hey late', '2024-06-01T00:00:00.000Z')).id
    const future = catalog.messages.upsert(
      chat,
      messageRow('future', 'hey future', '2099-01-01T00:00:00.000Z'),
    ).id
    catalog.transaction(() =>
      catalog.db
        .prepare(`UPDATE messages SET created_at = '2025-01-01T00:00:00.000Z' WHERE id = ?`)
        .run(moved),
    )
    // Timeline order by created_at text: '2024-06…' < '2025-01…' < '2099…' (past the key's last
    // second, in 2078: clamped to it) < 'June 1st' (unreadable: second 0).
    expect(catalog.conversation.search(chat, 'hey').hits.map((h) => h.id)).toEqual([late, moved, future, odd])
    catalog.transaction(() => catalog.db.prepare(`DELETE FROM messages WHERE id = ?`).run(odd))
    // The chat's newest message is now past 2078: the walk still starts at the top.
    expect(catalog.conversation.search(chat, 'hey').hits.map((h) => h.id)).toEqual([late, moved, future])
    // Re-keyed: a later edit finds its row by the new date's key and replaces it.
    catalog.transaction(() =>
      catalog.db.prepare(`UPDATE messages SET text = 'hey shifted' WHERE id = ?`).run(moved),
    )
    const indexed = (word: string): unknown =>
      catalog.db.prepare(`SELECT count(*) AS n FROM message_fts WHERE message_fts MATCH ?`).get(word)
    expect(indexed('moved')).toEqual({ n: 0 })
    expect(indexed('shifted')).toEqual({ n: 1 })
    expect(catalog.conversation.search(chat, 'shifted').hits.map((h) => h.id)).toEqual([moved])
  })
})
