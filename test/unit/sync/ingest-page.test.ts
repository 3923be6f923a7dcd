// A page written by ingestPage keeps every row, link, job and counter exact, whether its messages
// and media are new or known: the page's messages go in as one multi-row INSERT and new media
// are inserted with their status, so these pin what the per-message writes did before.
import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { ingestPage } from '../../../src/main/sync/ingest'
import { chatRow, messageRow } from '../../support/catalog-rows'
import { providerMedia, providerMessage } from '../../support/provider-media'
import { eachTestCatalog } from '../../support/temp-catalog'
import { keyMessageIdSql } from '../../../src/main/catalog/repositories/fts-key'

let catalog: Catalog
eachTestCatalog((c) => (catalog = c))

const message = providerMessage

const photo = (id: string, locked = false) =>
  providerMedia({
    providerMediaId: id,
    canView: !locked,
    variants: [
      {
        kind: 'full',
        url: `https://cdn/${id}`,
        width: null,
        height: null,
        size: 10,
        mime: null,
        quality: null,
      },
      {
        kind: 'thumb',
        url: `https://cdn/${id}/t`,
        width: null,
        height: null,
        size: 1,
        mime: null,
        quality: null,
      },
    ],
  })

describe('ingestPage', () => {
  it('writes new and known messages and media exactly, with their links, jobs and counters', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const chat = catalog.chats.upsert(account.id, chatRow(1))
    const first = ingestPage(catalog, account.id, chat, [
      message('1', { media: [photo('p1')] }),
      message('2'),
    ])
    expect(first).toMatchObject({ allKnown: false, newMessages: 2 })
    // Known 1 (edited), known 2, new 3 with a locked item, a repeat of 4, known p1 again in 4.
    const second = ingestPage(catalog, account.id, chat, [
      message('1', { text: 'edited', media: [photo('p1')] }),
      message('2'),
      message('3', { media: [photo('p2', true)] }),
      message('4', { media: [photo('p1')] }),
      message('4', { text: 'second copy', media: [photo('p1')] }),
    ])
    expect(second.newMessages).toBe(2)
    expect(second.messageRowIds).toEqual([
      first.messageRowIds[0],
      first.messageRowIds[1],
      expect.any(Number),
      expect.any(Number),
      second.messageRowIds[3],
    ])
    const db = catalog.db
    expect(
      db.prepare('SELECT external_id AS id, text, has_media AS m FROM messages ORDER BY id').all(),
    ).toEqual([
      { id: '1', text: 'edited', m: 1 },
      { id: '2', text: 'text 2', m: 0 },
      { id: '3', text: 'text 3', m: 1 },
      { id: '4', text: 'second copy', m: 1 },
    ])
    expect(
      db.prepare('SELECT provider_media_id AS id, status FROM media ORDER BY provider_media_id').all(),
    ).toEqual([
      { id: 'p1', status: 'pending' },
      { id: 'p2', status: 'locked' },
    ])
    expect(
      db
        .prepare(
          `SELECT msg.external_id AS message, md.provider_media_id AS media FROM message_media mm
           JOIN messages msg ON msg.id = mm.message_id JOIN media md ON md.id = mm.media_id ORDER BY 1, 2`,
        )
        .all(),
    ).toEqual([
      { message: '1', media: 'p1' },
      { message: '3', media: 'p2' },
      { message: '4', media: 'p1' },
    ])
    expect(
      db
        .prepare(
          `SELECT md.provider_media_id AS media, j.kind, j.status FROM jobs j JOIN media md ON md.id = j.media_id
           ORDER BY 1, 2`,
        )
        .all(),
    ).toEqual([
      { media: 'p1', kind: 'full', status: 'pending' },
      { media: 'p1', kind: 'thumb', status: 'pending' },
      { media: 'p2', kind: 'thumb', status: 'pending' },
    ])
    expect(db.prepare('SELECT status, type, n FROM media_counts WHERE n > 0 ORDER BY status').all()).toEqual([
      { status: 'locked', type: 'photo', n: 1 },
      { status: 'pending', type: 'photo', n: 1 },
    ])
    expect(db.prepare('SELECT media_count AS n, downloaded_count AS d FROM chats').get()).toEqual({
      n: 2,
      d: 0,
    })
    expect(db.prepare('SELECT messages FROM archive_totals').get()).toEqual({ messages: 4 })
    // Full-text rows are keyed by date (fts-key.ts): the message id is the key's low 32 bits.
    const fts = db
      .prepare(`SELECT ${keyMessageIdSql('rowid')} FROM message_fts WHERE message_fts MATCH 'edited'`)
      .pluck()
      .all()
    expect(fts).toEqual([first.messageRowIds[0]])
  })

  it('writeMany returns what write returns, message by message, across insert chunks', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct')
    const chat = catalog.chats.upsert(account.id, chatRow(1))
    const at = '2024-01-01T00:00:00.000Z'
    catalog.messages.write(chat.id, messageRow('k', 'known', at))
    const many = Array.from({ length: 250 }, (_, i) => messageRow(`m${i}`, `t${i}`, at))
    const written = catalog.messages.writeMany(chat.id, [messageRow('k', 'known', at), ...many, many[0]!])
    expect(written).toHaveLength(252)
    expect(written.filter((w) => w.inserted)).toHaveLength(250)
    expect(written[0]).toEqual({ id: catalog.messages.get(chat.id, 'k')!.id, inserted: false })
    expect(written[251]).toEqual({ id: written[1]!.id, inserted: false })
    many.forEach((m, i) => expect(written[i + 1]!.id).toBe(catalog.messages.get(chat.id, m.externalId)!.id))
    expect(catalog.messages.countInChat(chat.id)).toBe(251)
  })
})
