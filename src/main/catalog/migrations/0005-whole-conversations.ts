// Whole conversations (issue 12): every message of a chat, not only those carrying media.
//
// - messages gain what a conversation says besides text: the tip, the message it replies to (the
//   provider's id), whether it was a mass message, the paid state and a subscriber's price, and
//   has_media (denormalised from message_media so the full-text index can tell media messages
//   apart without a join; kept by a trigger on message_media).
// - messages and media gain deleted_upstream_at: when a full sync noticed the provider no longer
//   has them. A sync never deletes a row; it marks it.
// - chats gain a second set of sync marks for whole-conversation syncs. The 0003 marks (and
//   history_complete) keep meaning "every media message": a catalog synced media-only upgrades
//   with its conversation marks unset, so the first whole-conversation sync of each chat pages it
//   to the end once. A whole-conversation sync proves both sets; a media-only one only its own.
// - sync_runs count the messages a run read and the new ones it archived.
// - message_fts is rebuilt with a third column, `scope`: tokens `c<chat row id>`, `a<account row
//   id>` and `m` (carries media). Searching inside a chat or among media messages then intersects
//   two term lists inside the index, instead of checking each of a common word's hits (hundreds of
//   thousands at 10 million messages) against the messages table. User terms are confined to the
//   text and fan columns by the query builder (fts-query.ts). Rebuilding reads every message once.
// - The full-text triggers fire only when what they index changed. `UPDATE OF` fires whenever the
//   column is assigned, and every sync assigns the fan's names of every listed chat: each sync
//   re-indexed every message of every chat (most of an ingest's time, measured with whole chats).
import type { Migration } from './types'

const ftsRow = (row: string): string => `${row}.text,
    coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, ''),
    'c' || c.id || ' a' || c.account_id || CASE WHEN ${row}.has_media = 1 THEN ' m' ELSE '' END`

export const migration0005: Migration = {
  version: 5,
  name: 'whole-conversations',
  sql: `
ALTER TABLE messages ADD COLUMN tip REAL;
ALTER TABLE messages ADD COLUMN reply_to_id TEXT;
ALTER TABLE messages ADD COLUMN is_mass INTEGER CHECK (is_mass IN (0, 1));
ALTER TABLE messages ADD COLUMN paid INTEGER CHECK (paid IN (0, 1));
ALTER TABLE messages ADD COLUMN subscriber_price REAL;
ALTER TABLE messages ADD COLUMN has_media INTEGER NOT NULL DEFAULT 0 CHECK (has_media IN (0, 1));
ALTER TABLE messages ADD COLUMN deleted_upstream_at TEXT;
ALTER TABLE media ADD COLUMN deleted_upstream_at TEXT;
-- Deleting a message (an account removed) clears media.first_message_id through its foreign key;
-- without this index each deleted message scanned the whole media table (minutes for 20,000
-- messages at 100,000 media). Whole conversations make messages ten times as many as media.
CREATE INDEX media_first_message ON media (first_message_id);

UPDATE messages SET has_media = 1 WHERE id IN (SELECT message_id FROM message_media);

ALTER TABLE chats ADD COLUMN conversation_complete INTEGER NOT NULL DEFAULT 0
  CHECK (conversation_complete IN (0, 1));
ALTER TABLE chats ADD COLUMN conversation_seen_last_id TEXT;
ALTER TABLE chats ADD COLUMN conversation_complete_through TEXT;

ALTER TABLE sync_runs ADD COLUMN messages_seen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN messages_new INTEGER NOT NULL DEFAULT 0;

DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER chats_fts_rename;
DROP TABLE message_fts;
CREATE VIRTUAL TABLE message_fts USING fts5 (text, fan, scope, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO message_fts (rowid, text, fan, scope)
  SELECT msg.id, ${ftsRow('msg')} FROM messages msg JOIN chats c ON c.id = msg.chat_id;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_fts (rowid, text, fan, scope)
  SELECT new.id, ${ftsRow('new')} FROM chats c WHERE c.id = new.chat_id;
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, has_media ON messages
WHEN old.text IS NOT new.text OR old.has_media IS NOT new.has_media
BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
  INSERT INTO message_fts (rowid, text, fan, scope)
  SELECT new.id, ${ftsRow('new')} FROM chats c WHERE c.id = new.chat_id;
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
END;
CREATE TRIGGER chats_fts_rename AFTER UPDATE OF fan_name, fan_username ON chats
WHEN old.fan_name IS NOT new.fan_name OR old.fan_username IS NOT new.fan_username
BEGIN
  UPDATE message_fts SET fan = coalesce(new.fan_name, '') || ' ' || coalesce(new.fan_username, '')
  WHERE rowid IN (SELECT id FROM messages WHERE chat_id = new.id);
END;
-- The sync says has_media when it inserts a message; this catches any other writer.
CREATE TRIGGER message_media_has_media AFTER INSERT ON message_media
WHEN (SELECT has_media FROM messages WHERE id = new.message_id) = 0
BEGIN
  UPDATE messages SET has_media = 1 WHERE id = new.message_id;
END;
`,
}
