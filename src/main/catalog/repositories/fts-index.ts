// Keeps message_fts and its vocabulary (message_terms) up to date, one statement per transaction.
//
// The messages triggers (migration 0007) do not write the full-text index themselves: they queue
// the row id in message_fts_pending, and `flush` indexes the queue in one INSERT … SELECT. Why:
// inside a transaction, a statement whose trigger writes to an FTS5 table opens a statement
// savepoint, and FTS5 writes a new segment of its index at every savepoint, then spends merge work
// on it. One segment per message made the index most of an ingest (measured at 10 million
// messages: 1,393 msg/s through the trigger, 13,306 msg/s with one flush per page, 15,064 with no
// index at all). Catalog.transaction flushes before it commits; a write outside a transaction is
// flushed by the messages repository at once, so a search never misses a committed message.
//
// The same flush adds the words of what it indexed (and of renamed chats' names) to message_terms,
// which turns a typed prefix into exact words (fts-terms.ts). The words are split by a scratch
// FTS5 table in memory with the index's own tokenizer, so they are exactly the index's terms.
//
// The gallery's index, media_fts (one row per media item, migration 0009), is kept by the same
// flush: its triggers queue item ids in media_fts_pending, and each queued item's row is deleted
// under its current key and rebuilt from all the messages carrying it (media-fts-doc.ts). Its words
// are the messages' and chats' words, which message_terms lists already.
import type { Db } from '../db'
import { ftsKeySql, maxKeyedMessageId } from './fts-key'
import { mediaFtsDocsSql, mediaFtsKeysSql } from './media-fts-doc'

/** message_fts's tokenizer (migration 0005). The scratch table must split words the same way. */
const tokenizer = `unicode61 remove_diacritics 2`

export class FtsIndexRepository {
  private readonly pendingStmt
  private readonly indexStmt
  private readonly clearMessagesStmt
  private readonly clearNamesStmt
  private readonly maxPendingStmt
  private readonly maxPendingMediaStmt
  private readonly mediaUnindexStmt
  private readonly mediaIndexStmt
  private readonly clearMediaStmt
  private scratch: { fill: () => void; count: () => void; clear: () => void } | null = null

  constructor(private readonly db: Db) {
    this.pendingStmt = db.prepare<[], { one: number }>(
      `SELECT 1 AS one FROM message_fts_pending UNION ALL SELECT 1 FROM message_terms_pending
       UNION ALL SELECT 1 FROM media_fts_pending LIMIT 1`,
    )
    // Keyed by date (fts-key.ts, migration 0008) and inserted in key order: FTS5 flushes a new
    // segment whenever a row id is lower than the previous one in a transaction, so a batch in id
    // order (not date order) would write a segment per out-of-order row.
    this.indexStmt = db.prepare(
      `INSERT INTO message_fts (rowid, text, fan, scope)
       SELECT ${ftsKeySql('msg.created_at', 'msg.id')}, msg.text, coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, ''),
         'c' || c.id || CASE WHEN msg.has_media = 1 THEN ' m' ELSE '' END
       FROM message_fts_pending p JOIN messages msg ON msg.id = p.id JOIN chats c ON c.id = msg.chat_id
       ORDER BY 1`,
    )
    this.maxPendingStmt = db.prepare<[], { id: number | null }>(
      `SELECT max(id) AS id FROM message_fts_pending`,
    )
    this.maxPendingMediaStmt = db.prepare<[], { id: number | null }>(
      `SELECT max(id) AS id FROM media_fts_pending`,
    )
    // Both in key order (the delete's IN list is sorted): two runs of ascending row ids, so FTS5
    // writes about two segments per flush, not one per item.
    this.mediaUnindexStmt = db.prepare(
      `DELETE FROM media_fts WHERE rowid IN (${mediaFtsKeysSql('SELECT id FROM media_fts_pending')})`,
    )
    this.mediaIndexStmt = db.prepare(
      `INSERT INTO media_fts (rowid, text, fan, scope) ${mediaFtsDocsSql('SELECT id FROM media_fts_pending')}`,
    )
    this.clearMediaStmt = db.prepare(`DELETE FROM media_fts_pending`)
    this.clearMessagesStmt = db.prepare(`DELETE FROM message_fts_pending`)
    this.clearNamesStmt = db.prepare(`DELETE FROM message_terms_pending`)
  }

  /** Indexes every queued message and adds its words to the vocabulary; one lookup when none is queued. */
  flush(): void {
    if (this.pendingStmt.get() === undefined) return
    this.assertKeyable()
    const scratch = this.scratchTable()
    scratch.fill()
    this.indexStmt.run()
    scratch.count()
    scratch.clear()
    this.clearMessagesStmt.run()
    this.clearNamesStmt.run()
    this.flushMedia(true)
  }

  /** Rebuilds the queued items' media_fts rows (`unindex`: first delete the rows they have now). */
  private flushMedia(unindex: boolean): void {
    if (unindex) this.mediaUnindexStmt.run()
    this.mediaIndexStmt.run()
    this.clearMediaStmt.run()
  }

  /**
   * For a bulk load (the bench seeds): indexes the queue as `flush` does, then lists the words
   * from the index's own vocabulary in one pass, as migration 0007 does, instead of splitting
   * every message a second time (which doubled the full-text part of a 10M-message seed). The
   * queued messages' items are (re)indexed in media_fts too, even when a bulk load dropped the
   * message_media triggers that would have queued them.
   */
  flushBulk(): void {
    this.db.exec(`INSERT OR IGNORE INTO media_fts_pending (id)
      SELECT mm.media_id FROM message_fts_pending p JOIN message_media mm ON mm.message_id = p.id`)
    this.assertKeyable()
    this.indexStmt.run()
    this.db.exec(`
      CREATE VIRTUAL TABLE temp.message_fts_vocab_bulk USING fts5vocab (main, message_fts, col);
      DELETE FROM message_terms;
      INSERT INTO message_terms (term, docs)
        SELECT term, sum(doc) FROM temp.message_fts_vocab_bulk WHERE col IN ('text', 'fan') GROUP BY term;
      DROP TABLE temp.message_fts_vocab_bulk;
    `)
    this.clearMessagesStmt.run()
    this.clearNamesStmt.run()
    // Into an empty index (a seed) there is nothing to delete: skip a lookup per item.
    const empty = this.db.prepare(`SELECT 1 FROM media_fts LIMIT 1`).get() === undefined
    this.flushMedia(!empty)
  }

  /** A message or item id past the key's 32 bits would be indexed under a wrong date: refuse it loudly. */
  private assertKeyable(): void {
    const id = this.maxPendingStmt.get()?.id ?? 0
    if (id > maxKeyedMessageId) {
      throw new Error(
        `Message row id ${id} does not fit the full-text index's key (at most ${maxKeyedMessageId}, fts-key.ts)`,
      )
    }
    const mediaId = this.maxPendingMediaStmt.get()?.id ?? 0
    if (mediaId > maxKeyedMessageId) {
      throw new Error(
        `Media row id ${mediaId} does not fit the gallery search index's key (at most ${maxKeyedMessageId}, fts-key.ts)`,
      )
    }
  }

  private ensureScratch(): void {
    this.db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_terms_scratch
        USING fts5 (body, content = '', tokenize = '${tokenizer}');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.message_terms_scratch_vocab
        USING fts5vocab (temp, message_terms_scratch, row);
    `)
  }

  /**
   * A contentless FTS5 table in the connection's temp schema: what is queued goes in, its
   * vocabulary is added to message_terms, and `delete-all` empties it (no content to read back).
   * Made on first use, so a read-only catalog never makes it, and made again whenever it is gone:
   * the first use is usually inside a transaction, and if that rolls back (an outer transaction
   * that throws, a failed commit on a full disk) the table goes with it, which made every later
   * flush of the connection fail with "no such table".
   */
  private scratchTable(): { fill: () => void; count: () => void; clear: () => void } {
    this.ensureScratch()
    if (this.scratch) return this.scratch
    const db = this.db
    const fill = db.prepare(
      `INSERT INTO temp.message_terms_scratch (body)
       SELECT msg.text || ' ' || coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, '')
       FROM message_fts_pending p JOIN messages msg ON msg.id = p.id JOIN chats c ON c.id = msg.chat_id
       UNION ALL SELECT text FROM message_terms_pending`,
    )
    // `WHERE true` tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to a join.
    const count = db.prepare(
      `INSERT INTO message_terms (term, docs)
       SELECT term, doc FROM temp.message_terms_scratch_vocab WHERE true
       ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs`,
    )
    const clear = db.prepare(
      `INSERT INTO temp.message_terms_scratch (message_terms_scratch) VALUES ('delete-all')`,
    )
    this.scratch = { fill: () => fill.run(), count: () => count.run(), clear: () => clear.run() }
    return this.scratch
  }
}
