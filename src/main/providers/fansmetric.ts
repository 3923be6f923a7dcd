// FansMetric (BuffMetrics) public API. Bearer key, `{data, _pagination?, _meta}` envelope, chats by
// offset, chat media by the `last_id` cursor (max 50). CDN URLs are OnlyFans' own, fetched directly
// and without our key; 424 (OnlyFans session lost) is an AuthError: the user must reconnect.
import type { HttpClient } from './http'
import {
  assembleFamilyAdapter,
  encodeCursor,
  envelopedListSchema,
  expectCursor,
  familyHttpClient,
  offsetCursor,
  offsetFromNextPage,
} from './onlyfans-family'
import { newestFirst, normalizeOnlyFansChat, normalizeOnlyFansMessage } from './onlyfans-message'
import { assertCursorAdvances } from './paging'
import { parseOrDrift } from './parse'
import type {
  AdapterContext,
  AdapterOptions,
  ListMediaOptions,
  Page,
  PageCursor,
  ProviderAdapter,
  ProviderChat,
  ProviderMessage,
} from './types'

export const fansMetricBaseUrl = 'https://public-api.buffmetrics.com'
const provider = 'fansmetric'
const chatsPageSize = 100
const mediaPageSize = 50

export const fansMetricListSchema = envelopedListSchema

export function createFansMetricAdapter(options: AdapterOptions): ProviderAdapter {
  const http: HttpClient = familyHttpClient(provider, fansMetricBaseUrl, options, {
    authorization: `Bearer ${options.apiKey}`,
  })
  const accountPath = (ctx: AdapterContext): string => `v1/${encodeURIComponent(ctx.account)}`

  async function listChats(ctx: AdapterContext, cursor?: PageCursor | null): Promise<Page<ProviderChat>> {
    const offset = offsetCursor(provider, cursor)
    const response = await http.getJson(`${accountPath(ctx)}/chats`, { limit: chatsPageSize, offset })
    const body = parseOrDrift(provider, fansMetricListSchema, response.body)
    const items = body.data.list.map((chat, i) => normalizeOnlyFansChat(provider, chat, `data.list[${i}]`))
    // `_pagination` is left out on the last page.
    const hasMore = body.data.hasMore ?? body._pagination?.next_page != null
    const next =
      hasMore && items.length > 0
        ? String(offsetFromNextPage(body._pagination?.next_page) ?? offset + body.data.list.length)
        : null
    assertCursorAdvances(provider, 'chats', cursor ?? '0', next)
    return { items, next }
  }

  async function listChatMedia(
    ctx: AdapterContext,
    chatId: string,
    listOptions: ListMediaOptions = {},
  ): Promise<Page<ProviderMessage>> {
    const cursor = expectCursor(provider, listOptions.cursor, ['last_id'])
    const response = await http.getJson(`${accountPath(ctx)}/chats/${encodeURIComponent(chatId)}/media`, {
      limit: mediaPageSize,
      last_id: cursor?.value,
      type: listOptions.type,
    })
    const body = parseOrDrift(provider, fansMetricListSchema, response.body)
    const messages = body.data.list.map((m, i) =>
      normalizeOnlyFansMessage(provider, m, chatId, `data.list[${i}]`),
    )
    const hasMore = body.data.hasMore ?? body._pagination?.next_page != null
    let next: PageCursor | null = null
    if (hasMore && messages.length > 0) {
      // Fall back to the oldest id on the page when the cursor field is missing.
      const lastId = body.data.nextLastId ?? newestFirst(messages).at(-1)?.id
      next = lastId != null && /^\d+$/.test(String(lastId)) ? encodeCursor('last_id', String(lastId)) : null
    }
    assertCursorAdvances(provider, `chat ${chatId} media`, listOptions.cursor, next)
    return { items: newestFirst(messages), next }
  }

  return assembleFamilyAdapter({ http, listChats, listChatMedia })
}
