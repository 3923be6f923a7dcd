// Per-chat media counts kept by triggers, so the sidebar does not count a million links on every
// load; and an index that serves "smallest first" with unknown sizes last. A shipped migration is
// never edited: add the next numbered file instead.
import type { Migration } from './types'

export const migration0002: Migration = {
  version: 2,
  name: 'chat-counters',
  sql: `
CREATE INDEX media_size_known ON media (size IS NULL, size, id);

ALTER TABLE chats ADD COLUMN media_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN downloaded_count INTEGER NOT NULL DEFAULT 0;

UPDATE chats SET
  media_count = (SELECT count(DISTINCT mm.media_id) FROM messages m JOIN message_media mm ON mm.message_id = m.id
    WHERE m.chat_id = chats.id),
  downloaded_count = (SELECT count(DISTINCT mm.media_id) FROM messages m JOIN message_media mm ON mm.message_id = m.id
    JOIN media md ON md.id = mm.media_id WHERE m.chat_id = chats.id AND md.status = 'downloaded');

-- A link adds to its chat's count only when the item was not already linked to that chat.
CREATE TRIGGER message_media_chat_count AFTER INSERT ON message_media
WHEN NOT EXISTS (
  SELECT 1 FROM message_media other JOIN messages om ON om.id = other.message_id
  WHERE other.media_id = new.media_id AND other.message_id <> new.message_id
    AND om.chat_id = (SELECT chat_id FROM messages WHERE id = new.message_id)
)
BEGIN
  UPDATE chats SET
    media_count = media_count + 1,
    downloaded_count = downloaded_count + (SELECT status = 'downloaded' FROM media WHERE id = new.media_id)
  WHERE id = (SELECT chat_id FROM messages WHERE id = new.message_id);
END;

CREATE TRIGGER media_status_chat_count AFTER UPDATE OF status ON media
WHEN (old.status = 'downloaded') <> (new.status = 'downloaded')
BEGIN
  UPDATE chats SET downloaded_count = downloaded_count + (CASE WHEN new.status = 'downloaded' THEN 1 ELSE -1 END)
  WHERE id IN (SELECT DISTINCT m.chat_id FROM message_media mm JOIN messages m ON m.id = mm.message_id
    WHERE mm.media_id = new.id);
END;
`,
}
