// Keeps message_fts up to date with the messages table, one statement per transaction.
//
// The messages triggers (migration 0005) do not write the full-text index themselves: they queue
// the row id in message_fts_pending, and `flush` indexes the queue in one INSERT … SELECT. Why:
// inside a transaction, a statement whose trigger writes to an FTS5 table opens a statement
// savepoint, and FTS5 writes a new segment of its index at every savepoint, then spends merge work
// on it. One segment per message made the index most of an ingest (measured at 10 million
// messages: 1,393 msg/s through the trigger, 13,306 msg/s with one flush per page, 15,064 with no
// index at all). Catalog.transaction flushes before it commits; a write outside a transaction is
// flushed by the messages repository at once, so a search never misses a committed message.
import type { Db } from '../db'

export class FtsIndexRepository {
  private readonly pendingStmt
  private readonly indexStmt
  private readonly clearStmt

  constructor(db: Db) {
    this.pendingStmt = db.prepare<[], { one: number }>(`SELECT 1 AS one FROM message_fts_pending LIMIT 1`)
    // In row id order: FTS5 appends a sorted run of row ids without reordering its doclists.
    this.indexStmt = db.prepare(
      `INSERT INTO message_fts (rowid, text, fan, scope)
       SELECT msg.id, msg.text, coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, ''),
         'c' || c.id || CASE WHEN msg.has_media = 1 THEN ' m' ELSE '' END
       FROM message_fts_pending p JOIN messages msg ON msg.id = p.id JOIN chats c ON c.id = msg.chat_id
       ORDER BY p.id`,
    )
    this.clearStmt = db.prepare(`DELETE FROM message_fts_pending`)
  }

  /** Indexes every queued message; cheap (one lookup) when none is queued. */
  flush(): void {
    if (this.pendingStmt.get() === undefined) return
    this.indexStmt.run()
    this.clearStmt.run()
  }
}
