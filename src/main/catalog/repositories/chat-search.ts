// Search inside one chat (the reviewer's search, chat:search): the chat's messages matching a typed
// search, oldest first, at most `limit`: the newest `limit` hits, since the reviewer opens at the
// newest hit and steps back from it (useChatSearch.ts).
//
// The index answers within the chat (its scope token `c<id>`) and hands out hits in date-key order
// (fts-key.ts: seconds, then message id), so the newest `limit` hits are the first rows of a walk
// newest first: no join to messages and no sort of every hit (a common word in the 100,000-message
// bench chat has ~40,000). Only the returned hits read their created_at, and are re-sorted by
// (created_at, id) as the timeline orders them: the key knows seconds, the timeline milliseconds.
// When the hit after the last one kept falls in the same second, that whole second is read, so the
// cut at `limit` is made in timeline order too.
//
// The total is exact when the walk ended within limit + 1 hits; past that it is `limit` with
// totalIsLowerBound. Counting further is not cheap since 0008: the key interleaves every chat's
// messages by date, so a common word's hits in one chat are spread over the word's whole list, and
// counting the 100,000-message bench chat's `hey` (39,823 hits) read 127-310 ms of index at 10M
// messages (docs/benchmarks.md), against the 10,001 newest in 31-49 ms.
//
// The chat's scope token always drives the match, so `walk` is never null here; the exact
// collection stays as the fallback should a scope ever not be an index term.
import type { Db } from '../db'
import {
  ftsKeySql,
  keyAtSecondSql,
  keyMessageIdSql,
  keySecondsSql,
  maxKeySeconds,
  messageIdMask,
} from './fts-key'
import { messageMatch, type MessageMatch } from './fts-query'
import { prefixExpanderFor } from './fts-terms'
import type { ChatSearchHit, ChatSearchResult } from './conversation'

const idMask = BigInt(messageIdMask)
const topKey = (1n << 63n) - 1n

/** The chat search's SQL, exported for the query-plan tests. */
export const chatSearchSql = {
  /** Hits newest key first between two keys; with a check, each hit's message is read for it. */
  hits(check: string | null): string {
    const messages =
      check === null ? '' : `CROSS JOIN messages msg ON msg.id = ${keyMessageIdSql('f.rowid')} `
    return `SELECT f.rowid FROM message_fts f ${messages}
      WHERE message_fts MATCH ? AND f.rowid >= ? AND f.rowid <= ?${check === null ? '' : ` AND ${check}`}
      ORDER BY f.rowid DESC LIMIT ?`
  },
  /**
   * The last key of the second of the chat's newest message (by created_at), where the walk
   * starts; the top key when SQLite cannot read that date (its key second is 0) or it is at the
   * key's last second (the next one would overflow).
   */
  newest: `SELECT CASE WHEN unixepoch(newest) IS NULL OR second >= ${maxKeySeconds} THEN ${topKey}
      ELSE ${keyAtSecondSql('(second + 1)')} - 1 END
    FROM (SELECT newest, ${keySecondsSql(ftsKeySql('newest', '0'))} AS second
      FROM (SELECT max(created_at) AS newest FROM messages WHERE chat_id = ?))`,
  /** The hits' times, read in id order (a chat's ids are mostly together: fewer pages). */
  createdAt: `SELECT id, created_at AS createdAt FROM messages
    WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
} as const

/** Timeline order: (created_at, id). */
function timelineOrder(a: ChatSearchHit, b: ChatSearchHit): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id - b.id
}

export function searchChat(db: Db, chatId: number, text: string, limit: number): ChatSearchResult {
  const match = messageMatch(text, { chatId }, prefixExpanderFor(db))
  if (match === null) return { hits: [], total: 0, capped: false }
  if (match.walk === null) return exactSearch(db, chatId, match, limit)
  const walk = match.walk
  const hitsStmt = db
    .prepare<unknown[], bigint>(chatSearchSql.hits(walk.check?.sql ?? null))
    .pluck()
    .safeIntegers(true)
  const read = (from: bigint, to: bigint, n: number): bigint[] =>
    hitsStmt.all(walk.match, from, to, ...(walk.check?.params ?? []), n)
  // From the chat's newest message down: a chat often ends long before the archive's newest
  // message, and FTS5 seeks to a row id bound instead of reading the word's newer hits. No lower
  // bound: a date SQLite cannot read has key second 0, wherever its text sorts.
  const newest = db.prepare<[number], bigint>(chatSearchSql.newest).pluck().safeIntegers(true).get(chatId)
  const first = read(0n, newest ?? topKey, limit + 1)
  let keys = first.slice(0, limit)
  const [last, next] = [first[limit - 1], first[limit]]
  if (last !== undefined && next !== undefined && last >> 32n === next >> 32n) {
    // The cut falls inside one second: take all of it, and cut in timeline order below.
    const second = last >> 32n
    const within = read(second << 32n, ((second + 1n) << 32n) - 1n, -1)
    keys = [...keys.filter((key) => key >> 32n > second), ...within]
  }
  const ids = keys.map((key) => Number(key & idMask))
  const hits = db
    .prepare<[string], ChatSearchHit>(chatSearchSql.createdAt)
    .all(JSON.stringify(ids))
    .sort(timelineOrder)
    .slice(-limit)
  const more = first.length > limit
  return {
    hits,
    total: more ? limit : first.length,
    capped: match.capped,
    ...(more && { totalIsLowerBound: true }),
  }
}

/** Every message the search finds in the chat, sorted (a search no index term drives). */
function exactSearch(db: Db, chatId: number, match: MessageMatch, limit: number): ChatSearchResult {
  // The unary + keeps SQLite from walking the chat's index and checking each message against
  // the whole match.
  const hits = db
    .prepare<string[], ChatSearchHit>(
      `SELECT m.id, m.created_at AS createdAt FROM messages m
       WHERE m.id IN (${match.sql}) AND +m.chat_id = ${Math.trunc(chatId)}
       ORDER BY m.created_at, m.id`,
    )
    .all(...match.params)
  return { hits: hits.slice(0, limit), total: hits.length, capped: match.capped }
}
