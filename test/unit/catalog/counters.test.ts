// The counts the triggers keep (migration 0002) must equal what counting the rows gives, after
// inserts, status changes, re-sends of one item to several chats, and deletions.
import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { seedCatalog } from '../../support/seed-catalog'
import { eachTestCatalog } from '../../support/temp-catalog'

let catalog: Catalog
eachTestCatalog((opened) => (catalog = opened))

function counted(): unknown {
  const db = catalog.db
  return {
    stats: db
      .prepare(
        `SELECT status, type, account_id AS a, count(*) AS n FROM media GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all(),
    chats: db
      .prepare(
        `SELECT c.id, (SELECT count(DISTINCT mm.media_id) FROM messages m JOIN message_media mm ON mm.message_id = m.id WHERE m.chat_id = c.id) AS media,
           (SELECT count(DISTINCT mm.media_id) FROM messages m JOIN message_media mm ON mm.message_id = m.id
             JOIN media md ON md.id = mm.media_id WHERE m.chat_id = c.id AND md.status = 'downloaded') AS downloaded
         FROM chats c ORDER BY c.id`,
      )
      .all(),
    totals: db
      .prepare(
        `SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM files) AS files, (SELECT coalesce(sum(size), 0) FROM files) AS bytes`,
      )
      .get(),
  }
}

function kept(): unknown {
  const db = catalog.db
  return {
    stats: db
      .prepare(`SELECT status, type, account_id AS a, n FROM media_counts WHERE n > 0 ORDER BY 1, 2, 3`)
      .all(),
    chats: db
      .prepare(`SELECT id, media_count AS media, downloaded_count AS downloaded FROM chats ORDER BY id`)
      .all(),
    totals: db.prepare(`SELECT messages, files, bytes FROM archive_totals`).get(),
  }
}

describe('trigger-kept counters', () => {
  it('match a recount after inserts, shared items, status changes and file changes', () => {
    seedCatalog(catalog, { chats: 5, messagesPerChat: 30, mediaPerMessage: 2, shareEvery: 7 })
    expect(kept()).toEqual(counted())
    const ids = catalog.db.prepare<[], { id: number }>(`SELECT id FROM media ORDER BY id LIMIT 40`).all()
    for (const [i, { id }] of ids.entries()) catalog.media.setStatus(id, i % 2 ? 'downloaded' : 'failed')
    const file = catalog.files.add({
      sha256: 'a'.repeat(64),
      size: 1234,
      mime: 'image/png',
      relPath: 'files/aa/x.png',
    })
    catalog.media.attachFile(ids[1]!.id, 'full', file.id)
    expect(kept()).toEqual(counted())
    catalog.files.forget(file.id)
    expect(kept()).toEqual(counted())
    const stats = catalog.stats.stats()
    expect(stats.media).toBe(
      catalog.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM media').get()?.n,
    )
    expect(catalog.accounts.list()[0]?.media).toBe(stats.media)
  })
})
