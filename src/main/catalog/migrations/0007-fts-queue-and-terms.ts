// The full-text index written once per transaction, and a vocabulary of its words (issue 12 scale).
//
// - The messages triggers queue row ids in message_fts_pending instead of writing message_fts; the
//   catalog indexes the queue once per transaction (repositories/fts-index.ts). Inside a
//   transaction every statement whose trigger wrote to FTS5 made FTS5 write a new segment and
//   merge it: one segment per message was most of an ingest at 10 million messages.
// - message_terms lists every word the index holds (text and fan columns) with about how many
//   messages hold it, so a typed prefix (`hey`) becomes its few exact words (`hey`, `heyyy`):
//   FTS5 streams an exact term in row id order and stops at a LIMIT, while a prefix term builds
//   its whole merged list first (100+ ms for a common word at 1M messages). The flush adds the
//   words of what it indexes; a chat's new names are queued in message_terms_pending by the
//   rename trigger. Counts only grow (a deleted or edited message leaves its words): a word no
//   message holds any more matches nothing, so a stale entry costs a lookup, never a wrong result.
// - Existing rows keep the `a<account>` scope token 0005 gave them (no query reads it; rebuilding
//   the index to drop it would read every message). New and re-indexed rows do not get it.
import type { Migration } from './types'

export const migration0007: Migration = {
  version: 7,
  name: 'fts-queue-and-terms',
  sql: `
CREATE TABLE message_fts_pending (id INTEGER PRIMARY KEY) STRICT;
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT OR IGNORE INTO message_fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, has_media ON messages
WHEN old.text IS NOT new.text OR old.has_media IS NOT new.has_media
BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
  INSERT OR IGNORE INTO message_fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
  DELETE FROM message_fts_pending WHERE id = old.id;
END;

CREATE TABLE message_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE message_terms_pending (text TEXT NOT NULL) STRICT;
DROP TRIGGER chats_fts_rename;
CREATE TRIGGER chats_fts_rename AFTER UPDATE OF fan_name, fan_username ON chats
WHEN old.fan_name IS NOT new.fan_name OR old.fan_username IS NOT new.fan_username
BEGIN
  UPDATE message_fts SET fan = coalesce(new.fan_name, '') || ' ' || coalesce(new.fan_username, '')
  WHERE rowid IN (SELECT id FROM messages WHERE chat_id = new.id);
  INSERT INTO message_terms_pending (text)
  VALUES (coalesce(new.fan_name, '') || ' ' || coalesce(new.fan_username, ''));
END;

-- What the index holds already (one pass over the index, not over the messages).
CREATE VIRTUAL TABLE message_fts_vocab_0007 USING fts5vocab (message_fts, col);
INSERT INTO message_terms (term, docs)
  SELECT term, sum(doc) FROM message_fts_vocab_0007 WHERE col IN ('text', 'fan') GROUP BY term;
DROP TABLE message_fts_vocab_0007;
`,
}
