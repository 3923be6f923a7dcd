// message_fts rows keyed by date (issue 12 scale): row id = (seconds since 2010 << 32) | message id
// (repositories/fts-key.ts), so FTS5 hands out a word's hits newest or oldest first and a search's
// first page stops after a few hundred hits instead of collecting and sorting every one (~1 s for a
// common word at 10 million messages). No new column or index on messages: the key is computed
// from created_at and id wherever a row is written or deleted.
//
// - The index is rebuilt from the messages, in key order (FTS5 appends a sorted run of row ids
//   without reordering its lists). Messages still queued in message_fts_pending are left to the
//   first flush, which also adds their words to message_terms; every other word is already listed
//   (the same tokens as before), so the vocabulary stays as it was. Rows lose 0005's unused
//   `a<account>` scope token.
// - The triggers of 0007 find a row by its key: the update trigger also re-keys a message whose
//   created_at changes, the delete trigger and the chats rename trigger compute the key.
// - A message id above 2^32 - 1 cannot be keyed: the migration fails (and rolls back) rather than
//   index it under a wrong date. The flush checks the same for new messages (fts-index.ts).
import { ftsKeySql, maxKeyedMessageId } from '../repositories/fts-key'
import type { Migration } from './types'

const key = (row: string): string => ftsKeySql(`${row}.created_at`, `${row}.id`)

export const migration0008: Migration = {
  version: 8,
  name: 'fts-date-keys',
  // Measured on the bench catalogs: ~5-9 s at 1M messages, 293 s at 10M (load 5).
  notice:
    'Rebuilding the search index once for this version of Chatkeep: about 10 seconds per million ' +
    'messages, several minutes for the largest archives. If it is stopped, it starts again next time; ' +
    'nothing is lost.',
  sql: `
CREATE TABLE fts_key_guard_0008 (
  id INTEGER CONSTRAINT message_id_fits_the_32_bits_of_a_full_text_key CHECK (id <= ${maxKeyedMessageId})
) STRICT;
INSERT INTO fts_key_guard_0008 (id) SELECT max(id) FROM messages;
DROP TABLE fts_key_guard_0008;

DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER chats_fts_rename;
DROP TABLE message_fts;
CREATE VIRTUAL TABLE message_fts USING fts5 (text, fan, scope, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO message_fts (rowid, text, fan, scope)
  SELECT ${key('msg')}, msg.text, coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, ''),
    'c' || c.id || CASE WHEN msg.has_media = 1 THEN ' m' ELSE '' END
  FROM messages msg JOIN chats c ON c.id = msg.chat_id
  WHERE msg.id NOT IN (SELECT id FROM message_fts_pending)
  ORDER BY 1;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, has_media, created_at ON messages
WHEN old.text IS NOT new.text OR old.has_media IS NOT new.has_media OR old.created_at IS NOT new.created_at
BEGIN
  DELETE FROM message_fts WHERE rowid = ${key('old')};
  INSERT OR IGNORE INTO message_fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_fts WHERE rowid = ${key('old')};
  DELETE FROM message_fts_pending WHERE id = old.id;
END;
CREATE TRIGGER chats_fts_rename AFTER UPDATE OF fan_name, fan_username ON chats
WHEN old.fan_name IS NOT new.fan_name OR old.fan_username IS NOT new.fan_username
BEGIN
  UPDATE message_fts SET fan = coalesce(new.fan_name, '') || ' ' || coalesce(new.fan_username, '')
  WHERE rowid IN (SELECT ${key('m')} FROM messages m WHERE m.chat_id = new.id);
  INSERT INTO message_terms_pending (text)
  VALUES (coalesce(new.fan_name, '') || ' ' || coalesce(new.fan_username, ''));
END;
`,
}
