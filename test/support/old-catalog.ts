// Catalogs as an older Chatkeep left them (an older schema), for upgrade tests.
import Database from 'better-sqlite3'
import { catalogPath } from '../../src/main/catalog/catalog'
import { migrate } from '../../src/main/catalog/db'
import { migrations } from '../../src/main/catalog/migrations'

/** The data folder's catalog, new, with the migrations up to `version` only (close it after). */
export function openCatalogAtVersion(dataDir: string, version: number): Database.Database {
  const db = new Database(catalogPath(dataDir))
  db.pragma('foreign_keys = ON')
  migrate(
    db,
    `v${version}`,
    migrations.filter((m) => m.version <= version),
  )
  return db
}

/** Writes a schema-7 catalog into `dataDir` whose newest message has row id `newestId`. */
export function writeSchema7Catalog(dataDir: string, newestId: number): void {
  const db = openCatalogAtVersion(dataDir, 7)
  db.exec(`
    INSERT INTO accounts (provider, external_id, label, created_at) VALUES ('ofauth', 'a1', 'Alice', 'now');
    INSERT INTO chats (account_id, external_id) VALUES (1, 'c1');
    INSERT INTO messages (id, chat_id, external_id, text, is_free, from_creator, created_at, raw, has_media)
      VALUES (${newestId}, 1, 'm1', 'hey', 1, 1, '2024-01-01T00:00:00.000Z', '{}', 0);
  `)
  db.close()
}

/** Lists the index's words in message_terms as migration 0007's one-pass listing does, then closes. */
export function closeWithVocabulary(db: Database.Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE temp.v USING fts5vocab (main, message_fts, col);
    INSERT INTO message_terms (term, docs) SELECT term, sum(doc) FROM temp.v WHERE col IN ('text', 'fan') GROUP BY term;
  `)
  db.close()
}
