// The first schema. A shipped migration is never edited: add the next numbered file instead.
import type { Migration } from './types'

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL CHECK (provider IN ('onlyfansapi', 'onlyfansapi-fansly', 'ofauth', 'fansmetric')),
  external_id TEXT NOT NULL,
  connection_id TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  last_synced_at TEXT,
  UNIQUE (provider, external_id)
) STRICT;

CREATE TABLE chats (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  fan_id TEXT,
  fan_username TEXT,
  fan_name TEXT,
  last_message_at TEXT,
  last_synced_at TEXT,
  -- 1 once a sync has paged this chat to its oldest message; until then an incremental sync
  -- must keep paging past archived pages, or an interrupted first sync would leave a gap.
  history_complete INTEGER NOT NULL DEFAULT 0 CHECK (history_complete IN (0, 1)),
  raw TEXT,
  UNIQUE (account_id, external_id)
) STRICT;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  price REAL,
  is_free INTEGER NOT NULL CHECK (is_free IN (0, 1)),
  from_creator INTEGER NOT NULL CHECK (from_creator IN (0, 1)),
  sender_id TEXT,
  created_at TEXT NOT NULL,
  raw TEXT NOT NULL,
  UNIQUE (chat_id, external_id)
) STRICT;
CREATE INDEX messages_chat_created ON messages (chat_id, created_at);

CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  mime TEXT NOT NULL,
  rel_path TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  provider_media_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('photo', 'video', 'audio', 'gif')),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('downloaded', 'locked', 'drm', 'not_ready', 'failed', 'pending')),
  width INTEGER,
  height INTEGER,
  duration_sec REAL,
  created_at TEXT,
  -- Denormalised from the earliest message carrying the item, so the gallery sorts and filters
  -- on one table at a million rows.
  sort_at TEXT NOT NULL,
  first_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  price REAL,
  size INTEGER,
  can_view INTEGER NOT NULL CHECK (can_view IN (0, 1)),
  is_ready INTEGER NOT NULL CHECK (is_ready IN (0, 1)),
  has_error INTEGER NOT NULL CHECK (has_error IN (0, 1)),
  drm INTEGER NOT NULL CHECK (drm IN (0, 1)),
  raw TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (account_id, provider_media_id)
) STRICT;
CREATE INDEX media_sort ON media (sort_at, id);
CREATE INDEX media_type_sort ON media (type, sort_at, id);
CREATE INDEX media_status_sort ON media (status, sort_at, id);
CREATE INDEX media_account_sort ON media (account_id, sort_at, id);
CREATE INDEX media_size ON media (size, id);
CREATE INDEX media_price ON media (price, sort_at);

CREATE TABLE message_media (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (message_id, media_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_media_media ON message_media (media_id, message_id);

CREATE TABLE media_files (
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'thumb', 'preview', 'squarePreview')),
  file_id INTEGER NOT NULL REFERENCES files(id),
  PRIMARY KEY (media_id, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX media_files_file ON media_files (file_id);

CREATE TABLE access_rules (
  id INTEGER PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  rule_set INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ppv', 'subscription', 'follow', 'list', 'limited_time', 'unknown')),
  price REAL,
  tier_id TEXT,
  tier_name TEXT,
  list_id TEXT,
  list_label TEXT,
  valid_after TEXT,
  valid_before TEXT,
  flags INTEGER NOT NULL
) STRICT;
CREATE INDEX access_rules_media ON access_rules (media_id);
CREATE INDEX access_rules_kind ON access_rules (kind, media_id);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'thumb', 'preview', 'squarePreview')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  retry_after INTEGER,
  last_error TEXT,
  expected_size INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (media_id, kind)
) STRICT;
CREATE INDEX jobs_status ON jobs (status, retry_after);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  full INTEGER NOT NULL DEFAULT 0 CHECK (full IN (0, 1)),
  requests INTEGER NOT NULL DEFAULT 0,
  credits REAL NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  media_seen INTEGER NOT NULL DEFAULT 0,
  downloaded INTEGER NOT NULL DEFAULT 0,
  already_had INTEGER NOT NULL DEFAULT 0,
  locked INTEGER NOT NULL DEFAULT 0,
  drm INTEGER NOT NULL DEFAULT 0,
  not_ready INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  error TEXT
) STRICT;
CREATE INDEX sync_runs_account ON sync_runs (account_id, started_at);

-- Message text and the fan's name/username, kept in step by triggers so no writer can forget.
CREATE VIRTUAL TABLE message_fts USING fts5 (text, fan, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO message_fts (rowid, text, fan)
  SELECT new.id, new.text, coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, '')
  FROM chats c WHERE c.id = new.chat_id;
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
  INSERT INTO message_fts (rowid, text, fan)
  SELECT new.id, new.text, coalesce(c.fan_name, '') || ' ' || coalesce(c.fan_username, '')
  FROM chats c WHERE c.id = new.chat_id;
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_fts WHERE rowid = old.id;
END;
CREATE TRIGGER chats_fts_rename AFTER UPDATE OF fan_name, fan_username ON chats BEGIN
  UPDATE message_fts SET fan = coalesce(new.fan_name, '') || ' ' || coalesce(new.fan_username, '')
  WHERE rowid IN (SELECT id FROM messages WHERE chat_id = new.id);
END;
`,
}
