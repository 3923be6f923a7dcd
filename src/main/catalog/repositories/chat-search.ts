// Search inside one chat (the reviewer's search, chat:search): the chat's messages matching a typed
// search, oldest first, at most `limit`.
//
// The index answers within the chat (its scope token `c<id>`) and hands out hits in date-key order
// (fts-key.ts: seconds, then message id), oldest first, so the first `limit` hits are the first
// rows of the match: no join to messages and no sort of every hit (a common word in the 100,000-
// message bench chat has ~40,000). Only the returned hits read their created_at, and are re-sorted
// by (created_at, id) as the timeline orders them: the key knows seconds, the timeline milliseconds.
// When the hit after the last one kept falls in the same second, that whole second is read, so
// the cut at `limit` is made in timeline order too.
//
// The total counts hits up to chatSearchCountCap; past it the answer says totalIsLowerBound.
// The chat's scope token always drives the match, so `walk` is never null here; the exact
// collection stays as the fallback should a scope ever not be an index term.
import type { Db } from '../db'
import { keyMessageIdSql, messageIdMask } from './fts-key'
import { messageMatch, type MessageMatch } from './fts-query'
import { prefixExpanderFor } from './fts-terms'
import type { ChatSearchHit, ChatSearchResult } from './conversation'

/**
 * Hits counted for the total at most. Counting the 100,000-message bench chat's most common word
 * (~40,000 hits) took ~N ms at 10 million messages; 10,000 (the most chat:search returns) cost
 * ~M ms (docs/benchmarks.md), and no screen shows more than "10,000+" usefully.
 */
export const chatSearchCountCap = 10_000

const idMask = BigInt(messageIdMask)
const topKey = (1n << 63n) - 1n

/** The chat search's SQL, exported for the query-plan tests. */
export const chatSearchSql = {
  /** Hits oldest key first between two keys; with a check, each hit's message is read for it. */
  hits(check: string | null): string {
    const messages =
      check === null ? '' : `CROSS JOIN messages msg ON msg.id = ${keyMessageIdSql('f.rowid')} `
    return `SELECT f.rowid FROM message_fts f ${messages}
      WHERE message_fts MATCH ? AND f.rowid >= ? AND f.rowid <= ?${check === null ? '' : ` AND ${check}`}
      ORDER BY f.rowid LIMIT ?`
  },
  count(check: string | null): string {
    return `SELECT count(*) FROM (${chatSearchSql.hits(check)})`
  },
  createdAt: `SELECT id, created_at AS createdAt FROM messages WHERE id IN (SELECT value FROM json_each(?))`,
} as const

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
  const first = read(0n, topKey, limit + 1)
  let keys = first.slice(0, limit)
  const [last, next] = [first[limit - 1], first[limit]]
  if (last !== undefined && next !== undefined && last >> 32n === next >> 32n) {
    // The cut falls inside one second: take all of it, and cut in timeline order below.
    const second = last >> 32n
    keys = [
      ...keys.filter((key) => key >> 32n < second),
      ...read(second << 32n, ((second + 1n) << 32n) - 1n, -1),
    ]
  }
  const ids = keys.map((key) => Number(key & idMask))
  const hits = db
    .prepare<[string], ChatSearchHit>(chatSearchSql.createdAt)
    .all(JSON.stringify(ids))
    .sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1))
    .slice(0, limit)
  const counted =
    first.length <= limit
      ? first.length
      : (db
          .prepare<unknown[], number>(chatSearchSql.count(walk.check?.sql ?? null))
          .pluck()
          .get(walk.match, 0n, topKey, ...(walk.check?.params ?? []), chatSearchCountCap + 1) ?? 0)
  const lowerBound = counted > chatSearchCountCap
  return {
    hits,
    total: lowerBound ? Math.max(chatSearchCountCap, hits.length) : counted,
    capped: match.capped,
    ...(lowerBound && { totalIsLowerBound: true }),
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
