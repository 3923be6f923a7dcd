// Sync history the app shows from sync_runs (issue 13): what started a run, how many items it left
// for a later sync, and the chats it could not read (a 404 chat no longer sinks the run, issue
// 17.8, so the run row has to say which chats failed and why). Older rows keep NULL / 0: unknown.
import type { Migration } from './types'

export const migration0006: Migration = {
  version: 6,
  name: 'sync-history',
  sql: `
ALTER TABLE sync_runs ADD COLUMN trigger TEXT CHECK (trigger IN ('user', 'schedule', 'cli'));
ALTER TABLE sync_runs ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
-- JSON array of {chat, label, error}; NULL when every chat was read.
ALTER TABLE sync_runs ADD COLUMN failed_chats TEXT;
CREATE INDEX sync_runs_started ON sync_runs (started_at, id);
`,
}
