// What the three OnlyFans wrappers (OnlyFansAPI, OFAuth, FansMetric) share beyond their routes:
// the adapter built from a route table, choosing a variant to download, and refreshing media by
// re-reading a chat's media pages.
import type { ProviderId, VariantKind, VideoQuality } from '../../shared/domain'
import { createHttpClient, type HttpClient } from './http'
import { newestFirst, normalizeOnlyFansChat, normalizeOnlyFansMessage } from './onlyfans-message'
import { fetchListPage, type ListRoute } from './onlyfans-pages'
import { pageThrough } from './paging'
import { signedUrlExpiry } from './signed-url'
import { isPlaceholderId } from './unreadable-media'
import type {
  AdapterContext,
  AdapterOptions,
  DownloadRequest,
  MediaVariant,
  PageCursor,
  ProviderAdapter,
  ProviderMedia,
  ProviderMessage,
} from './types'

/** Source first by default; a requested 720/240 wins when it exists, else the best that does. */
const qualityOrder: readonly VideoQuality[] = ['source', '720', '240']

export function pickVariant(
  media: ProviderMedia,
  kind: VariantKind,
  quality?: VideoQuality,
): MediaVariant | null {
  const candidates = media.variants.filter((v) => v.kind === kind && v.url !== null)
  if (candidates.length === 0) return null
  if (kind !== 'full') return candidates[0] ?? null
  const order = quality ? [quality, ...qualityOrder.filter((q) => q !== quality)] : qualityOrder
  for (const wanted of order) {
    const found = candidates.find((v) => (v.quality ?? 'source') === wanted)
    if (found) return found
  }
  return candidates[0] ?? null
}

/** Pages the provider re-reads at most to find media to refresh (20–100 messages a page). */
export const refreshMaxPages = 50

/**
 * OnlyFans wrappers have no "get media by id": the fresh URL comes from re-reading the chat's media
 * pages, newest first, until every id is found, the pages run out or `maxPages` were read. An item
 * that still cannot be read is not a fresh copy and stays as it was.
 */
export async function refreshByPaging(
  provider: ProviderId,
  listChatMedia: ProviderAdapter['listChatMedia'],
  ctx: AdapterContext,
  chatId: string,
  providerMediaIds: readonly string[],
  maxPages: number = refreshMaxPages,
): Promise<ReadonlyMap<string, ProviderMedia>> {
  // An unreadable item without an id of its own cannot be found by id.
  const wanted = new Set(providerMediaIds.filter((id) => !isPlaceholderId(id)))
  const found = new Map<string, ProviderMedia>()
  if (wanted.size === 0) return found
  const pages = pageThrough((cursor) => listChatMedia(ctx, chatId, { cursor }), {
    provider,
    what: `chat ${chatId} media (refresh)`,
    keyOf: (message) => message.id,
  })
  for await (const page of pages) {
    for (const message of page.items) {
      for (const media of message.media) {
        if (wanted.has(media.providerMediaId) && !media.problem && !found.has(media.providerMediaId))
          found.set(media.providerMediaId, media)
      }
    }
    if (found.size === wanted.size || page.number >= maxPages) break
  }
  return found
}

/** How one route pages: the data each wrapper gives for its chats, messages and chat media. */
export interface RouteSpec {
  readonly pageSize: number
  /** Paging parameters, preferred first (see ListRoute.cursorParams). */
  readonly cursorParams: ListRoute['cursorParams']
  /** Envelopes the route may answer with, tried in order. */
  readonly shapes: ListRoute['shapes']
  readonly query?: ListRoute['query']
}

/**
 * A wrapper's routes as data: `chats`, `chats/{id}/messages` and `chats/{id}/media` live under
 * `root`, with `headers` on every call (OFAuth's connection id); each says how it pages.
 */
export interface FamilyRouteTable {
  readonly root: (ctx: AdapterContext) => string
  readonly headers?: (ctx: AdapterContext) => Readonly<Record<string, string>>
  readonly chats: RouteSpec
  readonly chatMessages: RouteSpec
  readonly chatMedia: RouteSpec
}

export interface FamilyAdapterParts {
  readonly http: HttpClient
  readonly routes: FamilyRouteTable
  /** When absent: the variant's own URL, with our auth headers only when it is on the API's host. */
  readonly resolveDownload?: ProviderAdapter['resolveDownload']
}

function route(
  table: FamilyRouteTable,
  spec: RouteSpec,
  ctx: AdapterContext,
  what: string,
  path: string,
  query?: ListRoute['query'],
): ListRoute {
  const headers = table.headers?.(ctx)
  return {
    ...spec,
    what,
    path: `${table.root(ctx)}/${path}`,
    ...((spec.query ?? query) && { query: { ...spec.query, ...query } }),
    ...(headers && { headers }),
  }
}

/** A whole adapter from a wrapper's client and routes: the three wrappers differ in nothing else. */
export function createFamilyAdapter(parts: FamilyAdapterParts): ProviderAdapter {
  const { http, routes } = parts
  const provider = http.provider
  const readMessage =
    (chatId: string) =>
    (value: unknown, path: string): ProviderMessage =>
      normalizeOnlyFansMessage(provider, value, chatId, path)
  const messagePage = async (route: ListRoute, chatId: string, cursor?: PageCursor | null) => {
    const { listPath: _path, ...page } = await fetchListPage(
      http,
      route,
      cursor,
      readMessage(chatId),
      (m) => m.id,
    )
    return { ...page, items: newestFirst(page.items) }
  }
  const chatPath = (chatId: string): string => `chats/${encodeURIComponent(chatId)}`
  const listChatMedia: ProviderAdapter['listChatMedia'] = (ctx, chatId, options = {}) => {
    const what = `chat ${chatId} media`
    const media = route(routes, routes.chatMedia, ctx, what, `${chatPath(chatId)}/media`, {
      type: options.type,
    })
    return messagePage(media, chatId, options.cursor)
  }
  return {
    id: provider,
    async listChats(ctx, cursor) {
      const read = (value: unknown, path: string) => normalizeOnlyFansChat(provider, value, path)
      const chats = route(routes, routes.chats, ctx, `chats of ${ctx.account}`, 'chats')
      const { listPath: _path, ...page } = await fetchListPage(http, chats, cursor, read, (c) => c.id)
      return page
    },
    listChatMessages: (ctx, chatId, options = {}) => {
      const what = `chat ${chatId} messages`
      const messages = route(routes, routes.chatMessages, ctx, what, `${chatPath(chatId)}/messages`)
      return messagePage(messages, chatId, options.cursor)
    },
    listChatMedia,
    resolveDownload:
      parts.resolveDownload ??
      ((_ctx, media, kind, quality): DownloadRequest | null => {
        const variant = pickVariant(media, kind, quality)
        if (!variant?.url) return null
        const headers = http.isOwnUrl(variant.url) ? { ...http.authHeaders } : {}
        return { url: variant.url, headers, expiresAt: signedUrlExpiry(variant.url) }
      }),
    refreshMedia: (ctx, chatId, ids) => refreshByPaging(provider, listChatMedia, ctx, chatId, ids),
    get usage() {
      return http.usage
    },
    get rateLimit() {
      return http.rateLimit
    },
    meter: (gate) => http.setGate(gate),
  }
}

/** The JSON client of a wrapper: its base URL (or the caller's), its auth headers, the key redacted. */
export function familyHttpClient(
  provider: ProviderId,
  defaultBaseUrl: string,
  options: AdapterOptions,
  authHeaders: Readonly<Record<string, string>>,
): HttpClient {
  return createHttpClient({
    provider,
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    authHeaders,
    secrets: [options.apiKey],
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  })
}
