// How the three OnlyFans wrappers page a list, described as data. Each route names its path, page
// size, the query parameters it pages by, and the envelope shapes it may answer with; one reader
// turns any of those bodies into a Page with an opaque cursor, so no adapter repeats the
// offset-and-envelope skeleton. Paging to the end (and stopping runaways) is `pageThrough`'s job.
import type { ProviderId } from '../../shared/domain'
import { SchemaDrift, UpstreamError } from './errors'
import type { HttpClient, Query } from './http'
import { joinPath, readEach } from './parse'
import { type CursorParam, decodeCursor, encodeCursor } from './paging'
import type { Page, PageCursor } from './types'

/**
 * Where one envelope keeps its list and its paging hints (paths into the body). `_pagination`'s
 * `next_page` is read from every shape: the enveloped wrappers put it beside `data`.
 */
export interface ListShape {
  readonly list: readonly string[]
  readonly hasMore?: readonly string[]
  readonly nextLastId?: readonly string[]
  readonly nextOffset?: readonly string[]
}

export const listShapes = {
  /** `{data: {list, hasMore, nextLastId}}`: OnlyFansAPI chat media and older messages, FansMetric. */
  dataList: {
    list: ['data', 'list'],
    hasMore: ['data', 'hasMore'],
    nextLastId: ['data', 'nextLastId'],
  },
  /** `{data: [...], _pagination: {next_page}}`: OnlyFansAPI chats and newer messages. */
  dataArray: { list: ['data'] },
  /** `{list, hasMore, nextLastId?, nextOffset?}` with no envelope: OFAuth. */
  bareList: {
    list: ['list'],
    hasMore: ['hasMore'],
    nextLastId: ['nextLastId'],
    nextOffset: ['nextOffset'],
  },
} as const satisfies Readonly<Record<string, ListShape>>

export interface ListRoute {
  /** For errors: "chat 123 messages". */
  readonly what: string
  /** Relative to the API base. */
  readonly path: string
  readonly pageSize: number
  /** Sent with every page (order, type filter, …). */
  readonly query?: Query
  readonly headers?: Readonly<Record<string, string>>
  /**
   * What the route pages by, preferred first. The first is also how the next page is asked for
   * when a page says "more" without a cursor: `offset` counts, `id`/`last_id` take the oldest id.
   */
  readonly cursorParams: readonly [CursorParam, ...CursorParam[]]
  /** The envelopes it may answer with, tried in order; the first whose list is an array wins. */
  readonly shapes: readonly ListShape[]
}

export interface ListPage<T> extends Page<T> {
  /** Where the list was found ("data.list"), for callers naming paths. */
  readonly listPath: string
}

/**
 * Fetches one page of a route and reads each item on its own (a malformed item is a problem line,
 * not a failed page). `idOf` gives an item's id for the `id`/`last_id` fallback cursor.
 */
export async function fetchListPage<T>(
  http: HttpClient,
  route: ListRoute,
  cursor: PageCursor | null | undefined,
  readItem: (value: unknown, path: string) => T,
  idOf: (item: T) => string,
): Promise<ListPage<T>> {
  const provider = http.provider
  const current = decodeCursor(provider, route.cursorParams, cursor)
  const first = route.cursorParams[0]
  const paging = current ?? (first === 'offset' ? { param: first, value: '0' } : null)
  const response = await http.getJson(
    route.path,
    { limit: route.pageSize, ...route.query, ...(paging && { [paging.param]: paging.value }) },
    route.headers,
  )
  const body = readShape(provider, route.shapes, response.body)
  const { items, problems } = readEach(body.list, body.listPath, readItem)
  const offset = current?.param === 'offset' ? Number(current.value) : 0
  const next = nextCursor(provider, route, body, offset, items.map(idOf))
  // A page that hands back the very cursor that asked for it loops on itself: one paid request
  // tells, where the paging loop would only see it on the second.
  if (next !== null && paging && next === encodeCursor(paging.param, paging.value))
    throw new UpstreamError(
      provider,
      `${provider}: paging ${route.what} stopped: cursor ${JSON.stringify(next)} repeated`,
    )
  return { items, next, listPath: body.listPath, ...(problems.length > 0 && { problems }) }
}

interface ShapedBody {
  readonly list: readonly unknown[]
  readonly listPath: string
  readonly hasMore: boolean | null
  readonly nextLastId: string | null
  readonly nextOffset: number | null
  /** `_pagination.next_page`: undefined when the body has no `_pagination`, null on the last page. */
  readonly nextPage: string | null | undefined
}

function readShape(provider: ProviderId, shapes: readonly ListShape[], body: unknown): ShapedBody {
  const shape = shapes.find((candidate) => Array.isArray(at(body, candidate.list)))
  if (!shape) {
    const first = shapes[0]?.list ?? []
    const expected = shapes.map((s) => joinPath('', s.list)).join(' or ')
    throw new SchemaDrift(provider, joinPath('', first), `expected a list at ${expected}`)
  }
  const hasMore = shape.hasMore ? at(body, shape.hasMore) : undefined
  if (hasMore !== undefined && hasMore !== null && typeof hasMore !== 'boolean')
    throw new SchemaDrift(provider, joinPath('', shape.hasMore ?? []), 'expected true or false')
  const pagination = at(body, ['_pagination'])
  const nextPage = pagination === undefined ? undefined : at(body, ['_pagination', 'next_page'])
  const nextOffset = digits(shape.nextOffset ? at(body, shape.nextOffset) : null)
  return {
    list: at(body, shape.list) as unknown[],
    listPath: joinPath('', shape.list),
    hasMore: typeof hasMore === 'boolean' ? hasMore : null,
    nextLastId: digits(shape.nextLastId ? at(body, shape.nextLastId) : null),
    nextOffset: nextOffset === null ? null : Number(nextOffset),
    nextPage:
      pagination === undefined
        ? undefined
        : typeof nextPage === 'string' && nextPage !== ''
          ? nextPage
          : null,
  }
}

/**
 * The next page's cursor, or null on the last page. "More" is `hasMore` when the body has it, else
 * a non-null `next_page`. An empty list ends the route whatever the envelope says (a page can be
 * short and still have more, but an empty one has nothing to go on from). The cursor is, in
 * order: a paging parameter of `next_page` (the docs say to follow it), `nextLastId`,
 * `nextOffset`, and last the route's own rule (offset + items, or the oldest id on the page).
 */
function nextCursor(
  provider: ProviderId,
  route: ListRoute,
  body: ShapedBody,
  offset: number,
  ids: readonly string[],
): PageCursor | null {
  const more = body.hasMore ?? (body.nextPage !== undefined && body.nextPage !== null)
  if (!more || body.list.length === 0) return null
  const accepts = (param: CursorParam): boolean => route.cursorParams.includes(param)
  const fromNextPage = nextPageParam(body.nextPage, route.cursorParams)
  if (fromNextPage) return encodeCursor(fromNextPage.param, fromNextPage.value)
  if (body.nextLastId !== null && accepts('last_id')) return encodeCursor('last_id', body.nextLastId)
  if (body.nextOffset !== null && accepts('offset')) return encodeCursor('offset', body.nextOffset)
  const fallback = route.cursorParams[0]
  if (fallback === 'offset') return encodeCursor('offset', offset + body.list.length)
  const oldest = oldestId(ids)
  if (oldest === null)
    throw new UpstreamError(
      provider,
      `${provider}: ${route.what}: the page says there is more but gives no cursor`,
    )
  return encodeCursor(fallback, oldest)
}

/** The first paging parameter the route accepts in a `next_page` URL (absolute or relative). */
function nextPageParam(
  nextPage: string | null | undefined,
  params: readonly CursorParam[],
): { param: CursorParam; value: string } | null {
  if (!nextPage) return null
  let search: URLSearchParams
  try {
    search = new URL(nextPage, 'http://relative.invalid').searchParams
  } catch {
    return null
  }
  for (const param of params) {
    const value = digits(search.get(param))
    if (value !== null) return { param, value }
  }
  return null
}

/** Ids grow with time on OnlyFans: the smallest numeric id is the oldest message. */
function oldestId(ids: readonly string[]): string | null {
  let oldest: bigint | null = null
  for (const id of ids) {
    if (!/^\d+$/.test(id)) continue
    const value = BigInt(id)
    if (oldest === null || value < oldest) oldest = value
  }
  return oldest === null ? null : String(oldest)
}

function digits(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value
  return typeof text === 'string' && /^\d+$/.test(text) ? text : null
}

function at(body: unknown, path: readonly string[]): unknown {
  let value = body
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}
