// One home for what a media_fts row holds (migration 0009): the migration, the flush and the bulk
// load all build the rows with this SQL, so they cannot drift apart.
//
//   rowid = the item's date key (fts-key.ts over media.sort_at and media.id)
//   text  = the texts of the messages carrying the item, oldest first, joined by newlines (the
//           tokenizer drops them, so words of two messages never merge; a quoted phrase may
//           still run from the end of one message into the start of the next)
//   fan   = the distinct fan names and usernames of the chats carrying it, joined by commas
//           (group_concat's default: media-fts-query.ts checks symbols on this column and keeps
//           text holding a comma or a newline off it, so both separators matter there)
//   scope = `m` on every row, then `c<chat id>` per chat carrying it
//
// An item no message carries gets no row. Rows come out in key order: FTS5 writes a new segment
// whenever a row id is lower than the previous one (fts-index.ts).
import { ftsKeySql } from './fts-key'

/** SQL of the media_fts rows (rowid, text, fan, scope) of the items `ids` selects (null: all). */
export function mediaFtsDocsSql(ids: string | null): string {
  return `SELECT ${ftsKeySql('m.sort_at', 'm.id')},
      group_concat(msg.text, char(10) ORDER BY msg.created_at, msg.id),
      group_concat(DISTINCT coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, '')),
      'm ' || group_concat(DISTINCT 'c' || c.id)
    FROM media m JOIN message_media mm ON mm.media_id = m.id
      JOIN messages msg ON msg.id = mm.message_id JOIN chats c ON c.id = msg.chat_id
    ${ids === null ? '' : `WHERE m.id IN (${ids})`}
    GROUP BY m.id ORDER BY 1`
}

/** SQL of the media_fts row ids of the items `ids` selects, as they are keyed now. */
export function mediaFtsKeysSql(ids: string): string {
  return `SELECT ${ftsKeySql('m.sort_at', 'm.id')} FROM media m WHERE m.id IN (${ids})`
}
