// OnlyFansAPI.com for OnlyFans. Bearer auth, `{data, _pagination, _meta}` envelope, offset paging.
// Files go through its /media/download/{cdnUrl} proxy because the CDN URLs it hands out are bound
// to the vendor's IP (a direct fetch from here gets 403).
import { z } from 'zod'
import type { HttpClient } from './http'
import { newestFirst, normalizeOnlyFansChat, normalizeOnlyFansMessage } from './onlyfans-message'
import {
  assembleFamilyAdapter,
  envelopedListSchema,
  familyHttpClient,
  offsetCursor,
  offsetFromNextPage,
  paginationSchema,
  pickVariant,
} from './onlyfans-family'
import { assertCursorAdvances } from './paging'
import { parseOrDrift } from './parse'
import { signedUrlExpiry } from './signed-url'
import type {
  AdapterContext,
  AdapterOptions,
  DownloadRequest,
  ListMediaOptions,
  Page,
  PageCursor,
  ProviderAdapter,
  ProviderChat,
  ProviderMessage,
} from './types'

export const onlyFansApiBaseUrl = 'https://app.onlyfansapi.com'
const provider = 'onlyfansapi'
const chatsPageSize = 100
/** The documented default; no maximum is documented for this endpoint. */
const mediaPageSize = 20

export const onlyFansApiChatsSchema = z.looseObject({
  data: z.array(z.unknown()),
  _pagination: paginationSchema,
})

export const onlyFansApiChatMediaSchema = envelopedListSchema

export function createOnlyFansApiAdapter(options: AdapterOptions): ProviderAdapter {
  const http: HttpClient = familyHttpClient(provider, onlyFansApiBaseUrl, options, {
    authorization: `Bearer ${options.apiKey}`,
  })
  const accountPath = (ctx: AdapterContext): string => `api/${encodeURIComponent(ctx.account)}`

  async function listChats(ctx: AdapterContext, cursor?: PageCursor | null): Promise<Page<ProviderChat>> {
    const offset = offsetCursor(provider, cursor)
    const response = await http.getJson(`${accountPath(ctx)}/chats`, { limit: chatsPageSize, offset })
    const body = parseOrDrift(provider, onlyFansApiChatsSchema, response.body)
    const items = body.data.map((chat, i) => normalizeOnlyFansChat(provider, chat, `data[${i}]`))
    const more = body._pagination?.next_page != null && items.length > 0
    const next = more
      ? String(offsetFromNextPage(body._pagination?.next_page) ?? offset + items.length)
      : null
    assertCursorAdvances(provider, 'chats', cursor ?? '0', next)
    return { items, next }
  }

  async function listChatMedia(
    ctx: AdapterContext,
    chatId: string,
    listOptions: ListMediaOptions = {},
  ): Promise<Page<ProviderMessage>> {
    const offset = offsetCursor(provider, listOptions.cursor)
    const response = await http.getJson(`${accountPath(ctx)}/chats/${encodeURIComponent(chatId)}/media`, {
      limit: mediaPageSize,
      offset,
      type: listOptions.type,
    })
    const body = parseOrDrift(provider, onlyFansApiChatMediaSchema, response.body)
    const messages = body.data.list.map((m, i) =>
      normalizeOnlyFansMessage(provider, m, chatId, `data.list[${i}]`),
    )
    const hasMore = body.data.hasMore ?? body._pagination?.next_page != null
    const next =
      hasMore && messages.length > 0
        ? String(offsetFromNextPage(body._pagination?.next_page) ?? offset + body.data.list.length)
        : null
    assertCursorAdvances(provider, `chat ${chatId} media`, listOptions.cursor ?? '0', next)
    return { items: newestFirst(messages), next }
  }

  return assembleFamilyAdapter({
    http,
    listChats,
    listChatMedia,
    resolveDownload(ctx, media, kind, quality): DownloadRequest | null {
      const variant = pickVariant(media, kind, quality)
      if (!variant?.url) return null
      // Proxy URLs pass through; raw CDN URLs (wherever they are hosted) go through the proxy.
      const proxied = http.isOwnUrl(variant.url) && variant.url.includes('/media/download/')
      const url = proxied ? variant.url : `${http.baseUrl}${accountPath(ctx)}/media/download/${variant.url}`
      return { url, headers: { ...http.authHeaders }, expiresAt: signedUrlExpiry(url) }
    },
  })
}
