// The full-text index is written once per transaction (fts-index.ts): messages written inside a
// catalog transaction are searchable once it commits, a rolled-back one leaves nothing behind, a
// write outside any transaction is searchable at once, and a message inserted, edited and linked to
// media in one transaction is indexed once, as it ends up.
import { describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import type { MessageInput } from '../../../src/main/catalog/repositories/messages'
import { catalogEachTest } from '../../support/catalog-each-test'
import { chatRow } from '../../support/catalog-rows'

let catalog: Catalog
let dataDir: string
catalogEachTest(
  (opened, dir) => {
    catalog = opened
    dataDir = dir
  },
  () => catalog,
)

const message = (id: string, text: string, more: Partial<MessageInput> = {}): MessageInput => ({
  externalId: id,
  text,
  price: null,
  isFree: true,
  fromCreator: true,
  senderId: null,
  createdAt: `2025-01-01T00:00:0${id.length % 10}.000Z`,
  raw: { id },
  ...more,
})

function chat(): number {
  const account = catalog.accounts.upsert('onlyfansapi', 'acct')
  return catalog.chats.upsert(
    account.id,
    chatRow('c1', { externalId: 'c1', fanId: null, fanUsername: 'user_c1', fanName: 'Zoe' }),
  ).id
}

const pending = (): number =>
  (catalog.db.prepare('SELECT count(*) AS n FROM message_fts_pending').get() as { n: number }).n
const indexed = (match: string): number[] =>
  (
    catalog.db
      .prepare('SELECT rowid & 4294967295 AS rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY 1')
      .all(match) as {
      rowid: number
    }[]
  ).map((row) => row.rowid)

describe('full-text index writes', () => {
  it('index what a transaction wrote when it commits, in one statement, and nothing of a rollback', () => {
    const chatId = chat()
    let insideTransaction = -1
    const ids = catalog.transaction(() => {
      const written = ['m1', 'm2', 'm3'].map(
        (id) => catalog.messages.write(chatId, message(id, `sunset ${id}`)).id,
      )
      insideTransaction = pending()
      return written
    })
    // Queued while the transaction ran, indexed by the time it committed.
    expect(insideTransaction).toBe(3)
    expect(pending()).toBe(0)
    expect(catalog.conversation.search(chatId, 'sunset').hits.map((h) => h.id)).toEqual(ids)
    expect(() =>
      catalog.transaction(() => {
        catalog.messages.write(chatId, message('m4', 'sunset lost'))
        throw new Error('page failed')
      }),
    ).toThrow('page failed')
    expect(pending()).toBe(0)
    expect(catalog.conversation.search(chatId, 'lost').total).toBe(0)
  })

  it('keep indexing after the first flush of the connection was rolled back with an outer transaction', () => {
    const chatId = chat()
    // The first flush makes the connection's scratch table; the outer rollback takes it away.
    expect(() =>
      catalog.transaction(() => {
        catalog.transaction(() => catalog.messages.write(chatId, message('m1', 'sunset lost')))
        throw new Error('outer work failed')
      }),
    ).toThrow('outer work failed')
    const { id } = catalog.transaction(() => catalog.messages.write(chatId, message('m2', 'sunset kept')))
    expect(catalog.conversation.search(chatId, 'sunset').hits.map((h) => h.id)).toEqual([id])
    expect(catalog.db.prepare("SELECT docs FROM message_terms WHERE term = 'kept'").pluck().get()).toBe(1)
  })

  it('index a write outside a transaction at once', () => {
    const chatId = chat()
    const { id } = catalog.messages.write(chatId, message('m1', 'beach day'))
    expect(pending()).toBe(0)
    expect(catalog.conversation.search(chatId, 'beach').hits.map((h) => h.id)).toEqual([id])
  })

  it('index a message inserted, edited and given media in one transaction once, as it ends up', () => {
    const chatId = chat()
    const id = catalog.transaction(() => {
      const written = catalog.messages.write(chatId, message('m1', 'first words')).id
      catalog.messages.write(chatId, message('m1', 'second words'))
      return written
    })
    expect(indexed('{text fan} : "first"')).toEqual([])
    expect(indexed('{text fan} : "second"')).toEqual([id])
    // An edit after the commit re-indexes the row (the update trigger queues it again).
    catalog.transaction(() => catalog.messages.write(chatId, message('m1', 'third words')))
    expect(indexed('{text fan} : "second"')).toEqual([])
    expect(indexed('{text fan} : "third" AND {text fan} : "zoe"')).toEqual([id])
    expect(indexed('{scope} : "m"')).toEqual([])
    catalog.transaction(() =>
      catalog.messages.write(chatId, message('m1', 'third words', { hasMedia: true })),
    )
    expect(indexed('{scope} : "m"')).toEqual([id])
    expect(indexed('{text fan} : "words"')).toEqual([id])
  })

  it('make rows another writer queued searchable when the catalog opens', () => {
    const chatId = chat()
    catalog.db.exec(`INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
      VALUES (${chatId}, 'raw1', 'written elsewhere', 1, 1, '2025-01-01', '{}')`)
    expect(indexed('{text fan} : "elsewhere"')).toEqual([])
    catalog.close()
    catalog = openCatalog(dataDir)
    expect(indexed('{text fan} : "elsewhere"')).toHaveLength(1)
    expect(pending()).toBe(0)
  })
})

describe('a read-only catalog', () => {
  it('opens with rows queued for the index, without writing', () => {
    const chatId = chat()
    catalog.db.exec(`INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
      VALUES (${chatId}, 'raw1', 'written elsewhere', 1, 1, '2025-01-01', '{}')`)
    catalog.close()
    catalog = openCatalog(dataDir, { readonly: true })
    expect(pending()).toBe(1)
  })
})
