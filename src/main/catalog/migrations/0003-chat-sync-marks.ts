// Two marks per chat, both written only after a complete, unfiltered sync of the chat:
// - seen_last_message_id: the chat list's newest message id then. A later sync whose chat list
//   names the same id knows nothing was sent since and skips the chat's pages, so re-syncing an
//   unchanged chat costs no request beyond the chat list.
// - complete_through: the newest message time then (ISO 8601). Every message up to it is in the
//   catalog, so an incremental sync may stop early only once it has paged back to it; a sync cut
//   short after storing some new messages cannot make the next one stop above a gap.
// Both stay null until a sync records them; a null mark means "page as before".
import type { Migration } from './types'

export const migration0003: Migration = {
  version: 3,
  name: 'chat-sync-marks',
  sql: `
ALTER TABLE chats ADD COLUMN seen_last_message_id TEXT;
ALTER TABLE chats ADD COLUMN complete_through TEXT;
`,
}
