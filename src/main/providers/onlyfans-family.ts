// What the three OnlyFans wrappers (OnlyFansAPI, OFAuth, FansMetric) share beyond the JSON shapes:
// choosing a variant to download, and refreshing media by re-reading a chat's media pages.
import { z } from 'zod'
import type { ProviderId, VariantKind, VideoQuality } from '../../shared/domain'
import { UpstreamError } from './errors'
import { createHttpClient, type HttpClient } from './http'
import { CursorGuard } from './paging'
import { signedUrlExpiry } from './signed-url'
import type {
  AdapterContext,
  AdapterOptions,
  DownloadRequest,
  ProviderAdapter,
  ListMediaOptions,
  MediaVariant,
  Page,
  PageCursor,
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
 * pages, newest first, until every id is found or the pages run out (bounded, cursor-guarded).
 */
export async function refreshByPaging(
  provider: ProviderId,
  listChatMedia: (
    ctx: AdapterContext,
    chatId: string,
    options?: ListMediaOptions,
  ) => Promise<Page<ProviderMessage>>,
  ctx: AdapterContext,
  chatId: string,
  providerMediaIds: readonly string[],
  maxPages: number = refreshMaxPages,
): Promise<ReadonlyMap<string, ProviderMedia>> {
  const wanted = new Set(providerMediaIds)
  const found = new Map<string, ProviderMedia>()
  if (wanted.size === 0) return found
  const guard = new CursorGuard({ provider, what: `chat ${chatId} media (refresh)`, maxPages })
  let cursor: PageCursor | null = null
  for (;;) {
    const page = await listChatMedia(ctx, chatId, { cursor })
    guard.next(page.next)
    for (const message of page.items) {
      for (const media of message.media) {
        if (wanted.has(media.providerMediaId) && !found.has(media.providerMediaId)) {
          found.set(media.providerMediaId, media)
        }
      }
    }
    if (found.size === wanted.size || page.next === null || page.items.length === 0) return found
    if (guard.pageCount >= maxPages) return found
    cursor = page.next
  }
}

/** Encodes the two cursor kinds OnlyFans wrappers use into one opaque string. */
export function encodeCursor(kind: 'offset' | 'last_id', value: string | number): PageCursor {
  return `${kind}:${value}`
}

export function decodeCursor(
  cursor: PageCursor | null | undefined,
): { kind: 'offset' | 'last_id'; value: string } | null {
  if (cursor == null || cursor === '') return null
  const match = /^(offset|last_id):(\d+)$/.exec(cursor)
  if (match) return { kind: match[1] as 'offset' | 'last_id', value: match[2] as string }
  // A bare number from an older cursor is an offset.
  if (/^\d+$/.test(cursor)) return { kind: 'offset', value: cursor }
  return null
}

type CursorKind = 'offset' | 'last_id'

/**
 * Decodes a cursor this adapter handed out, accepting only the kinds the endpoint pages by; a
 * foreign or mangled cursor is an error rather than a silent restart from the first page.
 */
export function expectCursor(
  provider: ProviderId,
  cursor: PageCursor | null | undefined,
  kinds: readonly CursorKind[],
): { kind: CursorKind; value: string } | null {
  const decoded = decodeCursor(cursor)
  if (cursor != null && cursor !== '' && (decoded === null || !kinds.includes(decoded.kind))) {
    throw new UpstreamError(provider, `${provider}: invalid page cursor ${JSON.stringify(cursor)}`)
  }
  return decoded
}

/** The offset of an offset-paged endpoint's cursor (0 for the first page). */
export function offsetCursor(provider: ProviderId, cursor: PageCursor | null | undefined): number {
  const decoded = expectCursor(provider, cursor, ['offset'])
  return decoded ? Number(decoded.value) : 0
}

/** The offset a `next_page` URL (absolute or relative) asks for, if any. */
export function offsetFromNextPage(nextPage: string | null | undefined): number | null {
  if (!nextPage) return null
  try {
    const value = new URL(nextPage, 'http://x').searchParams.get('offset')
    return value !== null && /^\d+$/.test(value) ? Number(value) : null
  } catch {
    return null
  }
}

export interface FamilyAdapterParts {
  readonly http: HttpClient
  readonly listChats: ProviderAdapter['listChats']
  readonly listChatMedia: ProviderAdapter['listChatMedia']
  /** When absent: the variant's own URL, with our auth headers only when it is on the API's host. */
  readonly resolveDownload?: ProviderAdapter['resolveDownload']
}

/** The adapter object the three wrappers share once their listing functions are written. */
export function assembleFamilyAdapter(parts: FamilyAdapterParts): ProviderAdapter {
  const { http, listChatMedia } = parts
  return {
    id: http.provider,
    listChats: parts.listChats,
    listChatMedia,
    resolveDownload:
      parts.resolveDownload ??
      ((_ctx, media, kind, quality): DownloadRequest | null => {
        const variant = pickVariant(media, kind, quality)
        if (!variant?.url) return null
        const headers = http.isOwnUrl(variant.url) ? { ...http.authHeaders } : {}
        return { url: variant.url, headers, expiresAt: signedUrlExpiry(variant.url) }
      }),
    refreshMedia: (ctx, chatId, ids) => refreshByPaging(http.provider, listChatMedia, ctx, chatId, ids),
    get usage() {
      return http.usage
    },
    get rateLimit() {
      return http.rateLimit
    },
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

/** `_pagination` of the enveloped wrappers; absent or null on the last page. */
export const paginationSchema = z.looseObject({ next_page: z.string().nullish() }).nullish()

/** `{data: {list, hasMore, nextLastId}, _pagination}`: chat media at OnlyFansAPI, every list at FansMetric. */
export const envelopedListSchema = z.looseObject({
  data: z.looseObject({
    list: z.array(z.unknown()),
    hasMore: z.boolean().optional(),
    nextLastId: z.union([z.string(), z.number()]).nullish(),
  }),
  _pagination: paginationSchema,
})
