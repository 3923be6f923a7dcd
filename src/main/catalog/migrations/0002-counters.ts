// Counts kept by triggers, so the sidebar, the account list and the header do not count a million
// rows on every load: per chat (media, downloaded), per account/status/type, and archive totals.
// Also an index that serves "smallest first" with unknown sizes last. A shipped migration is never
// edited: add the next numbered file instead.
import type { Migration } from './types'

export const migration0002: Migration = {
  version: 2,
  name: 'counters',
  sql: `
CREATE INDEX media_size_known ON media (size IS NULL, size, id);

CREATE TABLE media_counts (
  account_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  type TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (account_id, status, type)
) STRICT, WITHOUT ROWID;
INSERT INTO media_counts (account_id, status, type, n)
  SELECT account_id, status, type, count(*) FROM media GROUP BY account_id, status, type;
CREATE TRIGGER media_counts_insert AFTER INSERT ON media BEGIN
  INSERT INTO media_counts (account_id, status, type, n) VALUES (new.account_id, new.status, new.type, 1)
  ON CONFLICT (account_id, status, type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER media_counts_update AFTER UPDATE OF account_id, status, type ON media
WHEN old.account_id IS NOT new.account_id OR old.status IS NOT new.status OR old.type IS NOT new.type
BEGIN
  UPDATE media_counts SET n = n - 1 WHERE account_id = old.account_id AND status = old.status AND type = old.type;
  INSERT INTO media_counts (account_id, status, type, n) VALUES (new.account_id, new.status, new.type, 1)
  ON CONFLICT (account_id, status, type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER media_counts_delete AFTER DELETE ON media BEGIN
  UPDATE media_counts SET n = n - 1 WHERE account_id = old.account_id AND status = old.status AND type = old.type;
END;

CREATE TABLE archive_totals (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  messages INTEGER NOT NULL,
  files INTEGER NOT NULL,
  bytes INTEGER NOT NULL
) STRICT;
INSERT INTO archive_totals (id, messages, files, bytes)
  SELECT 1, (SELECT count(*) FROM messages), (SELECT count(*) FROM files), (SELECT coalesce(sum(size), 0) FROM files);
CREATE TRIGGER archive_totals_message_insert AFTER INSERT ON messages BEGIN
  UPDATE archive_totals SET messages = messages + 1 WHERE id = 1;
END;
CREATE TRIGGER archive_totals_message_delete AFTER DELETE ON messages BEGIN
  UPDATE archive_totals SET messages = messages - 1 WHERE id = 1;
END;
CREATE TRIGGER archive_totals_file_insert AFTER INSERT ON files BEGIN
  UPDATE archive_totals SET files = files + 1, bytes = bytes + new.size WHERE id = 1;
END;
CREATE TRIGGER archive_totals_file_delete AFTER DELETE ON files BEGIN
  UPDATE archive_totals SET files = files - 1, bytes = bytes - old.size WHERE id = 1;
END;

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
