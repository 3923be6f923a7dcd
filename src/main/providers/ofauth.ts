// OFAuth for OnlyFans. `apiKey` + `x-connection-id` headers, bare `{list, hasMore, nextLastId?}`
// bodies, chats limited to 20 a page, chat media up to 100 with the last_id cursor (offset when the
// body has no nextLastId). Media URLs are media.ofauth.com links, fetched without our key.
import { z } from 'zod'
import { AuthError } from './errors'
import type { HttpClient } from './http'
import {
  assembleFamilyAdapter,
  encodeCursor,
  expectCursor,
  familyHttpClient,
  offsetCursor,
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

export const ofAuthBaseUrl = 'https://api.ofauth.com'
const provider = 'ofauth'
const chatsPageSize = 20
const mediaPageSize = 100

export const ofAuthListSchema = z.looseObject({
  list: z.array(z.unknown()),
  hasMore: z.boolean(),
  nextLastId: z.union([z.string(), z.number()]).nullish(),
  nextOffset: z.number().nullish(),
})

export function createOfAuthAdapter(options: AdapterOptions): ProviderAdapter {
  const http: HttpClient = familyHttpClient(provider, ofAuthBaseUrl, options, { apiKey: options.apiKey })

  function connectionHeaders(ctx: AdapterContext): Record<string, string> {
    const connectionId = ctx.connectionId ?? (ctx.account.startsWith('conn_') ? ctx.account : null)
    if (!connectionId) {
      throw new AuthError(
        provider,
        `${provider}: a connection id (conn_…) is required for chat endpoints`,
        null,
      )
    }
    return { 'x-connection-id': connectionId }
  }

  async function listChats(ctx: AdapterContext, cursor?: PageCursor | null): Promise<Page<ProviderChat>> {
    const offset = offsetCursor(provider, cursor)
    const response = await http.getJson(
      'v2/access/chats',
      { limit: chatsPageSize, offset },
      connectionHeaders(ctx),
    )
    const body = parseOrDrift(provider, ofAuthListSchema, response.body)
    const items = body.list.map((chat, i) => normalizeOnlyFansChat(provider, chat, `list[${i}]`))
    const next = body.hasMore && items.length > 0 ? String(body.nextOffset ?? offset + items.length) : null
    assertCursorAdvances(provider, 'chats', cursor ?? '0', next)
    return { items, next }
  }

  async function listChatMedia(
    ctx: AdapterContext,
    chatId: string,
    listOptions: ListMediaOptions = {},
  ): Promise<Page<ProviderMessage>> {
    const cursor = expectCursor(provider, listOptions.cursor, ['offset', 'last_id'])
    const offset = cursor?.kind === 'offset' ? Number(cursor.value) : 0
    const response = await http.getJson(
      `v2/access/chats/${encodeURIComponent(chatId)}/media`,
      {
        limit: mediaPageSize,
        ...(cursor?.kind === 'last_id' ? { last_id: cursor.value } : { offset }),
        type: listOptions.type,
      },
      connectionHeaders(ctx),
    )
    const body = parseOrDrift(provider, ofAuthListSchema, response.body)
    const messages = body.list.map((m, i) => normalizeOnlyFansMessage(provider, m, chatId, `list[${i}]`))
    let next: PageCursor | null = null
    if (body.hasMore && messages.length > 0) {
      next =
        body.nextLastId != null && String(body.nextLastId) !== ''
          ? encodeCursor('last_id', String(body.nextLastId))
          : encodeCursor('offset', offset + body.list.length)
    }
    assertCursorAdvances(provider, `chat ${chatId} media`, listOptions.cursor, next)
    return { items: newestFirst(messages), next }
  }

  return assembleFamilyAdapter({ http, listChats, listChatMedia })
}
