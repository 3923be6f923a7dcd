// The full-text index's row key (migration 0008): a message's date and its row id in one integer,
// so FTS5, which walks hits in row id order and stops at a LIMIT, walks them in date order.
//
//   key = (seconds since 2010-01-01, clamped to [0, 2^31 - 1]) << 32 | messages.id
//
// Why: the row id used to be the message id, and message ids are not in date order (a chat's first
// sync pages it newest first, chats are synced one after the other), so a search had to collect
// every hit and sort it by date: ~1 s for a common word at 10 million messages. With this key the
// newest hits come first from the index itself (gallery-stream.ts, conversation.ts).
//
// Unique because the id is. Message ids must fit the low 32 bits (4,294,967,295 messages, 400 times
// the 10M-message bench): a larger one would mix into the seconds, so the flush (fts-index.ts) and
// migration 0008 refuse it with an error instead of indexing it under a wrong date. The seconds fit
// 31 bits until 2078; later dates (and anything before 2010) clamp to the ends, as does a
// created_at SQLite cannot parse (it counts as 0): such a message is still found, only its place in
// the walk is approximate. Ingest normalises created_at to ISO 8601, which unixepoch() reads.
//
// One home for the key: the migration, the triggers, the flush and every query build it here.
// Migration 0008's SQL is built from ftsKeySql, so changing the key means a new migration that
// rebuilds the index (and changes the schema hash the bench catalogs are keyed by).

/** 2010-01-01T00:00:00Z in Unix seconds: the key's seconds count from here (fits 31 bits to 2078). */
export const keyEpochSeconds = 1_262_304_000
/** The largest seconds value the key holds (2^31 - 1, so the key stays a positive 63-bit integer). */
export const maxKeySeconds = 2_147_483_647
/** The low 32 bits: the message row id. */
export const messageIdMask = 4_294_967_295
/** The largest message row id a key can hold. */
export const maxKeyedMessageId = messageIdMask

/** SQL of a message's key from its created_at and id columns (e.g. `msg.created_at`, `msg.id`). */
export function ftsKeySql(createdAt: string, id: string): string {
  return `((max(0, min(${maxKeySeconds}, coalesce(unixepoch(${createdAt}) - ${keyEpochSeconds}, 0))) << 32) | ${id})`
}

/** SQL of the message row id a key holds (e.g. `rowid`). */
export function keyMessageIdSql(key: string): string {
  return `(${key} & ${messageIdMask})`
}

/** SQL of the key's seconds (since keyEpochSeconds). */
export function keySecondsSql(key: string): string {
  return `(${key} >> 32)`
}

/** SQL of the smallest key at a second (a bound parameter or expression): `(? << 32)`. */
export function keyAtSecondSql(seconds: string): string {
  return `(${seconds} << 32)`
}

/** The key's seconds of a date, as SQL computes them: floor, clamped (null when unparseable: 0). */
export function keySeconds(iso: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return 0
  return Math.max(0, Math.min(maxKeySeconds, Math.floor(ms / 1000) - keyEpochSeconds))
}

/** The first instant of a key second, as ISO 8601 with milliseconds (media.sort_at's format). */
export function keySecondStart(seconds: number): string {
  return new Date((seconds + keyEpochSeconds) * 1000).toISOString()
}
