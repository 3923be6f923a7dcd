// OFAuth: `apiKey` + `x-connection-id` headers, bare `{list, hasMore, nextLastId?}` bodies,
// media on media.ofauth.com-like URLs (here /ofauth-media/ on the same origin), token-bucket 429s.
import { randomUUID } from 'node:crypto'
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import { cdnUrl } from './cdn'
import {
  accountsOf,
  chatPage,
  header,
  offsetPaging,
  routeChats,
  type RouteContext,
  sendJson,
} from './context'
import type { FakeAccount, FakeChat, FakeMedia } from './dataset'
import * as views from './onlyfans-views'

const provider = 'ofauth'

function ofauthError(ctx: RouteContext, status: number, type: string, error: string): true {
  const headers: Record<string, string> = {}
  if (status === 429) {
    const limits = ctx.faults.remaining(provider)
    headers['retry-after'] = String(ctx.faults.flags.retryAfterSeconds)
    headers['x-ratelimit-limit'] = String(limits.limit)
    headers['x-ratelimit-remaining'] = '0'
    headers['x-ratelimit-reset'] = String(Math.ceil(Date.now() / 1000) + ctx.faults.flags.retryAfterSeconds)
  }
  return sendJson(ctx, status, { error, type, requestId: `req_${randomUUID()}` }, headers)
}

function rateHeaders(ctx: RouteContext): Record<string, string> {
  const limits = ctx.faults.remaining(provider)
  return {
    'x-ratelimit-limit': String(limits.limit),
    'x-ratelimit-remaining': String(limits.remaining),
    'x-ratelimit-reset': String(Math.ceil(limits.resetAt / 1000)),
  }
}

function urlsFor(ctx: RouteContext): views.UrlFor {
  return (media: FakeMedia, kind: VariantKind, quality?: VideoQuality) =>
    cdnUrl(ctx, 'ofauth', media, kind, quality, { style: 'expires' })
}

export async function handleOfAuth(ctx: RouteContext): Promise<boolean> {
  const path = ctx.url.pathname
  if (!path.startsWith('/v2/')) return false
  if (header(ctx, 'apikey') !== ctx.keys.ofauth)
    return ofauthError(ctx, 401, 'UNAUTHORIZED', 'Invalid API key')
  if (ctx.faults.takeRateLimit(provider))
    return ofauthError(ctx, 429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded')
  if (path === '/v2/account/whoami') {
    return sendJson(ctx, 200, { id: 'org_fake_1', name: 'Fake organisation', permissions: ['messages:read'] })
  }
  if (path === '/v2/account/connections') return listConnections(ctx)
  if (!path.startsWith('/v2/access/')) return ofauthError(ctx, 404, 'ROUTE_NOT_FOUND', 'Route not found')
  const connectionId = header(ctx, 'x-connection-id')
  if (!connectionId) return ofauthError(ctx, 401, 'SESSION_NOT_PROVIDED', 'Missing x-connection-id header')
  const account = ctx.dataset.accountByConnection(connectionId)
  if (!account) return ofauthError(ctx, 401, 'SESSION_EXPIRED', 'Connection not found or expired')
  const parts = path.split('/').slice(3)
  const chatRoute = routeChats(parts, {
    chats: () => listChats(ctx, account),
    chat: (userId) => {
      if (!/^\d+$/.test(userId)) return ofauthError(ctx, 400, 'BAD_REQUEST', 'userId must be numeric')
      return (
        ctx.dataset.chat(account, userId) ?? ofauthError(ctx, 404, 'RESOURCE_NOT_FOUND', 'Chat not found')
      )
    },
    media: (chat) => listChatMedia(ctx, chat),
    messages: (chat) => listMessages(ctx, chat),
  })
  if (chatRoute) return chatRoute
  return ofauthError(ctx, 404, 'ROUTE_NOT_FOUND', 'Route not found')
}

function listConnections(ctx: RouteContext): true {
  const list = accountsOf(ctx, provider).map((a) => ({
    id: a.connectionId,
    status: 'active',
    userData: { id: a.userId, name: a.username, username: a.username, avatar: null },
    permissions: ['messages:read'],
    expiredAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    clientReferenceId: null,
    imported: false,
    lastCheckedAt: '2025-01-01T00:00:00.000Z',
  }))
  return sendJson(ctx, 200, { list, hasMore: false }, rateHeaders(ctx))
}

function listChats(ctx: RouteContext, account: FakeAccount): true {
  const paging = offsetPaging(ctx.url, 20, 10)
  if (!paging) return ofauthError(ctx, 400, 'BAD_REQUEST', 'limit must be between 1 and 20')
  const { limit, offset } = paging
  const { page, hasMore } = chatPage(account, offset, limit)
  const list = page.map((chat) => ({
    withUser: { id: Number(chat.fan.id), _view: 's' },
    ...views.chatListState(chat),
  }))
  return sendJson(
    ctx,
    200,
    { list, hasMore, ...(hasMore ? { nextOffset: offset + limit } : {}) },
    rateHeaders(ctx),
  )
}

function listChatMedia(ctx: RouteContext, chat: FakeChat): true {
  const paging = offsetPaging(ctx.url, 100, 10)
  const lastId = ctx.url.searchParams.get('last_id')
  const filter = views.parseTypeFilter(ctx.url.searchParams.get('type'))
  if (!paging || filter === 'invalid' || (lastId && !/^\d+$/.test(lastId))) {
    return ofauthError(ctx, 400, 'BAD_REQUEST', 'Invalid limit, offset, last_id or type')
  }
  const { limit, offset } = paging
  let messages = views.mediaMessages(ctx.dataset, chat.messages, filter)
  // last_id: messages older than the given id (ids grow with time).
  if (lastId) messages = messages.filter((m) => BigInt(m.id) < BigInt(lastId))
  else messages = messages.slice(offset)
  const page = messages.slice(0, limit)
  const hasMore = messages.length > limit
  const urlFor = urlsFor(ctx)
  return sendJson(
    ctx,
    200,
    {
      list: page.map((m) => views.renderOnlyFansMessage(ctx.dataset, m, urlFor, filter)),
      hasMore,
      ...(page.length > 0 ? { nextLastId: String(page.at(-1)?.id) } : {}),
    },
    rateHeaders(ctx),
  )
}

/**
 * Every message of a chat, newest first, at most 10 a page (the documented maximum), by offset or
 * `last_id`. The body is the SDK's `{list, hasMore}` without `nextLastId`, so clients page by offset.
 */
function listMessages(ctx: RouteContext, chat: FakeChat): true {
  const paging = offsetPaging(ctx.url, 10, 10)
  const lastId = ctx.url.searchParams.get('last_id')
  if (!paging || (lastId && !/^\d+$/.test(lastId))) {
    return ofauthError(ctx, 400, 'BAD_REQUEST', 'limit must be between 1 and 10')
  }
  const { limit, offset } = paging
  const messages = lastId
    ? views.messagesBefore(chat.messages, lastId)
    : views.messagesBefore(chat.messages, null).slice(offset)
  const page = messages.slice(0, limit)
  const urlFor = urlsFor(ctx)
  return sendJson(
    ctx,
    200,
    {
      list: page.map((m) => views.renderOnlyFansMessage(ctx.dataset, m, urlFor)),
      hasMore: messages.length > limit,
    },
    rateHeaders(ctx),
  )
}
