// The gallery's and the CLI's read queries. Filters are composed from fixed SQL fragments with
// bound parameters only; user text reaches SQLite as a parameter, never as SQL.
import type { MediaQuery, MediaRow } from '../../../shared/contract'
import type { MediaStatus, MediaType, ProviderId } from '../../../shared/domain'
import type { Db } from '../db'
import { ftsQuery } from './fts-query'

type Param = string | number

interface Where {
  readonly clauses: string[]
  readonly params: Param[]
}

export type MediaFilter = Omit<MediaQuery, 'sort' | 'offset' | 'limit'>

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ')
}

export function buildMediaWhere(filter: MediaFilter): Where {
  const where: Where = { clauses: [], params: [] }
  const add = (clause: string, ...params: Param[]): void => {
    where.clauses.push(clause)
    where.params.push(...params)
  }
  const match = filter.search === undefined ? null : ftsQuery(filter.search)
  if (match !== null) {
    add(
      `m.id IN (SELECT mm.media_id FROM message_fts f JOIN message_media mm ON mm.message_id = f.rowid
        WHERE message_fts MATCH ?)`,
      match,
    )
  }
  if (filter.provider !== undefined)
    add(`m.account_id IN (SELECT id FROM accounts WHERE provider = ?)`, filter.provider)
  if (filter.accountId !== undefined) add(`m.account_id = ?`, filter.accountId)
  if (filter.chatId !== undefined) {
    add(
      `m.id IN (SELECT mm.media_id FROM messages msg JOIN message_media mm ON mm.message_id = msg.id
        WHERE msg.chat_id = ?)`,
      filter.chatId,
    )
  }
  if (filter.types?.length) add(`m.type IN (${placeholders(filter.types)})`, ...filter.types)
  if (filter.statuses?.length) add(`m.status IN (${placeholders(filter.statuses)})`, ...filter.statuses)
  if (filter.from !== undefined) add(`m.sort_at >= ?`, filter.from)
  if (filter.to !== undefined) add(`m.sort_at <= ?`, filter.to)
  if (filter.paid === 'paid') add(`m.price > 0`)
  if (filter.paid === 'free') add(`(m.price IS NULL OR m.price = 0)`)
  if (filter.minPrice !== undefined) add(`m.price >= ?`, filter.minPrice)
  if (filter.maxPrice !== undefined) add(`m.price <= ?`, filter.maxPrice)
  if (filter.accessRule !== undefined) {
    add(`EXISTS (SELECT 1 FROM access_rules r WHERE r.media_id = m.id AND r.kind = ?)`, filter.accessRule)
  }
  return where
}

const orderBy: Readonly<Record<MediaQuery['sort'], string>> = {
  newest: 'm.sort_at DESC, m.id DESC',
  oldest: 'm.sort_at ASC, m.id ASC',
  largest: 'm.size DESC NULLS LAST, m.id DESC',
  smallest: 'm.size ASC NULLS LAST, m.id ASC',
}

interface RawMediaRow extends Omit<MediaRow, 'hasThumb' | 'hasFile'> {
  readonly hasThumb: number
  readonly hasFile: number
}

export function mediaRowSelect(): string {
  return `SELECT m.id, a.provider, m.account_id AS accountId, coalesce(c.id, 0) AS chatId,
      coalesce(c.fan_name, c.fan_username, c.external_id, '') AS chatLabel, coalesce(fm.id, 0) AS messageId,
      m.type, m.status, m.sort_at AS createdAt, coalesce(fm.text, '') AS text, m.price, m.width, m.height,
      m.duration_sec AS durationSec, m.size,
      EXISTS (SELECT 1 FROM media_files t WHERE t.media_id = m.id AND t.kind IN ('thumb', 'preview', 'squarePreview'))
        AS hasThumb,
      EXISTS (SELECT 1 FROM media_files t WHERE t.media_id = m.id AND t.kind = 'full') AS hasFile
    FROM media m
    JOIN accounts a ON a.id = m.account_id
    LEFT JOIN messages fm ON fm.id = m.first_message_id
    LEFT JOIN chats c ON c.id = fm.chat_id`
}

export function toMediaRow(raw: RawMediaRow): MediaRow {
  return { ...raw, hasThumb: raw.hasThumb === 1, hasFile: raw.hasFile === 1 }
}

export interface CliListFilter {
  readonly provider?: ProviderId
  readonly account?: string
  readonly chat?: string
  readonly type?: MediaType
  readonly status?: MediaStatus
  readonly search?: string
}

export interface CliListRow {
  readonly provider: ProviderId
  readonly account: string
  readonly chat: string
  readonly messageId: string
  readonly mediaId: string
  readonly type: MediaType
  readonly createdAt: string
  readonly text: string
  readonly price: number | null
  readonly status: MediaStatus
  readonly relPath: string | null
  readonly sha256: string | null
  readonly size: number | null
  readonly chatLabel: string
  readonly fanUsername: string | null
  readonly mediaRowId: number
  readonly messageRowId: number
  readonly chatRowId: number
}

export class MediaQueryRepository {
  constructor(private readonly db: Db) {}

  search(query: MediaQuery): { readonly total: number; readonly rows: readonly MediaRow[] } {
    const where = buildMediaWhere(query)
    const whereSql = where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''
    const total = this.db
      .prepare<Param[], { n: number }>(`SELECT count(*) AS n FROM media m ${whereSql}`)
      .get(...where.params)
    const rows = this.db
      .prepare<Param[], RawMediaRow>(
        `${mediaRowSelect()} ${whereSql} ORDER BY ${orderBy[query.sort]} LIMIT ? OFFSET ?`,
      )
      .all(...where.params, query.limit, query.offset)
    return { total: total?.n ?? 0, rows: rows.map(toMediaRow) }
  }

  /** The SQL the gallery runs for a query, for EXPLAIN QUERY PLAN checks. */
  searchSql(query: MediaQuery): { readonly sql: string; readonly params: readonly Param[] } {
    const where = buildMediaWhere(query)
    const whereSql = where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''
    return {
      sql: `${mediaRowSelect()} ${whereSql} ORDER BY ${orderBy[query.sort]} LIMIT ? OFFSET ?`,
      params: [...where.params, query.limit, query.offset],
    }
  }

  byIds(ids: readonly number[]): readonly MediaRow[] {
    if (ids.length === 0) return []
    return this.db
      .prepare<number[], RawMediaRow>(`${mediaRowSelect()} WHERE m.id IN (${placeholders(ids)})`)
      .all(...ids)
      .map(toMediaRow)
  }

  /** Every message that carried the item, oldest first (one media item may be sent in many chats). */
  messagesOf(mediaId: number): readonly MediaMessageLink[] {
    return this.db
      .prepare<[number], MediaMessageLink>(
        `SELECT msg.id AS messageId, c.id AS chatId, coalesce(c.fan_name, c.fan_username, c.external_id) AS chatLabel,
           msg.text, msg.price, msg.created_at AS createdAt
         FROM message_media mm JOIN messages msg ON msg.id = mm.message_id JOIN chats c ON c.id = msg.chat_id
         WHERE mm.media_id = ? ORDER BY msg.created_at, msg.id`,
      )
      .all(mediaId)
  }

  /** Media status counts over the chats a sync covered (an item in two chats counts once). */
  statusCountsForChats(chatIds: readonly number[]): Readonly<Partial<Record<MediaStatus, number>>> {
    const counts: Partial<Record<MediaStatus, number>> = {}
    if (chatIds.length === 0) return counts
    const rows = this.db
      .prepare<[string], { status: MediaStatus; n: number }>(
        `SELECT m.status, count(DISTINCT m.id) AS n FROM messages msg
         JOIN message_media mm ON mm.message_id = msg.id JOIN media m ON m.id = mm.media_id
         WHERE msg.chat_id IN (SELECT value FROM json_each(?)) GROUP BY m.status`,
      )
      .all(JSON.stringify(chatIds))
    for (const row of rows) counts[row.status] = row.n
    return counts
  }

  /** Items of these chats with work left: not downloaded yet, not ready, failed, or with open jobs. */
  mediaNeedingWork(accountId: number, chatIds: readonly number[]): readonly MediaWorkRow[] {
    if (chatIds.length === 0) return []
    return this.db
      .prepare<[{ account: number; chats: string }], MediaWorkRow>(
        `SELECT m.id AS mediaRowId, m.provider_media_id AS providerMediaId, m.status, m.raw,
           (SELECT c.external_id FROM message_media mm JOIN messages msg ON msg.id = mm.message_id
             JOIN chats c ON c.id = msg.chat_id WHERE mm.media_id = m.id AND c.id IN (SELECT value FROM json_each(@chats))
             ORDER BY msg.created_at LIMIT 1) AS chatExternalId
         FROM media m
         WHERE m.account_id = @account
           AND (m.status IN ('pending', 'not_ready', 'failed')
             OR EXISTS (SELECT 1 FROM jobs j WHERE j.media_id = m.id AND j.status IN ('pending', 'running', 'failed')))`,
      )
      .all({ account: accountId, chats: JSON.stringify(chatIds) })
      .filter((row) => row.chatExternalId !== null)
  }

  /** One row per (message, media) link: a media item sent in two chats is listed in both. */
  listLinks(filter: CliListFilter): IterableIterator<CliListRow> {
    const clauses: string[] = []
    const params: Param[] = []
    const equal: ReadonlyArray<readonly [string, Param | undefined]> = [
      ['a.provider', filter.provider],
      ['a.external_id', filter.account],
      ['c.external_id', filter.chat],
      ['m.type', filter.type],
      ['m.status', filter.status],
    ]
    for (const [column, value] of equal) {
      if (value === undefined) continue
      clauses.push(`${column} = ?`)
      params.push(value)
    }
    const match = filter.search === undefined ? null : ftsQuery(filter.search)
    if (match !== null) {
      clauses.push('msg.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)')
      params.push(match)
    }
    const whereSql = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    return this.db
      .prepare<Param[], CliListRow>(
        `SELECT a.provider, a.external_id AS account, c.external_id AS chat, msg.external_id AS messageId,
           m.provider_media_id AS mediaId, m.type, msg.created_at AS createdAt, msg.text, msg.price, m.status,
           f.rel_path AS relPath, f.sha256, f.size,
           coalesce(c.fan_name, c.fan_username, c.external_id) AS chatLabel, c.fan_username AS fanUsername,
           m.id AS mediaRowId, msg.id AS messageRowId, c.id AS chatRowId
         FROM message_media mm
         JOIN messages msg ON msg.id = mm.message_id
         JOIN chats c ON c.id = msg.chat_id
         JOIN media m ON m.id = mm.media_id
         JOIN accounts a ON a.id = m.account_id
         LEFT JOIN media_files mf ON mf.media_id = m.id AND mf.kind = 'full'
         LEFT JOIN files f ON f.id = mf.file_id
         ${whereSql}
         ORDER BY msg.created_at DESC, msg.id DESC, mm.position`,
      )
      .iterate(...params)
  }
}

export class TimelineMediaRepository {
  constructor(private readonly db: Db) {}

  /** The media rows of each message, in the order they were sent. */
  forMessages(messageIds: readonly number[]): ReadonlyMap<number, readonly MediaRow[]> {
    const result = new Map<number, MediaRow[]>()
    if (messageIds.length === 0) return result
    const rows = this.db
      .prepare<number[], RawMediaRow & { linkMessageId: number }>(
        `${mediaRowSelect().replace('SELECT m.id,', 'SELECT mm.message_id AS linkMessageId, m.id,')}
         JOIN message_media mm ON mm.media_id = m.id
         WHERE mm.message_id IN (${placeholders(messageIds)}) ORDER BY mm.message_id, mm.position`,
      )
      .all(...messageIds)
    for (const { linkMessageId, ...row } of rows) {
      const list = result.get(linkMessageId) ?? []
      list.push(toMediaRow(row))
      result.set(linkMessageId, list)
    }
    return result
  }
}

export interface MediaWorkRow {
  readonly mediaRowId: number
  readonly providerMediaId: string
  readonly status: MediaStatus
  readonly raw: string
  readonly chatExternalId: string | null
}

export interface MediaMessageLink {
  readonly messageId: number
  readonly chatId: number
  readonly chatLabel: string
  readonly text: string
  readonly price: number | null
  readonly createdAt: string
}
