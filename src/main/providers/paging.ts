// Paging that always ends. Providers have been seen to repeat a cursor or report hasMore forever;
// without a guard one bad page turns a sync into an endless stream of paid requests.
import type { ProviderId } from '../../shared/domain'
import { UpstreamError } from './errors'
import type { Page, PageCursor } from './types'

export const defaultMaxPages = 10_000

export interface PagingOptions {
  readonly provider: ProviderId
  /** What is being paged, for the error message ("chats of acct_1"). */
  readonly what: string
  readonly maxPages?: number
  readonly startCursor?: PageCursor | null
}

/** Remembers every cursor seen and throws when one repeats or there are too many pages. */
export class CursorGuard {
  private readonly seen = new Set<string>()
  private pages = 0

  constructor(private readonly options: PagingOptions) {
    if (options.startCursor != null) this.seen.add(options.startCursor)
  }

  /** Call once per page with the cursor that page returned. */
  next(cursor: PageCursor | null): void {
    this.pages += 1
    const { provider, what } = this.options
    const maxPages = this.options.maxPages ?? defaultMaxPages
    if (this.pages > maxPages) {
      throw new UpstreamError(
        provider,
        `${provider}: paging ${what} stopped after ${maxPages} pages (page limit)`,
      )
    }
    if (cursor === null) return
    if (this.seen.has(cursor)) {
      throw new UpstreamError(
        provider,
        `${provider}: paging ${what} stopped: cursor ${JSON.stringify(cursor)} repeated after ${this.pages} pages`,
      )
    }
    this.seen.add(cursor)
  }

  get pageCount(): number {
    return this.pages
  }
}

/** Yields pages until one returns no cursor or no items; throws on a repeated cursor or too many pages. */
export async function* iteratePages<T>(
  fetchPage: (cursor: PageCursor | null) => Promise<Page<T>>,
  options: PagingOptions,
): AsyncGenerator<Page<T>, void, undefined> {
  const guard = new CursorGuard(options)
  let cursor: PageCursor | null = options.startCursor ?? null
  for (;;) {
    const page = await fetchPage(cursor)
    guard.next(page.next)
    yield page
    if (page.next === null || page.items.length === 0) return
    cursor = page.next
  }
}

/** Every item of every page, in order. */
export async function collectPages<T>(
  fetchPage: (cursor: PageCursor | null) => Promise<Page<T>>,
  options: PagingOptions,
): Promise<T[]> {
  const all: T[] = []
  for await (const page of iteratePages(fetchPage, options)) all.push(...page.items)
  return all
}

/** Throws when a provider hands back the very cursor it was asked for (a one-page loop). */
export function assertCursorAdvances(
  provider: ProviderId,
  what: string,
  current: PageCursor | null | undefined,
  next: PageCursor | null,
): void {
  if (next !== null && current != null && next === current) {
    throw new UpstreamError(
      provider,
      `${provider}: paging ${what} stopped: cursor ${JSON.stringify(next)} repeated`,
    )
  }
}

/** Offset cursors are plain decimal strings; anything else is a caller error. */
export function parseOffsetCursor(provider: ProviderId, cursor: PageCursor | null | undefined): number {
  if (cursor == null || cursor === '') return 0
  if (!/^\d+$/.test(cursor))
    throw new UpstreamError(provider, `${provider}: invalid page cursor ${JSON.stringify(cursor)}`)
  return Number(cursor)
}
