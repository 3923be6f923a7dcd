// The gallery's text search sorted newest first, answered by walking the full-text index newest
// first instead of collecting every hit: the first page of a common word costs a few hundred hits,
// not the ≈280,000 media messages `hey` has at 10 million messages (≈1 s to collect and sort).
//
// The walk reads the match's hits in chunks, newest key first (row ids are date keys: fts-key.ts),
// maps each chunk's messages to their media through message_media, applies the other filters, and
// emits items in the gallery's order (sort_at DESC, id DESC) behind a watermark:
//
//   media.sort_at is the earliest date of the messages carrying the item (media.ts keeps
//   min(sort_at, excluded.sort_at)), so sort_at <= the date of every message that carries it.
//   Once the walk has read every key at or above second s, an item not found yet is carried only
//   by matching messages dated before second s + 1, so its sort_at is too: every item with
//   sort_at >= start of second s + 1 has been found, and those found are final and in order.
//
// The key holds seconds, sort_at milliseconds: only items at or above the start of the next
// second are emitted, never those inside the second the walk stands in. Keys clamp to second 0
// (before 2010, or a date SQLite cannot read) and to the last second (after 2078): standing in
// either, nothing is emitted until the walk ends.
//
// `from` bounds the walk below (an item at or after it is carried only by messages at or after it).
// `to` does not bound it above: an item dated before `to` may match through a newer message (a
// media item sent again later), so `to` is checked on the items like any other filter.
//
// Why not the ascending sorts: the walk would run oldest first, but an item's matching message
// may be newer than its sort_at (sent again later), so reaching time T oldest first says nothing
// about items with sort_at <= T. They keep the exact full collection (gallery.ts).
import type { Db } from '../db'
import { keySeconds, keySecondStart, maxKeySeconds, messageIdMask } from './fts-key'
import type { MessageMatch } from './fts-query'
import { buildGalleryWhere, type MediaFilter, type Param } from './gallery-where'

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
 * Measured on the 10M-message bench catalog (docs/benchmarks.md): FTS5 hands out ~1 hit/µs, but
 * each hit's message_media and media rows are random reads, ~9 µs a hit (8,192 hits: 72 ms). So
 * the first chunk is 256 hits (a page of 200 items needs ~150 media messages at 1.4 items each),
 * chunks double to 2,048 at most (~20 ms), and the walk reads 256 hits past the page (~2 ms):
 * enough for a rarer word's walk to end (exact total at once), little for a common word's "N+".
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
  private readonly seen = new Set<number>()
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
    private readonly walk: NonNullable<MessageMatch['walk']>,
    filter: MediaFilter,
    private readonly sizes: WalkSizes = walkSizes,
  ) {
    this.chunk = sizes.firstChunk
    this.lowest = filter.from === undefined ? 0n : BigInt(keySeconds(filter.from)) << 32n
    this.hitsStmt = db
      .prepare<[string, bigint, bigint, number], bigint>(mediaSearchSql.hits)
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
    const keys = this.hitsStmt.all(this.walk.match, this.cursor, this.lowest, this.chunk)
    if (keys.length < this.chunk) this.done = true
    this.chunk = Math.min(this.chunk * 2, this.sizes.maxChunk)
    const last = keys.at(-1)
    if (last !== undefined) {
      this.cursor = last - 1n
      // In id order: neighbouring lookups in message_media and media share pages (8,192 hits of
      // `hey` at 10M: 72 ms in key order, 45-49 ms sorted).
      const ids = keys.map((key) => Number(key & idMask)).sort((a, b) => a - b)
      for (const row of this.mediaStmt.all(JSON.stringify(ids), ...this.mediaParams)) {
        if (this.seen.has(row.id)) continue
        this.seen.add(row.id)
        this.pending.push(row)
      }
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
  /** One chunk of hits, newest key first, below the cursor and at or above the lowest key. */
  hits: `SELECT rowid FROM message_fts WHERE message_fts MATCH ? AND rowid <= ? AND rowid >= ?
    ORDER BY rowid DESC LIMIT ?`,
  /**
   * A chunk's messages (a JSON array of ids) to their media, filtered. CROSS JOIN keeps SQLite
   * from walking a media index instead: the chunk drives, each row is a primary-key lookup.
   */
  media(clauses: readonly string[], check: string | null): string {
    const messages = check === null ? '' : `CROSS JOIN messages msg ON msg.id = j.value `
    const where = [...(check === null ? [] : [check]), ...clauses]
    return `SELECT m.id, m.sort_at AS sortAt FROM json_each(?) j ${messages}
      CROSS JOIN message_media mm ON mm.message_id = j.value
      CROSS JOIN media m ON m.id = mm.media_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`
  },
} as const
