// The gallery's window onto media:search: pages of rows fetched on demand as the grid scrolls,
// so a million-item catalog costs only the pages the user has looked at. The last few queries stay
// cached so back/forward between filters is instant.
import { useEffect, useRef, useState } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { call } from '../../bridge'
import type { SearchQuery } from './filters'
import { cellCount, mergeTotal, type KnownTotal } from './pageTotals'

export const pageSize = 200
const cachedQueries = 6

interface QueryPages {
  readonly total: KnownTotal | null
  readonly pages: ReadonlyMap<number, readonly MediaRow[]>
  readonly error: Error | null
  readonly capped?: boolean
}

const emptyPages: QueryPages = { total: null, pages: new Map(), error: null }

export interface MediaPages {
  /** Null until the first page of the current query has arrived. */
  readonly total: number | null
  /** `total` counts the items found so far; more match past them (media:search's totalIsLowerBound). */
  readonly totalIsLowerBound: boolean
  /**
   * Cells to lay out: `total`, or past a lower bound up to the end of the next page, whose
   * placeholders fetch it when scrolled to (pageTotals.ts). Null with `total`.
   */
  readonly cells: number | null
  readonly error: Error | null
  /** The search left out a typed word's rarest completions (media:search's `capped`). */
  readonly capped: boolean
  rowAt(index: number): MediaRow | undefined
  /** Fetches whatever pages cover indexes [start, end] that are not loaded or loading. */
  ensureRange(start: number, end: number): void
}

function withEntry(
  cache: ReadonlyMap<string, QueryPages>,
  key: string,
  update: (entry: QueryPages) => QueryPages,
): ReadonlyMap<string, QueryPages> {
  const next = new Map(cache)
  const entry = update(next.get(key) ?? emptyPages)
  // Re-inserting moves the key to the end, so the oldest query is the first one evicted.
  next.delete(key)
  next.set(key, entry)
  while (next.size > cachedQueries) {
    const oldest = next.keys().next().value
    if (oldest === undefined) break
    next.delete(oldest)
  }
  return next
}

type SetCache = (
  update: (previous: ReadonlyMap<string, QueryPages>) => ReadonlyMap<string, QueryPages>,
) => void

/** The newest cached entry of the same query under an older data version, if any. */
function olderVersion(cache: ReadonlyMap<string, QueryPages>, key: string): QueryPages | undefined {
  const query = key.slice(key.indexOf('|'))
  let found: QueryPages | undefined
  for (const [each, entry] of cache) {
    if (
      each !== key &&
      each.endsWith(query) &&
      each.indexOf('|') === each.length - query.length &&
      entry.pages.has(0)
    )
      found = entry
  }
  return found
}

/** One page of one query, unless that exact request is already on its way. */
function requestPage(key: string, page: number, inflight: Set<string>, setCache: SetCache): void {
  const tag = `${key}#${page}`
  if (inflight.has(tag)) return
  inflight.add(tag)
  const query = JSON.parse(key.slice(key.indexOf('|') + 1)) as SearchQuery
  const input = { ...query, offset: page * pageSize, limit: pageSize }
  call('media:search', input)
    .then(
      (result) =>
        setCache((previous) =>
          withEntry(previous, key, (entry) => {
            const pages = new Map(entry.pages)
            pages.set(page, result.rows)
            const answer = { total: result.total, lowerBound: result.totalIsLowerBound === true }
            return {
              total: mergeTotal(entry.total, answer),
              pages,
              error: null,
              capped: result.capped === true,
            }
          }),
        ),
      (error: unknown) =>
        setCache((previous) => withEntry(previous, key, (entry) => ({ ...entry, error: error as Error }))),
    )
    .finally(() => inflight.delete(tag))
}

/** `version` changes when the catalog did (a sync finished): cached pages of older versions are stale. */
export function useMediaPages(query: SearchQuery, version = 0): MediaPages {
  const key = `${version}|${JSON.stringify(query)}`
  const [cache, setCache] = useState<ReadonlyMap<string, QueryPages>>(new Map())
  const inflight = useRef(new Set<string>())
  const current = cache.get(key) ?? emptyPages

  const firstLoaded = current.pages.has(0)
  useEffect(() => {
    if (!firstLoaded) requestPage(key, 0, inflight.current, setCache)
  }, [key, firstLoaded])

  // Both are cheap and idempotent, so they are not memoised: callers may run them every render.
  const ensureRange = (start: number, end: number): void => {
    // After a failure, wait for a new query rather than hammering the server on every render.
    if (current.error) return
    const first = Math.max(0, Math.floor(start / pageSize))
    const last = Math.max(first, Math.floor(end / pageSize))
    for (let page = first; page <= last; page += 1) {
      if (!current.pages.has(page)) requestPage(key, page, inflight.current, setCache)
    }
  }
  // While a newer version's first page loads, the same query's older rows stay on screen (no flash
  // of an empty grid, no lost scroll position when a sync finishes).
  const stale = current.pages.has(0) ? undefined : olderVersion(cache, key)
  const rowAt = (index: number): MediaRow | undefined => {
    const page = Math.floor(index / pageSize)
    return (current.pages.get(page) ?? stale?.pages.get(page))?.[index % pageSize]
  }

  const known = current.total ?? stale?.total ?? null
  return {
    total: known?.total ?? null,
    totalIsLowerBound: known?.lowerBound ?? false,
    cells: known === null ? null : cellCount(known, pageSize),
    error: current.error,
    capped: current.capped ?? false,
    rowAt,
    ensureRange,
  }
}
