import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openCatalog, catalogPath } from '../../../src/main/catalog/catalog'
import { CatalogError, migrate, openDatabase, schemaVersion } from '../../../src/main/catalog/db'
import { latestVersion, migrations } from '../../../src/main/catalog/migrations'
import { seedCatalog } from '../../support/seed-catalog'
import { tempDir } from '../../support/temp-dir'

const dirs: Array<{ remove(): void }> = []
function dir(): string {
  const d = tempDir()
  dirs.push(d)
  return d.path
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

describe('migrations', () => {
  it('are numbered in increasing order from 1, the latest being the last', () => {
    const versions = migrations.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? 0))).toBe(true)
    expect(latestVersion).toBe(versions.at(-1))
  })

  it('skip a reserved number: a catalog at the version below the gap upgrades past it', () => {
    const db = new Database(join(dir(), 'gap.sqlite'))
    const gapped = [
      ...migrations.slice(0, 2),
      { version: 4, name: 'after-gap', sql: 'CREATE TABLE after_gap (x INTEGER);' },
    ]
    migrate(db, 'gap', migrations.slice(0, 2))
    migrate(db, 'gap', gapped)
    expect(schemaVersion(db)).toBe(4)
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'after_gap'`).get()).toEqual({
      n: 1,
    })
    // Opening it again applies nothing twice (the table would already exist).
    migrate(db, 'gap', gapped)
    expect(() => migrate(db, 'gap', migrations.slice(0, 2))).toThrow(
      /newer Chatkeep \(schema 4, this one knows 2\)/,
    )
    db.close()
  })

  it('bring an empty database to the latest version with STRICT tables, WAL and foreign keys', () => {
    const db = openDatabase(join(dir(), 'c.sqlite'))
    expect(schemaVersion(db)).toBe(latestVersion)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    // 2 = MEMORY: statement journals stay off the disk (one temp file per downloaded file otherwise).
    expect(db.pragma('temp_store', { simple: true })).toBe(2)
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'message_fts%' AND (name NOT LIKE 'media_fts%' OR name = 'media_fts_pending')`,
      )
      .all()
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'access_rules',
        'accounts',
        'archive_totals',
        'media_counts',
        'chats',
        'files',
        'jobs',
        'media',
        'media_files',
        'media_fts_pending',
        'message_media',
        'message_terms',
        'message_terms_pending',
        'messages',
        'sync_runs',
      ].sort(),
    )
    expect(tables.every((t) => t.strict === 1)).toBe(true)
    db.close()
  })

  it('re-running on a populated database keeps every row', () => {
    const d = dir()
    const catalog = openCatalog(d)
    seedCatalog(catalog, { chats: 3, messagesPerChat: 10, mediaPerMessage: 2 })
    const before = catalog.stats.stats()
    catalog.close()
    const again = openCatalog(d)
    expect(again.stats.stats()).toEqual(before)
    expect(before.media).toBe(60)
    again.close()
  })

  it('each migration applies on top of a populated database of the previous version', () => {
    // Replays the history one step at a time with data in between, as users' catalogs will see it.
    const db = new Database(join(dir(), 'step.sqlite'))
    for (let n = 1; n <= migrations.length; n++) {
      migrate(db, 'step', migrations.slice(0, n))
      expect(schemaVersion(db)).toBe(migrations[n - 1]?.version)
      db.prepare(
        `INSERT OR IGNORE INTO accounts (provider, external_id, created_at) VALUES ('ofauth', ?, 'now')`,
      ).run(`a${n}`)
    }
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: migrations.length })
    db.close()
  })

  it('0003 adds the chat sync marks as nulls, so chats synced before it page as before', () => {
    const db = new Database(join(dir(), 'marks.sqlite'))
    migrate(db, 'marks', migrations.slice(0, 2))
    db.prepare(`INSERT INTO accounts (provider, external_id, created_at) VALUES ('ofauth', 'a', 'now')`).run()
    db.prepare(`INSERT INTO chats (account_id, external_id, history_complete) VALUES (1, 'c1', 1)`).run()
    migrate(db, 'marks', migrations.slice(0, 3))
    expect(
      db.prepare('SELECT history_complete, seen_last_message_id, complete_through FROM chats').get(),
    ).toEqual({ history_complete: 1, seen_last_message_id: null, complete_through: null })
    db.close()
  })

  /** A catalog at schema 3 holding an account, a chat, a message, a media item and their links. */
  function populatedAtVersion3(name: string): Database.Database {
    const db = new Database(join(dir(), name))
    db.pragma('foreign_keys = ON')
    migrate(db, name, migrations.slice(0, 3))
    db.exec(`
      INSERT INTO accounts (provider, external_id, label, created_at) VALUES ('ofauth', 'a1', 'Alice', 'now');
      INSERT INTO chats (account_id, external_id) VALUES (1, 'c1');
      INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
        VALUES (1, 'm1', 'hi', 1, 1, '2024-01-01', '{}');
      INSERT INTO media (account_id, provider_media_id, type, created_at, sort_at, can_view, is_ready, has_error, drm, raw, first_seen_at, updated_at)
        VALUES (1, 'p1', 'photo', '2024-01-01', '2024-01-01', 1, 1, 0, 0, '{"variants":[{"url":"https://cdn/x?Signature=s"}]}', 'now', 'now');
      INSERT INTO message_media (message_id, media_id, position) VALUES (1, 1, 0);
      INSERT INTO jobs (media_id, kind, created_at, updated_at) VALUES (1, 'full', 'now', 'now');
      INSERT INTO sync_runs (account_id, started_at) VALUES (1, 'now');
    `)
    return db
  }

  const rowCounts = (db: Database.Database): Record<string, number> =>
    Object.fromEntries(
      ['accounts', 'chats', 'messages', 'media', 'message_media', 'jobs', 'sync_runs'].map((table) => [
        table,
        (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ]),
    )

  it('0004 lets a new provider id in and keeps every row and reference, with foreign keys on again', () => {
    const db = populatedAtVersion3('v4.sqlite')
    const before = rowCounts(db)
    expect(() =>
      db
        .prepare(
          `INSERT INTO accounts (provider, external_id, created_at) VALUES ('newprovider', 'x', 'now')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/)
    migrate(db, 'v4', migrations.slice(0, 4))
    expect(rowCounts(db)).toEqual(before)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.prepare('SELECT id, provider, external_id, label FROM accounts').get()).toEqual({
      id: 1,
      provider: 'ofauth',
      external_id: 'a1',
      label: 'Alice',
    })
    // The media item's stored JSON moved with its column; nothing is called raw there any more.
    expect(
      JSON.parse((db.prepare('SELECT item_json FROM media').get() as { item_json: string }).item_json),
    ).toEqual({
      variants: [{ url: 'https://cdn/x?Signature=s' }],
    })
    expect(
      db.prepare(`SELECT count(*) AS n FROM pragma_table_info('media') WHERE name = 'raw'`).get(),
    ).toEqual({ n: 0 })
    db.prepare(
      `INSERT INTO accounts (provider, external_id, created_at) VALUES ('newprovider', 'x', 'now')`,
    ).run()
    // The accounts table is still what chats, media and jobs reference, and deleting cascades.
    expect(() =>
      db.prepare(`INSERT INTO chats (account_id, external_id) VALUES (99, 'orphan')`).run(),
    ).toThrow(/FOREIGN KEY/)
    db.prepare('DELETE FROM accounts WHERE id = 1').run()
    expect(rowCounts(db)).toMatchObject({ chats: 0, media: 0, jobs: 0, sync_runs: 0 })
    db.close()
  })

  it("0004's table rebuild would cascade-delete every chat and media item with foreign keys on", () => {
    // Why the runner turns them off for it: the DROP TABLE inside deletes through ON DELETE CASCADE.
    const db = populatedAtVersion3('cascade.sqlite')
    db.transaction(() => db.exec(migrations[3]?.sql ?? ''))()
    expect(rowCounts(db)).toMatchObject({ accounts: 1, chats: 0, media: 0, jobs: 0, sync_runs: 0 })
    db.close()
  })

  it('0005 keeps every row, marks media messages, leaves the conversation marks unset and re-indexes text', () => {
    const db = populatedAtVersion3('v5.sqlite')
    migrate(db, 'v5', migrations.slice(0, 4))
    db.exec(`
      UPDATE chats SET history_complete = 1, seen_last_message_id = 'm1', complete_through = '2024-01-01';
      UPDATE chats SET fan_name = 'Zoë Fan' WHERE id = 1;
      INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
        VALUES (1, 'm2', 'text only sunset', 1, 0, '2024-01-02', '{}');
    `)
    const before = rowCounts(db)
    migrate(db, 'v5', migrations.slice(0, 5))
    expect(rowCounts(db)).toEqual(before)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(
      db.prepare('SELECT external_id, has_media, tip, deleted_upstream_at FROM messages ORDER BY id').all(),
    ).toEqual([
      { external_id: 'm1', has_media: 1, tip: null, deleted_upstream_at: null },
      { external_id: 'm2', has_media: 0, tip: null, deleted_upstream_at: null },
    ])
    // The media-only marks stay; a whole-conversation sync starts from none (it reads each chat once).
    expect(
      db
        .prepare(
          `SELECT history_complete, seen_last_message_id, conversation_complete,
             conversation_seen_last_id, conversation_complete_through FROM chats`,
        )
        .get(),
    ).toEqual({
      history_complete: 1,
      seen_last_message_id: 'm1',
      conversation_complete: 0,
      conversation_seen_last_id: null,
      conversation_complete_through: null,
    })
    // Every message is in the rebuilt index with its scope tokens; the fan's name still matches.
    const match = (q: string): number[] =>
      (
        db
          .prepare('SELECT rowid & 4294967295 AS rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY 1')
          .all(q) as {
          rowid: number
        }[]
      ).map((r) => r.rowid)
    expect(match('{text fan} : "sunset"')).toEqual([2])
    expect(match('{text fan} : "zoe"')).toEqual([1, 2])
    expect(match('{scope} : "m"')).toEqual([1])
    expect(match('{scope} : "c1" AND {scope} : "a1"')).toEqual([1, 2])
    // The triggers keep it so: a new message, a first media link, a rename.
    db.exec(`
      INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
        VALUES (1, 'm3', 'later words', 1, 1, '2024-01-03', '{}');
      INSERT INTO message_media (message_id, media_id, position) VALUES (3, 1, 0);
      UPDATE chats SET fan_name = 'Renamed' WHERE id = 1;
    `)
    expect(match('{scope} : "m"')).toEqual([1, 3])
    expect(match('{text fan} : "renamed"')).toEqual([1, 2, 3])
    expect(match('{text fan} : "zoe"')).toEqual([])
    // ...and only then: every sync assigns each listed chat's names and re-reads known messages, and
    // an unconditional trigger re-indexed every message of the chat each time (one row changed
    // here, not one plus the index's writes for each message).
    const changes = (sql: string): number => {
      const before = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
      db.exec(sql)
      return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n - before
    }
    expect(changes(`UPDATE chats SET fan_name = fan_name, fan_username = fan_username WHERE id = 1`)).toBe(1)
    expect(changes(`UPDATE messages SET text = text, has_media = has_media WHERE id = 2`)).toBe(1)
    expect(changes(`UPDATE messages SET text = 'changed words' WHERE id = 2`)).toBeGreaterThan(1)
    expect(match('{text fan} : "changed"')).toEqual([2])
    db.close()
  })

  it('0007 and 0008 upgrade a populated schema-5 catalog: every row and message found, writes queued, words listed', () => {
    const d = dir()
    const v5 = new Database(catalogPath(d))
    v5.pragma('foreign_keys = ON')
    migrate(v5, 'v7', migrations.slice(0, 3))
    v5.exec(`
      INSERT INTO accounts (provider, external_id, label, created_at) VALUES ('ofauth', 'a1', 'Alice', 'now');
      INSERT INTO chats (account_id, external_id, fan_name, fan_username) VALUES (1, 'c1', 'Zoë Fan', 'zoe_99');
      INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
        VALUES (1, 'm1', 'hey there', 1, 1, '2024-01-01', '{}');
      INSERT INTO media (account_id, provider_media_id, type, created_at, sort_at, can_view, is_ready, has_error, drm, raw, first_seen_at, updated_at)
        VALUES (1, 'p1', 'photo', '2024-01-01', '2024-01-01', 1, 1, 0, 0, '{}', 'now', 'now');
      INSERT INTO message_media (message_id, media_id, position) VALUES (1, 1, 0);
    `)
    migrate(v5, 'v7', migrations.slice(0, 5))
    // At schema 5 the triggers write the index directly (what a stop-21 catalog holds).
    v5.exec(`INSERT INTO messages (chat_id, external_id, text, is_free, from_creator, created_at, raw)
      VALUES (1, 'm2', 'heyyy sunset', 1, 0, '2024-01-02', '{}')`)
    const before = rowCounts(v5)
    v5.close()

    const catalog = openCatalog(d)
    const up = catalog.db
    expect(schemaVersion(up)).toBe(latestVersion)
    expect(rowCounts(up)).toEqual(before)
    expect(up.pragma('foreign_key_check')).toEqual([])
    const match = (q: string): number[] =>
      (
        up
          .prepare('SELECT rowid & 4294967295 AS rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY 1')
          .all(q) as {
          rowid: number
        }[]
      ).map((r) => r.rowid)
    // Every message 0005 indexed is still found (0008 rebuilt the index under date keys and left out
    // the account token no query reads).
    expect(match('{text fan} : "hey"')).toEqual([1])
    expect(match('{text fan} : "zoe"')).toEqual([1, 2])
    expect(match('{scope} : "m"')).toEqual([1])
    expect(match('{scope} : "c1"')).toEqual([1, 2])
    expect(match('{scope} : "a1"')).toEqual([])
    // The vocabulary lists every word of the text and fan columns, with how many messages hold it.
    const terms = (): Record<string, number> =>
      Object.fromEntries(
        (up.prepare('SELECT term, docs FROM message_terms').all() as { term: string; docs: number }[]).map(
          (r) => [r.term, r.docs],
        ),
      )
    expect(terms()).toEqual({ hey: 1, there: 1, heyyy: 1, sunset: 1, zoe: 2, fan: 2, '99': 2 })
    // From now on a write is queued and indexed when the catalog's transaction ends, words and all.
    const written = catalog.transaction(() => {
      const id = catalog.messages.write(1, {
        externalId: 'm3',
        text: 'Café heyo',
        price: null,
        isFree: true,
        fromCreator: true,
        senderId: null,
        createdAt: '2024-01-03T00:00:00.000Z',
        raw: {},
      }).id
      expect(match('{text fan} : "cafe"')).toEqual([])
      return id
    })
    expect(match('{text fan} : "cafe"')).toEqual([written])
    expect(terms()).toMatchObject({ cafe: 1, heyo: 1, hey: 1, zoe: 3 })
    // A rename re-indexes the chat's messages and lists the new names' words.
    catalog.transaction(() => up.exec(`UPDATE chats SET fan_name = 'Renée' WHERE id = 1`))
    expect(match('{text fan} : "renee"')).toEqual([1, 2, written])
    expect(terms()).toMatchObject({ renee: 1 })
    expect(up.prepare('SELECT count(*) AS n FROM message_terms_pending').get()).toEqual({ n: 0 })
    catalog.close()
  })

  it('a failing migration rolls back and leaves the version unchanged', () => {
    const db = new Database(join(dir(), 'bad.sqlite'))
    const broken = [
      ...migrations,
      {
        version: latestVersion + 1,
        name: 'broken',
        sql: 'CREATE TABLE ok_table (x INTEGER); SELECT nonsense FROM nowhere;',
      },
    ]
    expect(() => migrate(db, 'bad', broken)).toThrow(/Migration \d+ \(broken\) failed/)
    expect(schemaVersion(db)).toBe(latestVersion)
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_table'`).get()).toEqual({
      n: 0,
    })
    db.close()
  })

  it('refuses a database written by a newer Chatkeep, without touching it', () => {
    const d = dir()
    const db = new Database(catalogPath(d))
    db.pragma(`user_version = ${latestVersion + 5}`)
    db.close()
    expect(() => openCatalog(d)).toThrow(CatalogError)
    expect(() => openCatalog(d)).toThrow(/newer Chatkeep/)
    const check = new Database(catalogPath(d))
    expect(check.pragma('user_version', { simple: true })).toBe(latestVersion + 5)
    check.close()
  })

  it('refuses a file that is not SQLite with a clear error instead of resetting it', () => {
    const d = dir()
    writeFileSync(catalogPath(d), 'this is not a database, it is a text file that got here somehow')
    expect(() => openCatalog(d)).toThrow(/not a SQLite database/)
  })

  it('refuses a damaged SQLite file', () => {
    const d = dir()
    const catalog = openCatalog(d)
    seedCatalog(catalog, { chats: 4, messagesPerChat: 200, mediaPerMessage: 2 })
    catalog.db.pragma('wal_checkpoint(TRUNCATE)')
    // A page in use: the root of the accounts table (a free page may hold anything harmlessly).
    const pageSize = Number(catalog.db.pragma('page_size', { simple: true }))
    const { rootpage } = catalog.db
      .prepare<[], { rootpage: number }>(`SELECT rootpage FROM sqlite_master WHERE name = 'accounts'`)
      .get()!
    catalog.close()
    // Keep the header, scribble over that page and the one behind it.
    const fd = Buffer.alloc(2 * pageSize, 0x5a)
    const handle = openSync(catalogPath(d), 'r+')
    writeSync(handle, fd, 0, fd.length, (rootpage - 1) * pageSize)
    closeSync(handle)
    expect(() => openCatalog(d)).toThrow(CatalogError)
  })
})
