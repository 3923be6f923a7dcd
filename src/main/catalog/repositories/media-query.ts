// The gallery's and the CLI's read queries. Filters are composed from fixed SQL fragments with
// bound parameters only; user text reaches SQLite as a parameter, never as SQL.
import type { MediaQuery, MediaRow } from '../../../shared/contract'
import type { MediaStatus, MediaType, ProviderId } from '../../../shared/domain'
import type { Db } from '../db'
import { messageMatch } from './fts-query'
import { buildGalleryWhere, whereSql, type MediaFilter, type Param } from './gallery-where'

export type { MediaFilter } from './gallery-where'

/** The filter without paging (and without the sort, for totals). */
function filterKey(query: MediaQuery, withSort: boolean): string {
  const { offset: _offset, limit: _limit, sort, ...rest } = query
  return JSON.stringify(withSort ? { ...rest, sort } : rest)
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ')
}

const orderBy: Readonly<Record<MediaQuery['sort'], string>> = {
  newest: 'm.sort_at DESC, m.id DESC',
  oldest: 'm.sort_at ASC, m.id ASC',
  // SQLite puts NULLs last in a descending walk of media_size, first in an ascending one; the
  // (size IS NULL, size, id) index keeps unknown sizes last for "smallest" too.
  largest: 'm.size DESC, m.id DESC',
  smallest: 'm.size IS NULL, m.size ASC, m.id ASC',
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

interface Cached<T> {
  readonly version: string
  readonly value: T
}

/** A few results per filter, valid while the catalog is unchanged (any write changes the version). */
class VersionedCache<T> {
  private readonly entries = new Map<string, Cached<T>>()
  constructor(private readonly capacity: number) {}

  get(key: string, version: string, compute: () => T): T {
    const hit = this.entries.get(key)
    if (hit?.version === version) return hit.value
    const value = compute()
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    this.entries.set(key, { version, value })
    return value
  }
}

export class MediaQueryRepository {
  /** Paging through one filter counts its total once. */
  private readonly totals = new VersionedCache<number>(64)
  /**
   * A text search cannot walk an index in gallery order (each hit is sorted), so its sorted ids are
   * kept: the first page pays for the sort, scrolling through the rest does not.
   */
  private readonly searchIds = new VersionedCache<readonly number[]>(8)
  private readonly changesStmt

  constructor(private readonly db: Db) {
    this.changesStmt = db.prepare<[], { n: number }>('SELECT total_changes() AS n')
  }

  search(query: MediaQuery): { readonly total: number; readonly rows: readonly MediaRow[] } {
    const version = this.version()
    if (query.search !== undefined && messageMatch(query.search) !== null) {
      const ids = this.searchIds.get(filterKey(query, true), version, () => this.sortedIds(query))
      const page = ids.slice(query.offset, query.offset + query.limit)
      const byId = new Map(this.byIds(page).map((row) => [row.id, row]))
      return { total: ids.length, rows: page.flatMap((id) => byId.get(id) ?? []) }
    }
    const { sql, params } = this.searchSql(query)
    const rows = this.db.prepare<Param[], RawMediaRow>(sql).all(...params)
    const total = this.totals.get(filterKey(query, false), version, () => this.count(query))
    return { total, rows: rows.map(toMediaRow) }
  }

  /**
   * The page's ids come from the index walk alone; the display joins run for those rows only
   * (joining first would run them for every row SQLite skips to reach a deep offset).
   */
  searchSql(query: MediaQuery): { readonly sql: string; readonly params: readonly Param[] } {
    const where = buildGalleryWhere(this.db, query, query.sort)
    const page = `SELECT m.id FROM media m ${whereSql(where)} ORDER BY ${orderBy[query.sort]} LIMIT ? OFFSET ?`
    return {
      sql: `${mediaRowSelect()} WHERE m.id IN (${page}) ORDER BY ${orderBy[query.sort]}`,
      params: [...where.params, query.limit, query.offset],
    }
  }

  private sortedIds(query: MediaQuery): readonly number[] {
    const where = buildGalleryWhere(this.db, query, query.sort)
    return this.db
      .prepare<Param[], { id: number }>(
        `SELECT m.id FROM media m ${whereSql(where)} ORDER BY ${orderBy[query.sort]}`,
      )
      .all(...where.params)
      .map((row) => row.id)
  }

  private count(filter: MediaFilter): number {
    const where = buildGalleryWhere(this.db, filter, 'newest')
    const row = this.db
      .prepare<Param[], { n: number }>(`SELECT count(*) AS n FROM media m ${whereSql(where)}`)
      .get(...where.params)
    return row?.n ?? 0
  }

  /** Changes when this connection writes (total_changes) or another one commits (data_version). */
  private version(): string {
    const changes = this.changesStmt.get()?.n ?? 0
    return `${String(this.db.pragma('data_version', { simple: true }))}:${changes}`
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
      .prepare<[number], Omit<MediaMessageLink, 'fromCreator'> & { fromCreator: number }>(
        `SELECT msg.id AS messageId, c.id AS chatId, coalesce(c.fan_name, c.fan_username, c.external_id) AS chatLabel,
           msg.text, msg.price, msg.created_at AS createdAt, msg.from_creator AS fromCreator,
           c.fan_name AS fanName, c.fan_username AS fanUsername
         FROM message_media mm JOIN messages msg ON msg.id = mm.message_id JOIN chats c ON c.id = msg.chat_id
         WHERE mm.media_id = ? ORDER BY msg.created_at, msg.id`,
      )
      .all(mediaId)
      .map((link) => ({ ...link, fromCreator: link.fromCreator === 1 }))
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
    const match = filter.search === undefined ? null : messageMatch(filter.search)
    if (match !== null) {
      clauses.push(`msg.id IN (${match.sql})`)
      params.push(...match.params)
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
  readonly fromCreator: boolean
  readonly fanName: string | null
  readonly fanUsername: string | null
}
