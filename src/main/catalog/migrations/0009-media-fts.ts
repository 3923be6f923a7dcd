// media_fts: one full-text row per media item, keyed by the item's gallery date (issue 12 scale).
//
// The gallery searched message_fts (one row per message) and mapped every hit to its media:
// lists spanned all 10 million messages while ~1 in 10 carries media, a hit cost a random
// message_media lookup (~9 µs), and `to` could not bound the walk (an item may match through a
// later message that sent it again). Measured at 10M messages (p50): word + month 387 ms, fan
// username 114 ms, two words 97 ms. Here a row is an item:
//
//   rowid = (seconds of media.sort_at since 2010 << 32) | media.id   (fts-key.ts, as message_fts)
//   text  = the texts of every message carrying the item, joined by newlines
//   fan   = the fan names and usernames of every chat carrying it
//   scope = `m` (every row: exclusions alone still walk the index) and `c<chat id>` per chat
//
// so a hit is an item, in gallery order already, `from` and `to` both bound the walk, and the
// lists are ~10 times shorter. An item with no carrying message has no row (no search finds it,
// as before). Semantics: an item matches when its messages together match (repositories/
// media-fts-query.ts, the catalog README).
//
// Kept up to date as message_fts is (migration 0007): triggers queue item ids in
// media_fts_pending, and the same flush (fts-index.ts) rebuilds their rows in key order. A change
// of sort_at re-keys the row in place and a deleted item loses its row at once (both need the old
// key, which only the trigger knows). Items whose id does not fit 32 bits fail the migration, as
// 0008 does for messages.
import { ftsKeySql, maxKeyedMessageId } from '../repositories/fts-key'
import { mediaFtsDocsSql } from '../repositories/media-fts-doc'
import type { Migration } from './types'

const key = (row: string): string => ftsKeySql(`${row}.sort_at`, `${row}.id`)

export const migration0009: Migration = {
  version: 9,
  name: 'media-fts',
  // Measured on a copy of the 10M-message bench catalog put back to schema 8 (1M items, 1.4M
  // links): 10.8 s at load ~2, the index ~180 MB (+5 % of the 3.9 GB file).
  notice:
    'Building the gallery search index once for this version of Chatkeep: about 10 to 20 seconds per ' +
    'million media items. If it is stopped, it starts again next time; nothing is lost.',
  sql: `
CREATE TABLE fts_key_guard_0009 (
  id INTEGER CONSTRAINT media_id_fits_the_32_bits_of_a_full_text_key CHECK (id <= ${maxKeyedMessageId})
) STRICT;
INSERT INTO fts_key_guard_0009 (id) SELECT max(id) FROM media;
DROP TABLE fts_key_guard_0009;

CREATE VIRTUAL TABLE media_fts USING fts5 (text, fan, scope, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE media_fts_pending (id INTEGER PRIMARY KEY) STRICT;
INSERT INTO media_fts (rowid, text, fan, scope) ${mediaFtsDocsSql(null)};

CREATE TRIGGER message_media_fts_insert AFTER INSERT ON message_media BEGIN
  INSERT OR IGNORE INTO media_fts_pending (id) VALUES (new.media_id);
END;
CREATE TRIGGER message_media_fts_delete AFTER DELETE ON message_media BEGIN
  INSERT OR IGNORE INTO media_fts_pending (id) VALUES (old.media_id);
END;
CREATE TRIGGER messages_media_fts_update AFTER UPDATE OF text, chat_id ON messages
WHEN (old.text IS NOT new.text OR old.chat_id IS NOT new.chat_id) AND new.has_media = 1
BEGIN
  INSERT OR IGNORE INTO media_fts_pending (id) SELECT media_id FROM message_media WHERE message_id = new.id;
END;
CREATE TRIGGER chats_media_fts_rename AFTER UPDATE OF fan_name, fan_username ON chats
WHEN old.fan_name IS NOT new.fan_name OR old.fan_username IS NOT new.fan_username
BEGIN
  INSERT OR IGNORE INTO media_fts_pending (id)
    SELECT mm.media_id FROM messages msg JOIN message_media mm ON mm.message_id = msg.id
    WHERE msg.chat_id = new.id AND msg.has_media = 1;
END;
CREATE TRIGGER media_fts_rekey AFTER UPDATE OF sort_at ON media
WHEN ${key('old')} IS NOT ${key('new')}
BEGIN
  UPDATE media_fts SET rowid = ${key('new')} WHERE rowid = ${key('old')};
END;
CREATE TRIGGER media_fts_delete AFTER DELETE ON media BEGIN
  DELETE FROM media_fts WHERE rowid = ${key('old')};
  DELETE FROM media_fts_pending WHERE id = old.id;
END;
`,
}
