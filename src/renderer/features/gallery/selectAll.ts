// Ctrl+A: the ids of every item a query shows, fetched page by page through media:search. Capped,
// because a selection travels to export:start as a list of ids: a bigger view is exported whole
// with "Export all" instead.
import { call } from '../../bridge'
import type { SearchQuery } from './filters'

/** 40 requests of 500 rows: about a second on a local server, and a few MB of rows. */
export const selectAllLimit = 20_000
const page = 500

export async function idsOfQuery(query: SearchQuery, total: number): Promise<number[]> {
  const ids: number[] = []
  for (let offset = 0; offset < Math.min(total, selectAllLimit); offset += page) {
    const result = await call('media:search', { ...query, offset, limit: page })
    for (const row of result.rows) ids.push(row.id)
    if (result.rows.length < page) break
  }
  return ids
}
