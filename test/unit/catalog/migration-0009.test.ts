// Migration 0009 on a catalog as stop 23 left it (schema 8: the gallery searched message_fts and
// mapped messages to media): every item gets its media_fts row under its date key, a single-message
// item is found by exactly the searches that found it before, and an item sent twice is found by
// the words of both messages.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { catalogPath, openCatalog } from '../../../src/main/catalog/catalog'
import { schemaVersion } from '../../../src/main/catalog/db'
import { latestVersion } from '../../../src/main/catalog/migrations'
import { ftsKeySql, keySeconds } from '../../../src/main/catalog/repositories/fts-key'
import { mediaQuerySchema } from '../../../src/shared/contract'
import { closeWithVocabulary, openCatalogAtVersion } from '../../support/old-catalog'
import { tempDir } from '../../support/temp-dir'

const dirs: Array<{ remove(): void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const vocabulary = ['sunset', 'beach', 'paris', 'love', 'tokyo', 'coffee']
const searches = ['sunset', 'beach paris', '"love you"', 'tok', 'sunset -beach', 'zoe', 'coffee 😈', 'user_2']

/** The items the schema-8 gallery found for a search: media messages matching, mapped to media. */
function oldItems(db: Database.Database, match: string): number[] {
  return db
    .prepare(
      `SELECT DISTINCT mm.media_id AS id FROM message_media mm WHERE mm.message_id IN
           (SELECT rowid & 4294967295 FROM message_fts WHERE message_fts MATCH ?) ORDER BY 1`,
    )
    .pluck()
    .all(match) as number[]
}

/** A schema-8 catalog: 40 media messages in 2 chats, one item each, and item 1 sent again (message 41). */
function schema8(bigMediaId?: number): string {
  const d = tempDir()
  dirs.push(d)
  const db = openCatalogAtVersion(d.path, 8)
  db.exec(`
    INSERT INTO accounts (provider, external_id, label, created_at) VALUES ('ofauth', 'a1', 'Alice', 'now');
    INSERT INTO chats (account_id, external_id, fan_name, fan_username) VALUES (1, 'c1', 'Zoë Fan', 'user_1');
    INSERT INTO chats (account_id, external_id, fan_name, fan_username) VALUES (1, 'c2', 'Bo', 'user_2');
  `)
  const message = db.prepare(
    `INSERT INTO messages (id, chat_id, external_id, text, is_free, from_creator, created_at, raw, has_media)
     VALUES (?, ?, ?, ?, 1, 1, ?, '{}', 1)`,
  )
  const media = db.prepare(
    `INSERT INTO media (id, account_id, provider_media_id, type, created_at, sort_at, first_message_id, can_view,
       is_ready, has_error, drm, item_json, first_seen_at, updated_at)
     VALUES (?, 1, ?, 'photo', ?, ?, ?, 1, 1, 0, 0, '{}', 'now', 'now')`,
  )
  const link = db.prepare(`INSERT INTO message_media (message_id, media_id, position) VALUES (?, ?, 0)`)
  for (let i = 1; i <= 40; i++) {
    const text = `${vocabulary[i % 6]} ${vocabulary[(i * 7) % 6]}${i % 5 === 0 ? ' love you' : ''}${i % 9 === 0 ? ' 😈' : ''}`
    // Ids against date order, some in the same second (sub-second order).
    const at = new Date(Date.UTC(2024, 0, 1, 0, 0, Math.floor((41 - i) / 2), (i * 37) % 1000)).toISOString()
    message.run(i, 1 + (i % 2), `m${i}`, text, at)
    const id = i === 40 && bigMediaId !== undefined ? bigMediaId : i
    media.run(id, `p${i}`, at, at, i)
    link.run(i, id)
  }
  // Item 1 sent again later in chat 2 with other words: the old search found it through either.
  message.run(41, 2, 'm41', 'tokyo coffee', '2024-06-01T00:00:00.000Z')
  link.run(41, 1)
  // 0008's flush.
  db.exec(`
    INSERT INTO message_fts (rowid, text, fan, scope)
      SELECT ${ftsKeySql('msg.created_at', 'msg.id')}, msg.text, coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, ''),
        'c' || c.id || ' m'
      FROM message_fts_pending p JOIN messages msg ON msg.id = p.id JOIN chats c ON c.id = msg.chat_id ORDER BY 1;
    DELETE FROM message_fts_pending;
  `)
  expect(schemaVersion(db)).toBe(8)
  closeWithVocabulary(db)
  return d.path
}

describe('migration 0009 (media_fts, one row per item)', () => {
  it('indexes every item under its date key; single-message items match as the message search did', () => {
    const path = schema8()
    const before = new Database(catalogPath(path))
    const oldSunset = oldItems(before, '{text fan} : ("sunset") AND {scope} : "m"')
    const oldPair = oldItems(before, '{text fan} : ("beach" AND "paris") AND {scope} : "m"')
    const oldLove = oldItems(before, '{text fan} : ("love you") AND {scope} : "m"')
    const oldZoe = oldItems(before, '{text fan} : ("zoe"*) AND {scope} : "m"')
    before.close()
    const catalog = openCatalog(path)
    expect(schemaVersion(catalog.db)).toBe(latestVersion)
    const keys = catalog.db
      .prepare('SELECT rowid FROM media_fts ORDER BY rowid')
      .pluck()
      .safeIntegers(true)
      .all()
    const sortAt = catalog.db.prepare('SELECT id, sort_at AS at FROM media').all() as Array<{
      id: number
      at: string
    }>
    expect(keys).toEqual(
      sortAt
        .map((row) => (BigInt(keySeconds(row.at)) << 32n) | BigInt(row.id))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    const found = (search: string): number[] =>
      catalog.gallery
        .search(mediaQuerySchema.parse({ search, limit: 500 }))
        .rows.map((row) => row.id)
        .sort((a, b) => a - b)
    const single = (ids: number[]): number[] => ids.filter((id) => id !== 1)
    expect(oldSunset.length).toBeGreaterThan(3)
    expect(single(found('sunset'))).toEqual(single(oldSunset))
    expect(single(found('beach paris'))).toEqual(single(oldPair))
    expect(single(found('"love you"'))).toEqual(single(oldLove))
    expect(found('zoe')).toEqual(oldZoe)
    // Every item findable by its own words; item 1 by the words of either of its messages.
    for (let i = 2; i <= 40; i++) expect(found(`${vocabulary[i % 6]}`)).toContain(i)
    expect(found('tokyo coffee')).toContain(1)
    expect(found(`${vocabulary[1]} tokyo`)).toContain(1)
    for (const search of searches) {
      const newest = catalog.gallery
        .search(mediaQuerySchema.parse({ search, limit: 500 }))
        .rows.map((r) => r.id)
      const oldest = catalog.gallery
        .search(mediaQuerySchema.parse({ search, sort: 'oldest', limit: 500 }))
        .rows.map((r) => r.id)
      expect(oldest.reverse()).toEqual(newest)
    }
    expect(catalog.db.prepare('SELECT count(*) FROM media_fts_pending').pluck().get()).toBe(0)
    catalog.close()
  })

  it('refuses an item id past the key 32 bits, leaving the catalog at schema 8', () => {
    const path = schema8(2 ** 32)
    expect(() => openCatalog(path)).toThrow(/media_id_fits_the_32_bits_of_a_full_text_key/)
    const db = new Database(catalogPath(path))
    expect(schemaVersion(db)).toBe(8)
    db.close()
  })
})
