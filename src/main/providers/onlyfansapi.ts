// OnlyFansAPI.com for OnlyFans. Bearer auth, `{data, _pagination, _meta}` envelope. Files go
// through its /media/download/{cdnUrl} proxy because the CDN URLs it hands out are bound to the
// vendor's IP (a direct fetch from here gets 403).
import { providerMeta } from '../../shared/providers'
import type { HttpClient } from './http'
import { createFamilyAdapter, familyHttpClient, pickVariant } from './onlyfans-family'
import { listShapes } from './onlyfans-pages'
import { signedUrlExpiry } from './signed-url'
import type { AdapterContext, AdapterOptions, DownloadRequest, ProviderAdapter } from './types'

export const onlyFansApiBaseUrl = 'https://app.onlyfansapi.com'
const provider = 'onlyfansapi'
/** The documented maxima of chats and messages: fewer, larger pages cost fewer credits. */
const chatsPageSize = 100
const messagesPageSize = providerMeta[provider].conversationCost.messagesPerPage
/** The documented default; no maximum is documented for chat media. */
const mediaPageSize = 20
/** Every file goes through the download endpoint, which charges by size (cached files are free). */
const downloadPrice = {
  creditsPerMegabyte: providerMeta[provider].conversationCost.downloadCreditsPerMegabyte ?? 0,
}

export function createOnlyFansApiAdapter(options: AdapterOptions): ProviderAdapter {
  const http: HttpClient = familyHttpClient(provider, onlyFansApiBaseUrl, options, {
    authorization: `Bearer ${options.apiKey}`,
  })
  const accountPath = (ctx: AdapterContext): string => `api/${encodeURIComponent(ctx.account)}`

  return createFamilyAdapter({
    http,
    routes: {
      root: accountPath,
      // Chats come as a flat `data: [...]`; the older `data: {list}` is accepted too.
      chats: {
        pageSize: chatsPageSize,
        cursorParams: ['offset'],
        shapes: [listShapes.dataArray, listShapes.dataList],
      },
      // The docs show `data: {list, hasMore}`; the newer SDK a flat `data: [...]` with
      // `_pagination.next_page` carrying `id` (the oldest message id so far). Both parse.
      chatMessages: {
        pageSize: messagesPageSize,
        query: { order: 'desc' },
        cursorParams: ['id'],
        shapes: [listShapes.dataList, listShapes.dataArray],
      },
      // Only offset paging is documented for chat media (`nextLastId` is OnlyFans' own, passed on).
      chatMedia: {
        pageSize: mediaPageSize,
        cursorParams: ['offset'],
        shapes: [listShapes.dataList, listShapes.dataArray],
      },
    },
    resolveDownload(ctx, media, kind, quality): DownloadRequest | null {
      const variant = pickVariant(media, kind, quality)
      if (!variant?.url) return null
      // Proxy URLs pass through; raw CDN URLs (wherever they are hosted) go through the proxy.
      const proxied = http.isOwnUrl(variant.url) && variant.url.includes('/media/download/')
      const url = proxied ? variant.url : `${http.baseUrl}${accountPath(ctx)}/media/download/${variant.url}`
      return { url, headers: { ...http.authHeaders }, expiresAt: signedUrlExpiry(url), ...downloadPrice }
    },
  })
}
