// Migration 0008 on a catalog as stop 22 left it (schema 7: index rows keyed by message id, a
// vocabulary, maybe a message still queued): every message is found under its date key, the
// vocabulary is as it was plus the queued message's words, and the app's searches answer.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { catalogPath, openCatalog } from '../../../src/main/catalog/catalog'
import { schemaVersion } from '../../../src/main/catalog/db'
import { latestVersion } from '../../../src/main/catalog/migrations'
import { keySeconds } from '../../../src/main/catalog/repositories/fts-key'
import { mediaQuerySchema } from '../../../src/shared/contract'
import { closeWithVocabulary, openCatalogAtVersion } from '../../support/old-catalog'
import { tempDir } from '../../support/temp-dir'

const dirs: Array<{ remove(): void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

const dates = [
  '2024-03-01T10:00:00.500Z',
  '2021-01-01T00:00:00.000Z',
  'not a date',
  '2024-03-01T10:00:00.100Z',
]

/** A schema-7 catalog: messages indexed as 0007's flush did (row id = message id), one left queued. */
function schema7(extraId?: number): string {
  const d = tempDir()
  dirs.push(d)
  const db = openCatalogAtVersion(d.path, 7)
  db.exec(`
    INSERT INTO accounts (provider, external_id, label, created_at) VALUES ('ofauth', 'a1', 'Alice', 'now');
    INSERT INTO chats (account_id, external_id, fan_name, fan_username) VALUES (1, 'c1', 'Zoë Fan', 'zoe_99');
  `)
  const insert = db.prepare(
    `INSERT INTO messages (id, chat_id, external_id, text, is_free, from_creator, created_at, raw, has_media)
     VALUES (?, 1, ?, ?, 1, 1, ?, '{}', ?)`,
  )
  // Ids in the opposite order of dates (a first sync pages newest first).
  dates.forEach((at, i) => insert.run(10 - i, `m${i}`, `hey word${i}`, at, i === 0 ? 1 : 0))
  if (extraId !== undefined) insert.run(extraId, 'big', 'hey huge', dates[0], 0)
  db.exec(`
    INSERT INTO media (account_id, provider_media_id, type, created_at, sort_at, first_message_id, can_view, is_ready,
      has_error, drm, item_json, first_seen_at, updated_at)
      VALUES (1, 'p1', 'photo', '${dates[0]}', '${dates[0]}', 10, 1, 1, 0, 0, '{}', 'now', 'now');
    INSERT INTO message_media (message_id, media_id, position) VALUES (10, 1, 0);
    -- 0007's flush: row id = message id; the words listed from the index.
    INSERT INTO message_fts (rowid, text, fan, scope)
      SELECT msg.id, msg.text, 'Zoë Fan zoe_99', 'c1' || CASE WHEN msg.has_media = 1 THEN ' m' ELSE '' END
      FROM message_fts_pending p JOIN messages msg ON msg.id = p.id WHERE msg.id <> 7 ORDER BY msg.id;
    DELETE FROM message_fts_pending WHERE id <> 7;
  `)
  expect(schemaVersion(db)).toBe(7)
  closeWithVocabulary(db)
  return d.path
}

describe('migration 0008 (full-text rows keyed by date)', () => {
  it('re-keys every message, keeps the vocabulary, indexes what was queued, and the searches answer', () => {
    const path = schema7()
    const before = new Database(catalogPath(path))
    const termsBefore = before.prepare('SELECT term, docs FROM message_terms ORDER BY term').all()
    before.close()
    const catalog = openCatalog(path)
    expect(schemaVersion(catalog.db)).toBe(latestVersion)
    const keys = catalog.db
      .prepare('SELECT rowid AS key FROM message_fts ORDER BY rowid')
      .safeIntegers(true)
      .all() as Array<{ key: bigint }>
    const expected = dates
      .map((at, i) => (BigInt(keySeconds(at)) << 32n) | BigInt(10 - i))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    // Every message, the queued one (id 7) included, under (seconds since 2010 << 32) | id; the
    // date SQLite cannot read and the one before 2010 at second 0.
    expect(keys.map((row) => row.key)).toEqual(expected)
    expect(keySeconds('not a date')).toBe(0)
    expect(keySeconds('2021-01-01T00:00:00.000Z')).toBeGreaterThan(0)
    dates.forEach((_, i) => {
      const found = catalog.db
        .prepare('SELECT rowid & 4294967295 AS id FROM message_fts WHERE message_fts MATCH ?')
        .all(`word${i}`)
      expect(found).toEqual([{ id: 10 - i }])
    })
    // The vocabulary as it was, plus the words of the message that was still queued.
    const terms = catalog.db.prepare('SELECT term, docs FROM message_terms ORDER BY term').all() as Array<{
      term: string
      docs: number
    }>
    expect(
      terms.filter(
        (t) =>
          t.term !== 'word3' && t.term !== 'hey' && t.term !== 'zoe' && t.term !== 'fan' && t.term !== '99',
      ),
    ).toEqual((termsBefore as typeof terms).filter((t) => !['hey', 'zoe', 'fan', '99'].includes(t.term)))
    expect(terms.find((t) => t.term === 'word3')).toEqual({ term: 'word3', docs: 1 })
    expect(terms.find((t) => t.term === 'hey')?.docs).toBe(4)
    // The app's searches: the chat's hits in timeline order, the gallery's item.
    expect(catalog.conversation.search(1, 'hey').hits.map((h) => h.id)).toEqual([9, 7, 10, 8])
    expect(catalog.gallery.search(mediaQuerySchema.parse({ search: 'hey' })).rows.map((r) => r.id)).toEqual([
      1,
    ])
    expect(catalog.db.prepare('SELECT count(*) AS n FROM message_fts_pending').get()).toEqual({ n: 0 })
    catalog.close()
  })

  it('refuses a message id past the key 32 bits, leaving the catalog at schema 7', () => {
    const path = schema7(2 ** 32)
    expect(() => openCatalog(path)).toThrow(/message_id_fits_the_32_bits_of_a_full_text_key/)
    const db = new Database(catalogPath(path))
    expect(schemaVersion(db)).toBe(7)
    db.close()
  })

  it('the flush refuses a new message id past 32 bits: its transaction rolls back', () => {
    const catalog = openCatalog(schema7())
    const write = (): unknown =>
      catalog.transaction(() =>
        catalog.db
          .exec(`INSERT INTO messages (id, chat_id, external_id, text, is_free, from_creator, created_at, raw)
          VALUES (${2 ** 32}, 1, 'big', 'hey', 1, 1, '2024-01-01T00:00:00.000Z', '{}')`),
      )
    expect(write).toThrow(/does not fit the full-text index's key/)
    expect(catalog.db.prepare(`SELECT count(*) AS n FROM messages WHERE external_id = 'big'`).get()).toEqual({
      n: 0,
    })
    catalog.close()
  })
  it('says it is rebuilding the index before it runs on a big catalog, and says nothing on a small or new one', () => {
    const said: string[] = []
    const onNotice = (line: string): void => {
      said.push(line)
    }
    openCatalog(schema7(), { onNotice }).close()
    const fresh = tempDir()
    dirs.push(fresh)
    openCatalog(fresh.path, { onNotice }).close()
    expect(said).toEqual([])
    // A newest message id of 100,000: the upgrade takes seconds or more, so it is announced.
    openCatalog(schema7(100_000), { onNotice }).close()
    // 0008's notice, then 0009's (migration-0009.test.ts).
    expect(said).toHaveLength(2)
    expect(said[0]).toMatch(
      /^Upgrading the catalog .*: Rebuilding the search index once .* nothing is lost\.$/,
    )
  })
})
