// Ctrl+A: the ids of every item a query shows, fetched page by page through media:search. Capped,
// because a selection travels to export:start as a list of ids: a bigger view is exported whole
// with "Export all" instead.
import { call } from '../../bridge'
import type { SearchQuery } from './filters'

/** 40 requests of 500 rows: about a second on a local server, and a few MB of rows. */
export const selectAllLimit = 20_000
const page = 500

export interface QueryIds {
  readonly ids: readonly number[]
  /** False when the cap stopped it before the end of the view. */
  readonly complete: boolean
}

/**
 * Pages until the view ends, not up to a total known in advance: a text search's total may be a
 * lower bound (media:search's totalIsLowerBound) that grows as it pages.
 */
export async function idsOfQuery(query: SearchQuery): Promise<QueryIds> {
  const ids: number[] = []
  for (let offset = 0; offset < selectAllLimit; offset += page) {
    const result = await call('media:search', {
      ...query,
      offset,
      limit: Math.min(page, selectAllLimit - offset),
    })
    for (const row of result.rows) ids.push(row.id)
    const ended = result.totalIsLowerBound !== true && offset + result.rows.length >= result.total
    if (ended || result.rows.length === 0) return { ids, complete: true }
  }
  return { ids, complete: false }
}
