// The one paging loop. Every list the app pages (chats, a chat's messages, a media refresh) goes
// through `pageThrough`, so every one ends the same way: on the provider's last page, or with an
// UpstreamError when the provider stops making progress. Providers have been seen to repeat a
// cursor, report hasMore forever, or hand out endless fresh cursors; each of those pages is a paid
// request, so a runaway is stopped after a few pages instead of at the page limit.
import type { ProviderId } from '../../shared/domain'
import { UpstreamError } from './errors'
import type { Page, PageCursor } from './types'

/**
 * The last resort: a chat of 100-message pages this long holds a million messages. Runaways are
 * caught long before (below); this only bounds a provider that keeps sending fresh items.
 */
export const defaultMaxPages = 10_000

/**
 * Consecutive pages that bring no item not seen before in this run (and, for pages that report a
 * span, reach no further back) before paging stops as a runaway. One such page happens honestly
 * (offset paging while new messages push old ones down can repeat a short page); three in a row
 * mean the provider is not advancing, and cost three requests instead of ten thousand.
 */
export const maxStalePages = 3

/**
 * With a size hint (how many items the archive already holds for this list), paging stops once it
 * has read the pages that `expected × runawayItemFactor + runawaySlackItems` items need. The list
 * may have grown since the hint was taken (new messages since the last sync), so the bound is
 * generous; it exists for a provider that keeps inventing fresh items, which the stale-page rule
 * cannot see. At 100 items a page that is 50 pages past the hint; at OFAuth's 10, 500.
 */
export const runawayItemFactor = 2
/** Items allowed beyond the hinted size, whatever it is: a busy chat's messages between syncs. */
export const runawaySlackItems = 5_000

export interface PagingOptions<T> {
  readonly provider: ProviderId
  /** What is being paged, for the error message ("chats of acct_1"). */
  readonly what: string
  /** An item's identity, to tell new items from repeats. */
  readonly keyOf: (item: T) => string
  /** How many items the caller expects (what the archive holds); null or absent when unknown. */
  readonly expectedItems?: number | null
  readonly maxPages?: number
  readonly startCursor?: PageCursor | null
}

export interface PagedPage<T> extends Page<T> {
  /** Items of this page not seen on an earlier page of this run. */
  readonly fresh: readonly T[]
  /** 1-based page number in this run. */
  readonly number: number
}

/**
 * Yields pages until one returns no cursor. An empty page with a cursor goes on (a provider may
 * page text-only runs as empty pages), bounded by the runaway rules: a repeated cursor, too many
 * stale pages, far more pages than the size hint allows, or the page limit throws UpstreamError.
 * The caller may stop early by leaving the loop.
 */
export async function* pageThrough<T>(
  fetchPage: (cursor: PageCursor | null) => Promise<Page<T>>,
  options: PagingOptions<T>,
): AsyncGenerator<PagedPage<T>, void, undefined> {
  const { provider, what } = options
  const stop = (why: string): UpstreamError =>
    new UpstreamError(provider, `${provider}: paging ${what} stopped: ${why}`)
  const maxPages = options.maxPages ?? defaultMaxPages
  const cursors = new Set<string>()
  const keys = new Set<string>()
  let cursor: PageCursor | null = options.startCursor ?? null
  if (cursor !== null) cursors.add(cursor)
  let pages = 0
  let stale = 0
  let oldestReached = Number.POSITIVE_INFINITY
  let largestPage = 0
  for (;;) {
    const page = await fetchPage(cursor)
    pages += 1
    const fresh = page.items.filter((item) => {
      const key = options.keyOf(item)
      if (keys.has(key)) return false
      keys.add(key)
      return true
    })
    const oldest = page.span ? Date.parse(page.span.oldest) : Number.NaN
    const reachedFurther = !Number.isNaN(oldest) && oldest < oldestReached
    if (reachedFurther) oldestReached = oldest
    largestPage = Math.max(largestPage, page.items.length)
    yield { ...page, fresh, number: pages }
    if (page.next === null) return
    stale = fresh.length > 0 || reachedFurther ? 0 : stale + 1
    if (stale >= maxStalePages)
      throw stop(`${stale} pages in a row brought nothing new (runaway paging after ${pages} pages)`)
    if (cursors.has(page.next))
      throw stop(`cursor ${JSON.stringify(page.next)} repeated after ${pages} pages`)
    const budget = pageBudget(options.expectedItems, largestPage)
    if (budget !== null && pages >= budget)
      throw stop(
        `${pages} pages is far past the ${options.expectedItems ?? 0} items expected (runaway paging)`,
      )
    if (pages >= maxPages) throw stop(`page limit of ${maxPages} pages reached`)
    cursors.add(page.next)
    cursor = page.next
  }
}

/** The most pages a list of about `expected` items may take, or null without a usable hint. */
export function pageBudget(expected: number | null | undefined, pageSize: number): number | null {
  if (expected == null || !Number.isFinite(expected) || expected < 0 || pageSize <= 0) return null
  return Math.ceil((expected * runawayItemFactor + runawaySlackItems) / pageSize)
}

/** Query parameters lists page by: `offset` counts items, `id` and `last_id` take a message id. */
export type CursorParam = 'offset' | 'last_id' | 'id'

/** The opaque cursor handed to callers is the one parameter that asks for the next page. */
export function encodeCursor(param: CursorParam, value: string | number): PageCursor {
  return `${param}:${value}`
}

/**
 * Decodes a cursor a list handed out, accepting only the parameters it pages by; a foreign or
 * mangled cursor is an error rather than a silent restart from the first page.
 */
export function decodeCursor(
  provider: ProviderId,
  accepted: readonly CursorParam[],
  cursor: PageCursor | null | undefined,
): { readonly param: CursorParam; readonly value: string } | null {
  if (cursor == null || cursor === '') return null
  const match = /^(offset|last_id|id):(\d+)$/.exec(cursor)
  const param = match?.[1] as CursorParam | undefined
  if (!match || !param || !accepted.includes(param))
    throw new UpstreamError(provider, `${provider}: invalid page cursor ${JSON.stringify(cursor)}`)
  return { param, value: match[2] as string }
}
