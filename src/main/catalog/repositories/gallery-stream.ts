// The gallery's text search sorted newest first, answered by walking the gallery's full-text
// index (media_fts, migration 0009: one row per item) newest first instead of collecting every
// hit: the first page of a common word costs a few hundred hits, not the ≈140,000 items `hey`
// has at 10 million messages.
//
// media_fts row ids are the items' date keys (fts-key.ts over media.sort_at and media.id), so the
// walk reads the match's hits in chunks, newest key first, checks the other filters on each
// chunk's items, and emits them in the gallery's order (sort_at DESC, id DESC) behind a watermark:
// the key holds seconds and sort_at milliseconds, and within one second keys follow the id, not
// the milliseconds. Once the walk has read every key at or above second s, every item with
// sort_at >= start of second s + 1 has been found: those are final and in order. Items inside the
// second the walk stands in wait until it has left that second. Keys clamp to second 0 (before
// 2010, or a date SQLite cannot read) and to the last second (after 2078): standing in either,
// nothing is emitted until the walk ends.
//
// `from` and `to` bound the walk (an item's key is its own date, whichever message matched), and
// are checked to the millisecond on the items like the other filters.
//
// The ascending sorts keep the exact full collection (gallery.ts): an oldest-first walk would do
// (the key is the item's own date), but their result is cached whole and paged from memory.
import type { Db } from '../db'
import { keySeconds, keySecondStart, maxKeySeconds, messageIdMask } from './fts-key'
import { buildGalleryWhere, type MediaFilter, type Param } from './gallery-where'
import type { MediaMatch } from './media-fts-query'

/** How much the walk reads at a time (tests make them tiny, to cross many chunk boundaries). */
export interface WalkSizes {
  /** The first chunk of hits read; each next one doubles, up to `maxChunk`. */
  readonly firstChunk: number
  /** Hits per chunk at most. */
  readonly maxChunk: number
  /**
   * Hits read past the page's last item, so the first answer's "N+" says more than the page
   * does, and a word whose hits end within it gets its exact total at once.
   */
  readonly extraHits: number
}

/**
 * FTS5 hands out ~1 hit/µs; each hit's media row is a random read (a few µs at 10M messages). A
 * hit is an item, so the first chunk of 256 holds a page of 200 when the other filters keep most;
 * chunks double to 2,048 at most, and the walk reads 256 hits past the page: enough for a rarer
 * word's walk to end (exact total at once), little for a common word's "N+".
 */
export const walkSizes: WalkSizes = { firstChunk: 256, maxChunk: 2_048, extraHits: 256 }

const topKey = (1n << 63n) - 1n
const idMask = BigInt(messageIdMask)

interface Found {
  readonly id: number
  readonly sortAt: string
}

export interface StreamedPage {
  readonly ids: readonly number[]
  /** Exact when the walk ended; else the items found so far (more than offset + ids.length). */
  readonly total: number
  readonly totalIsLowerBound: boolean
}

/** The gallery's newest order: sort_at DESC (compared as SQLite's BINARY collation does), id DESC. */
function newerFirst(a: Found, b: Found): number {
  if (a.sortAt !== b.sortAt) return a.sortAt < b.sortAt ? 1 : -1
  return b.id - a.id
}

/**
 * One search's walk, kept between pages (gallery.ts caches it per filter and catalog version) so
 * page 2 continues where page 1 stopped.
 */
export class MediaSearchWalk {
  private readonly emitted: number[] = []
  private pending: Found[] = []
  /** The next chunk reads from this key down: every key above it has been read. */
  private cursor = topKey
  private readonly lowest: bigint
  private done = false
  private chunk: number
  private readonly hitsStmt
  private readonly mediaStmt
  private readonly mediaParams: readonly Param[]

  constructor(
    db: Db,
    private readonly walk: MediaMatch['walk'],
    filter: MediaFilter,
    private readonly sizes: WalkSizes = walkSizes,
  ) {
    this.chunk = sizes.firstChunk
    this.lowest = filter.from === undefined ? 0n : BigInt(keySeconds(filter.from)) << 32n
    // Every key of the second `to` falls in, and none above it.
    if (filter.to !== undefined) this.cursor = ((BigInt(keySeconds(filter.to)) + 1n) << 32n) - 1n
    this.hitsStmt = db
      .prepare<Array<string | bigint | number>, bigint>(mediaSearchSql.hits(walk.rowCheck?.sql ?? null))
      .pluck()
      .safeIntegers(true)
    // The chat is in the match's scope already; the other filters are checked on each item.
    const where = buildGalleryWhere(db, { ...filter, search: undefined, chatId: undefined }, 'newest')
    this.mediaStmt = db.prepare<Param[], Found>(mediaSearchSql.media(where.clauses, walk.check?.sql ?? null))
    this.mediaParams = [...(walk.check?.params ?? []), ...where.params]
  }

  page(offset: number, limit: number): StreamedPage {
    const want = offset + limit
    while (!this.done && this.emitted.length < want) this.step()
    let extra = 0
    // Past the page: a little further, and at least until one more item is known to exist, so a
    // lower bound always means "more than these".
    while (!this.done && (extra < this.sizes.extraHits || this.found() <= want)) extra += this.step()
    return {
      ids: this.emitted.slice(offset, want),
      total: this.found(),
      totalIsLowerBound: !this.done,
    }
  }

  private found(): number {
    return this.emitted.length + this.pending.length
  }

  /** Reads one chunk of hits; answers how many. */
  private step(): number {
    const keys = this.hitsStmt.all(
      this.walk.match,
      this.cursor,
      this.lowest,
      ...(this.walk.rowCheck?.params ?? []),
      this.chunk,
    )
    if (keys.length < this.chunk) this.done = true
    this.chunk = Math.min(this.chunk * 2, this.sizes.maxChunk)
    const last = keys.at(-1)
    if (last !== undefined) {
      this.cursor = last - 1n
      // In id order: neighbouring media rows share pages.
      const ids = keys.map((key) => Number(key & idMask)).sort((a, b) => a - b)
      // One row per item: no item is found twice.
      for (const row of this.mediaStmt.all(JSON.stringify(ids), ...this.mediaParams)) this.pending.push(row)
    }
    this.emit(last === undefined ? null : Number(last >> 32n))
    return keys.length
  }

  /** Moves the found items the walk has passed (see the watermark above) into the emitted order. */
  private emit(second: number | null): void {
    if (this.pending.length === 0) return
    let watermark: string | null = null
    if (!this.done) {
      if (second === null || second <= 0 || second >= maxKeySeconds) return
      watermark = keySecondStart(second + 1)
    }
    this.pending.sort(newerFirst)
    let n = 0
    while (n < this.pending.length && (watermark === null || (this.pending[n] as Found).sortAt >= watermark))
      n++
    for (let i = 0; i < n; i++) this.emitted.push((this.pending[i] as Found).id)
    this.pending = this.pending.slice(n)
  }
}

/** The walk's SQL, exported for the query-plan tests. */
export const mediaSearchSql = {
  /**
   * One chunk of hits, newest key first, below the cursor and at or above the lowest key; with a
   * row check (media-fts-query.ts), only the rows that pass it count towards the chunk.
   */
  hits(rowCheck: string | null): string {
    return `SELECT rowid FROM media_fts WHERE media_fts MATCH ? AND rowid <= ? AND rowid >= ?
      ${rowCheck === null ? '' : `AND ${rowCheck}`} ORDER BY rowid DESC LIMIT ?`
  },
  /**
   * A chunk's items (a JSON array of ids), filtered. CROSS JOIN keeps SQLite from walking a media
   * index instead: the chunk drives, each row is a primary-key lookup.
   */
  media(clauses: readonly string[], check: string | null): string {
    const where = [...(check === null ? [] : [check]), ...clauses]
    return `SELECT m.id, m.sort_at AS sortAt FROM json_each(?) j CROSS JOIN media m ON m.id = j.value
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`
  },
} as const
