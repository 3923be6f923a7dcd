// A gallery filter's total read from the counters the triggers keep (migration 0002) instead of
// counting its rows: `count(*)` over a million items costs 0.3–2 s here, and the synchronous SQLite
// handle serves nothing else meanwhile (serve answered catalog:stats only after it). The counters
// are exact, so these totals are too; a filter they cannot express is counted row by row.
import type { Db } from '../db'
import { messageMatch } from './fts-query'
import type { MediaFilter, Param } from './gallery-where'
import { placeholders } from './media-rows'

/** The filter terms media_counts (account, status, type) can answer; any other term is counted. */
const counterTerms: ReadonlySet<keyof MediaFilter> = new Set(['provider', 'accountId', 'types', 'statuses'])

/** The terms that narrow the result: unset values, empty lists and text with nothing to match do not. */
function activeTerms(filter: MediaFilter): ReadonlyArray<keyof MediaFilter> {
  return (Object.keys(filter) as Array<keyof MediaFilter>).filter((key) => {
    const value = filter[key]
    if (value === undefined) return false
    if (Array.isArray(value)) return value.length > 0
    if (key === 'search') return messageMatch(filter.search ?? '') !== null
    return true
  })
}

/** The exact total from the counters, or undefined when the filter needs a row count. */
export function countedTotal(db: Db, filter: MediaFilter): number | undefined {
  const terms = activeTerms(filter)
  // One chat alone: its distinct items, kept per chat by the message_media trigger.
  if (terms.length === 1 && terms[0] === 'chatId' && filter.chatId !== undefined) {
    const row = db
      .prepare<[number], { n: number }>(`SELECT media_count AS n FROM chats WHERE id = ?`)
      .get(filter.chatId)
    return row?.n ?? 0
  }
  if (!terms.every((term) => counterTerms.has(term))) return undefined
  const clauses: string[] = []
  const params: Param[] = []
  if (filter.provider !== undefined) {
    clauses.push(`mc.account_id IN (SELECT id FROM accounts WHERE provider = ?)`)
    params.push(filter.provider)
  }
  if (filter.accountId !== undefined) {
    clauses.push(`mc.account_id = ?`)
    params.push(filter.accountId)
  }
  if (filter.types?.length) {
    clauses.push(`mc.type IN (${placeholders(filter.types)})`)
    params.push(...filter.types)
  }
  if (filter.statuses?.length) {
    clauses.push(`mc.status IN (${placeholders(filter.statuses)})`)
    params.push(...filter.statuses)
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
  const row = db
    .prepare<Param[], { n: number }>(`SELECT coalesce(sum(mc.n), 0) AS n FROM media_counts mc ${where}`)
    .get(...params)
  return row?.n ?? 0
}
