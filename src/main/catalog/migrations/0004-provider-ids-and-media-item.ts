// Two corrections to the first schema; no row changes meaning.
//
// - accounts.provider loses its CHECK (provider IN (<the four ids>)). SQLite cannot alter a CHECK,
//   so every new provider would have cost a migration rebuilding this table. Provider ids are
//   checked where they enter instead (zod at the contract, the CLI's choices, the ProviderId type
//   of the repositories), from their one list in src/shared/providers.ts. The table is rebuilt the
//   way SQLite documents (new table, copy, drop, rename) with foreign keys off, so dropping the old
//   table cascades to nothing; the runner checks every reference before it commits.
// - media.raw becomes media.item_json: it holds the normalised item the sync stored (flags,
//   variants with their signed URLs, access rules; the provider's own JSON sits inside it as
//   `raw`), which a resumed download reads back. It never was the provider's response.
import type { Migration } from './types'

export const migration0004: Migration = {
  version: 4,
  name: 'provider-ids-and-media-item',
  rebuildsTables: true,
  sql: `
CREATE TABLE accounts_rebuilt (
  id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL,
  external_id TEXT NOT NULL,
  connection_id TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  last_synced_at TEXT,
  UNIQUE (provider, external_id)
) STRICT;
INSERT INTO accounts_rebuilt (id, provider, external_id, connection_id, label, created_at, last_synced_at)
  SELECT id, provider, external_id, connection_id, label, created_at, last_synced_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_rebuilt RENAME TO accounts;

ALTER TABLE media RENAME COLUMN raw TO item_json;
`,
}
