// The gallery's window onto media:search: pages of rows fetched on demand as the grid scrolls,
// so a million-item catalog costs only the pages the user has looked at.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { call } from '../../bridge'
import type { SearchQuery } from './filters'

export const pageSize = 200

interface PagesState {
  readonly key: string
  readonly total: number | null
  readonly pages: ReadonlyMap<number, readonly MediaRow[]>
  readonly error: Error | null
}

export interface MediaPages {
  /** Null until the first page of the current query has arrived. */
  readonly total: number | null
  readonly error: Error | null
  rowAt(index: number): MediaRow | undefined
  /** Fetches whatever pages cover indexes [start, end] that are not loaded or loading. */
  ensureRange(start: number, end: number): void
}

export function useMediaPages(query: SearchQuery): MediaPages {
  const key = JSON.stringify(query)
  const [state, setState] = useState<PagesState>({ key, total: null, pages: new Map(), error: null })
  const inflight = useRef(new Set<string>())
  const current =
    state.key === key
      ? state
      : { key, total: null, pages: new Map<number, readonly MediaRow[]>(), error: null }

  const fetchPage = useCallback(
    (page: number): void => {
      const tag = `${key}#${page}`
      if (inflight.current.has(tag)) return
      inflight.current.add(tag)
      const input = { ...(JSON.parse(key) as SearchQuery), offset: page * pageSize, limit: pageSize }
      call('media:search', input).then(
        (result) => {
          setState((previous) => {
            const base = previous.key === key ? previous : { key, total: null, pages: new Map(), error: null }
            const pages = new Map(base.pages)
            pages.set(page, result.rows)
            return { key, total: result.total, pages, error: null }
          })
        },
        (error: unknown) => {
          inflight.current.delete(tag)
          setState((previous) => ({
            ...(previous.key === key ? previous : { key, total: null, pages: new Map() }),
            error: error as Error,
          }))
        },
      )
    },
    [key],
  )

  // A new query starts from its first page; the old query's requests are simply ignored.
  useEffect(() => {
    fetchPage(0)
  }, [fetchPage])

  const ensureRange = useCallback(
    (start: number, end: number): void => {
      const first = Math.max(0, Math.floor(start / pageSize))
      const last = Math.max(first, Math.floor(end / pageSize))
      for (let page = first; page <= last; page += 1) {
        if (!current.pages.has(page)) fetchPage(page)
      }
    },
    [current.pages, fetchPage],
  )

  const rowAt = useCallback(
    (index: number): MediaRow | undefined =>
      current.pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [current.pages],
  )

  return { total: current.total, error: current.error, rowAt, ensureRange }
}
