// Search inside one chat (the reviewer's search, chat:search): the chat's messages matching a typed
// search, a page of hits at a time from the newest down. The reviewer opens at the newest hit and
// steps back from it (useChatSearch.ts); stepping past the oldest hit it holds asks for the next
// older page, from the cursor the last page answered.
//
// The index answers within the chat (its scope token `c<id>`) and hands out hits in date-key order
// (fts-key.ts: seconds, then message id), so a page is the first rows of a walk newest first: no
// join to messages and no sort of every hit. Why pages: a common word in the 100,000-message bench
// chat has ~40,000 hits, spread over the word's whole list since the key interleaves every chat's
// messages by date; its 10,001 newest read 31-49 ms of index at 10 million messages, two common
// words 111 ms, while a page of 200 reads a few (docs/benchmarks.md).
//
// Walk order: key second, then (created_at, id) within the second, since the key knows seconds and
// the timeline milliseconds. A page is cut in that order: where a read stops inside a second, the
// whole second is read and sorted, so hits sharing a second are never split wrongly between pages.
// For every date SQLite can read, walk order is the timeline's; a created_at it cannot read keys to
// second 0 (the walk's end) whatever its text, so the page's cursor is the walk's, not the
// timeline's, and no hit is skipped or repeated across pages.
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
/** Keys read past a page (see searchChat): more hits than the bench chat's busiest second holds. */
const tieSlack = 32

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
  /** A message of the chat as a walk position: its key second and time (the `before` cursor). */
  position: `SELECT ${keySecondsSql(ftsKeySql('created_at', '0'))} AS second, created_at AS createdAt, id
    FROM messages WHERE id = ? AND chat_id = ?`,
  /** The hits' times, read in id order (a chat's ids are mostly together: fewer pages). */
  createdAt: `SELECT id, created_at AS createdAt FROM messages
    WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
} as const

/** A hit where the walk met it: its key second, then its time and id. */
interface Placed extends ChatSearchHit {
  readonly second: number
}

/** Walk order, newest first: key second, then (created_at, id). */
function walkNewestFirst(a: Placed, b: Placed): number {
  if (a.second !== b.second) return b.second - a.second
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1
  return b.id - a.id
}

/** Timeline order: (created_at, id). */
function timelineOrder(a: ChatSearchHit, b: ChatSearchHit): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id - b.id
}

/**
 * One page of the chat's hits: the newest `limit` of them, or with `before` (a cursor an earlier
 * page answered) the newest `limit` older than it. Hits come oldest first.
 */
export function searchChat(
  db: Db,
  chatId: number,
  text: string,
  limit: number,
  before?: number,
): ChatSearchResult {
  const match = messageMatch(text, { chatId }, prefixExpanderFor(db))
  if (match === null) return { hits: [], total: 0, capped: false }
  if (match.walk === null) return exactSearch(db, chatId, match, limit, before)
  const walk = match.walk
  const hitsStmt = db
    .prepare<unknown[], bigint>(chatSearchSql.hits(walk.check?.sql ?? null))
    .pluck()
    .safeIntegers(true)
  const timesStmt = db.prepare<[string], ChatSearchHit>(chatSearchSql.createdAt)
  const read = (from: bigint, to: bigint, n: number): bigint[] =>
    hitsStmt.all(walk.match, from, to, ...(walk.check?.params ?? []), n)

  const cursor = before === undefined ? undefined : positionOf(db, chatId, before)
  // From the cursor's second, or the chat's newest message: a chat often ends long before the
  // archive's newest message, and FTS5 seeks to a row id bound instead of reading the word's newer
  // hits. No lower bound: a date SQLite cannot read has key second 0, wherever its text sorts.
  let top =
    cursor === undefined
      ? (db.prepare<[number], bigint>(chatSearchSql.newest).pluck().safeIntegers(true).get(chatId) ?? topKey)
      : (BigInt(cursor.second + 1) << 32n) - 1n
  const found: Placed[] = []
  // Usually one read per page: `tieSlack` keys past the page, so the lowest second read (maybe cut
  // short by the LIMIT) can be dropped and the page still filled from whole seconds.
  for (;;) {
    const want = limit + 1 - found.length + tieSlack
    const keys = read(0n, top, want)
    const ended = keys.length < want
    let whole = keys
    if (!ended) {
      const low = (keys.at(-1) as bigint) >> 32n
      whole = keys.filter((key) => key >> 32n > low)
      // Every key read shares one second: read all of it.
      if (whole.length === 0) whole = read(low << 32n, ((low + 1n) << 32n) - 1n, -1)
      top = (((whole.at(-1) as bigint) >> 32n) << 32n) - 1n
    }
    const seconds = new Map(whole.map((key) => [Number(key & idMask), Number(key >> 32n)]))
    for (const hit of timesStmt.all(JSON.stringify([...seconds.keys()]))) {
      const placed = { ...hit, second: seconds.get(hit.id) ?? 0 }
      // Hits of the cursor's own second that are not older than it belong to earlier pages.
      if (cursor === undefined || walkNewestFirst(placed, cursor) > 0) found.push(placed)
    }
    if (ended || found.length > limit) break
  }
  found.sort(walkNewestFirst)
  const page = found.slice(0, limit)
  const more = found.length > limit
  const oldest = page.at(-1)
  return {
    hits: page.map(({ id, createdAt }) => ({ id, createdAt })).sort(timelineOrder),
    total: page.length,
    capped: match.capped,
    ...(more && oldest !== undefined && { totalIsLowerBound: true, olderFrom: oldest.id }),
  }
}

function positionOf(db: Db, chatId: number, messageId: number): Placed {
  const row = db.prepare<[number, number], Placed>(chatSearchSql.position).get(messageId, chatId)
  if (row === undefined)
    throw new Error(`Message ${messageId} is not in chat ${chatId}: search again from the newest hit`)
  return row
}

/** Every message the search finds in the chat, sorted (a search no index term drives). */
function exactSearch(
  db: Db,
  chatId: number,
  match: MessageMatch,
  limit: number,
  before: number | undefined,
): ChatSearchResult {
  // The unary + keeps SQLite from walking the chat's index and checking each message against
  // the whole match.
  const all = db
    .prepare<string[], ChatSearchHit>(
      `SELECT m.id, m.created_at AS createdAt FROM messages m
       WHERE m.id IN (${match.sql}) AND +m.chat_id = ${Math.trunc(chatId)}
       ORDER BY m.created_at, m.id`,
    )
    .all(...match.params)
  const cursor = before === undefined ? undefined : positionOf(db, chatId, before)
  const older = cursor === undefined ? all : all.filter((hit) => timelineOrder(hit, cursor) < 0)
  const hits = older.slice(-limit)
  const more = older.length > limit
  return {
    hits,
    total: hits.length,
    capped: match.capped,
    ...(more && { totalIsLowerBound: true, olderFrom: (hits[0] as ChatSearchHit).id }),
  }
}
