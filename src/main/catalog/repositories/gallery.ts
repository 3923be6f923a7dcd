// The gallery's read queries: a filtered, sorted page of media with its total, rows by id, and the
// messages that carried an item (the media detail). Filters are composed from fixed SQL fragments
// with bound parameters only; user text reaches SQLite as a parameter, never as SQL.
import type { MediaQuery, MediaRow } from '../../../shared/contract'
import type { Db } from '../db'
import { countedTotal } from './gallery-total'
import { MediaSearchWalk } from './gallery-stream'
import { buildGalleryWhere, galleryMatch, whereSql, type MediaFilter, type Param } from './gallery-where'
import { mediaRowSelect, placeholders, toMediaRow, type RawMediaRow } from './media-rows'

export type { MediaFilter } from './gallery-where'

/** The filter without paging (and without the sort, for totals). */
function filterKey(query: MediaQuery, withSort: boolean): string {
  const { offset: _offset, limit: _limit, sort, ...rest } = query
  return JSON.stringify(withSort ? { ...rest, sort } : rest)
}

const orderBy: Readonly<Record<MediaQuery['sort'], string>> = {
  newest: 'm.sort_at DESC, m.id DESC',
  oldest: 'm.sort_at ASC, m.id ASC',
  // SQLite puts NULLs last in a descending walk of media_size, first in an ascending one; the
  // (size IS NULL, size, id) index keeps unknown sizes last for "smallest" too.
  largest: 'm.size DESC, m.id DESC',
  smallest: 'm.size IS NULL, m.size ASC, m.id ASC',
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

export class GalleryRepository {
  /** Paging through one filter counts its total once. */
  private readonly totals = new VersionedCache<number>(64)
  /**
   * A text search sorted oldest, largest or smallest collects and sorts every hit (see
   * gallery-stream.ts for why only newest can stream), so its sorted ids are kept: the first page
   * pays for the sort, scrolling through the rest does not.
   */
  private readonly searchIds = new VersionedCache<readonly number[]>(8)
  /** A newest-first text search's walk of the index, continued by the next pages (gallery-stream.ts). */
  private readonly walks = new VersionedCache<MediaSearchWalk>(8)
  private readonly changesStmt

  constructor(private readonly db: Db) {
    this.changesStmt = db.prepare<[], { n: number }>('SELECT total_changes() AS n')
  }

  search(query: MediaQuery): {
    readonly total: number
    readonly rows: readonly MediaRow[]
    readonly capped?: boolean
    readonly totalIsLowerBound?: boolean
  } {
    const version = this.version()
    const { sort: _sort, offset: _offset, limit: _limit, ...filter } = query
    // The match as the gallery scopes it (media messages, the chat): its words are expanded once
    // here for the walk and `capped` (an unscoped match of the same text says the same).
    const match = galleryMatch(this.db, filter)
    if (match !== null) {
      const walk = query.sort === 'newest' ? match.walk : null
      if (walk) {
        const streamed = this.walks
          .get(filterKey(query, true), version, () => new MediaSearchWalk(this.db, walk, filter))
          .page(query.offset, query.limit)
        return {
          total: streamed.total,
          rows: this.inOrder(streamed.ids),
          capped: match.capped,
          ...(streamed.totalIsLowerBound && { totalIsLowerBound: true }),
        }
      }
      const ids = this.searchIds.get(filterKey(query, true), version, () => this.sortedIds(query))
      const page = ids.slice(query.offset, query.offset + query.limit)
      return { total: ids.length, rows: this.inOrder(page), capped: match.capped }
    }
    const { sql, params } = this.searchSql(query)
    const rows = this.db.prepare<Param[], RawMediaRow>(sql).all(...params)
    const total = this.totals.get(filterKey(query, false), version, () => this.count(filter))
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

  /** The rows of `ids`, in that order. */
  private inOrder(ids: readonly number[]): MediaRow[] {
    const byId = new Map(this.byIds(ids).map((row) => [row.id, row]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /** Every item of a text search in the query's order (exact; the streamed walk is tested against it). */
  sortedIds(query: MediaQuery): readonly number[] {
    const where = buildGalleryWhere(this.db, query, query.sort)
    return this.db
      .prepare<Param[], { id: number }>(
        `SELECT m.id FROM media m ${whereSql(where)} ORDER BY ${orderBy[query.sort]}`,
      )
      .all(...where.params)
      .map((row) => row.id)
  }

  /** Exact either way: from the counters when they can say, else by counting the filter's rows. */
  private count(filter: MediaFilter): number {
    return countedTotal(this.db, filter) ?? this.countRows(filter)
  }

  private countRows(filter: MediaFilter): number {
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
