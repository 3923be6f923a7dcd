// FansMetric (BuffMetrics) public API. Bearer key, `{data, _pagination?, _meta}` envelope (no
// `_pagination` on the last page). CDN URLs are OnlyFans' own, fetched directly and without our
// key; 424 (OnlyFans session lost) is an AuthError: the user must reconnect.
import { providerMeta } from '../../shared/providers'
import type { HttpClient } from './http'
import { createFamilyAdapter, familyHttpClient } from './onlyfans-family'
import { listShapes } from './onlyfans-pages'
import type { AdapterContext, AdapterOptions, ProviderAdapter } from './types'

export const fansMetricBaseUrl = 'https://public-api.buffmetrics.com'
const provider = 'fansmetric'
/** The documented maxima (chats and messages 100, chat media 50). */
const chatsPageSize = 100
const messagesPageSize = providerMeta[provider].conversationCost.messagesPerPage
const mediaPageSize = 50

export function createFansMetricAdapter(options: AdapterOptions): ProviderAdapter {
  const http: HttpClient = familyHttpClient(provider, fansMetricBaseUrl, options, {
    authorization: `Bearer ${options.apiKey}`,
  })
  // Documented as `data: {list, hasMore}`; a flat `data: [...]` is accepted like OnlyFansAPI's.
  const shapes = [listShapes.dataList, listShapes.dataArray]

  return createFamilyAdapter({
    http,
    routes: {
      root: (ctx: AdapterContext) => `v1/${encodeURIComponent(ctx.account)}`,
      chats: { pageSize: chatsPageSize, cursorParams: ['offset'], shapes },
      // `id` is the cursor (the oldest message id so far); `next_page` carries it too.
      chatMessages: { pageSize: messagesPageSize, query: { order: 'desc' }, cursorParams: ['id'], shapes },
      // Chat media pages by `last_id` = `data.nextLastId` (else the oldest id on the page).
      chatMedia: { pageSize: mediaPageSize, cursorParams: ['last_id'], shapes },
    },
  })
}
