// The gallery's WHERE clause, written so SQLite walks an index in the requested order and stops
// after one page, instead of collecting and sorting every match (seconds at a million rows).
// Only one term may drive the scan: a single type, status or account (their indexes are
// (x, sort_at, id)); every other term is prefixed with a unary + so SQLite checks it row by row
// while it walks the sort index. Small sets (one chat, a text search) drive instead, since
// sorting a few thousand rows is cheaper than walking a million.
import type { MediaQuery } from '../../../shared/contract'
import type { Db } from '../db'
import { parseSearch } from '../../../shared/search-syntax'
import { prefixExpanderFor } from './fts-terms'
import { mediaMatchFor, type MediaMatch } from './media-fts-query'
import { placeholders } from './media-rows'

export type Param = string | number
export type MediaFilter = Omit<MediaQuery, 'sort' | 'offset' | 'limit'>

export interface Where {
  readonly clauses: string[]
  readonly params: Param[]
}

/** Above this many items a chat filter walks the sort index instead of sorting the chat's items. */
export const smallChatLimit = 20_000

type Driver = 'type' | 'status' | 'account' | 'search' | 'chat' | 'sort'

function chooseDriver(
  db: Db,
  filter: MediaFilter,
  sort: MediaQuery['sort'],
  match: MediaMatch | null,
): Driver {
  // Measured at 1M rows: checking each row of an index walk against a full-text match costs
  // seconds (SQLite re-runs the match), while sorting even a common word's hits takes ~100 ms.
  if (match !== null) return 'search'
  if (filter.chatId !== undefined) {
    const row = db
      .prepare<[number], { n: number }>(`SELECT media_count AS n FROM chats WHERE id = ?`)
      .get(filter.chatId)
    if ((row?.n ?? 0) <= smallChatLimit) return 'chat'
  }
  if (sort === 'largest' || sort === 'smallest') return 'sort'
  if (filter.types?.length === 1) return 'type'
  if (filter.statuses?.length === 1) return 'status'
  if (filter.accountId !== undefined) return 'account'
  return 'sort'
}

/**
 * The items a gallery search finds, through media_fts (one row per item, migration 0009). With a
 * chat, its scope token narrows inside the index, so a common word in a big chat is an
 * intersection of two term lists of items, not of messages.
 */
export function galleryMatch(db: Db, filter: MediaFilter): MediaMatch | null {
  if (filter.search === undefined) return null
  return mediaMatchFor(
    parseSearch(filter.search),
    filter.chatId !== undefined ? { chatId: filter.chatId } : {},
    prefixExpanderFor(db),
  )
}

export function buildGalleryWhere(db: Db, filter: MediaFilter, sort: MediaQuery['sort']): Where {
  const match = galleryMatch(db, filter)
  const driver = chooseDriver(db, filter, sort, match)
  const where: Where = { clauses: [], params: [] }
  const add = (clause: string, ...params: Param[]): void => {
    where.clauses.push(clause)
    where.params.push(...params)
  }
  const col = (name: string, drives: boolean): string => (drives ? name : `+${name}`)
  if (match !== null) add(match.condition.sql, ...match.condition.params)
  // With a search, the match above already holds only the chat's items.
  if (filter.chatId !== undefined && match === null) {
    if (driver === 'chat') {
      add(
        `m.id IN (SELECT mm.media_id FROM messages msg JOIN message_media mm ON mm.message_id = msg.id
          WHERE msg.chat_id = ?)`,
        filter.chatId,
      )
    } else {
      add(
        `EXISTS (SELECT 1 FROM message_media mm JOIN messages msg ON msg.id = mm.message_id
          WHERE mm.media_id = m.id AND msg.chat_id = ?)`,
        filter.chatId,
      )
    }
  }
  if (filter.provider !== undefined) {
    add(`+m.account_id IN (SELECT id FROM accounts WHERE provider = ?)`, filter.provider)
  }
  if (filter.accountId !== undefined)
    add(`${col('m.account_id', driver === 'account')} = ?`, filter.accountId)
  if (filter.types?.length) {
    add(`${col('m.type', driver === 'type')} IN (${placeholders(filter.types)})`, ...filter.types)
  }
  if (filter.statuses?.length) {
    add(`${col('m.status', driver === 'status')} IN (${placeholders(filter.statuses)})`, ...filter.statuses)
  }
  // The date range narrows whichever (…, sort_at, id) index drives, so it keeps its index use.
  if (filter.from !== undefined) add(`m.sort_at >= ?`, filter.from)
  if (filter.to !== undefined) add(`m.sort_at <= ?`, filter.to)
  if (filter.paid === 'paid') add(`+m.price > 0`)
  if (filter.paid === 'free') add(`(+m.price IS NULL OR +m.price = 0)`)
  if (filter.minPrice !== undefined) add(`+m.price >= ?`, filter.minPrice)
  if (filter.maxPrice !== undefined) add(`+m.price <= ?`, filter.maxPrice)
  if (filter.accessRule !== undefined) {
    add(`EXISTS (SELECT 1 FROM access_rules r WHERE r.media_id = m.id AND r.kind = ?)`, filter.accessRule)
  }
  return where
}

export function whereSql(where: Where): string {
  return where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''
}
