// FansMetric / BuffMetrics public API: Bearer or X-API-Key, `{data, _pagination?, _meta}`,
// flat `{error}` bodies, 424 when the OnlyFans session is lost, CDN URLs passed through as-is.
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import { cdnUrl } from './cdn'
import {
  accountsOf,
  bearer,
  chatPage,
  header,
  intParam,
  offsetPaging,
  routeChats,
  type RouteContext,
  sendJson,
} from './context'
import type { FakeAccount, FakeChat, FakeMedia } from './dataset'
import * as views from './onlyfans-views'

const provider = 'fansmetric'

function meta(ctx: RouteContext): Record<string, unknown> {
  const limits = ctx.faults.remaining(provider)
  return {
    _credits: { used: 1 },
    _rate_limits: {
      limit_minute: limits.limit,
      remaining_minute: limits.remaining,
      limit_day: 50_000,
      remaining_day: 49_000,
    },
  }
}

function fmError(ctx: RouteContext, status: number, error: string): true {
  const headers: Record<string, string> =
    status === 429 ? { 'retry-after': String(ctx.faults.flags.retryAfterSeconds) } : {}
  return sendJson(ctx, status, { error }, headers)
}

function urlsFor(ctx: RouteContext): views.UrlFor {
  return (media: FakeMedia, kind: VariantKind, quality?: VideoQuality) =>
    cdnUrl(ctx, 'onlyfans', media, kind, quality, { style: 'expires', leading: { Tag: '2', u: '0' } })
}

export async function handleFansMetric(ctx: RouteContext): Promise<boolean> {
  const path = ctx.url.pathname
  if (path === '/health') return sendJson(ctx, 200, { status: 'ok' })
  if (!path.startsWith('/v1/')) return false
  const key = bearer(ctx) ?? header(ctx, 'x-api-key')
  if (key !== ctx.keys.fansmetric) return fmError(ctx, 401, 'Invalid or missing API key')
  if (ctx.faults.takeRateLimit(provider)) return fmError(ctx, 429, 'Rate limit exceeded')
  if (path === '/v1/accounts') {
    const data = accountsOf(ctx, provider).map((a) => ({
      id: a.id,
      onlyfans_id: Number(a.userId),
      username: a.username,
      status: a.syncLost ? 'sync_lost' : 'active',
    }))
    return sendJson(ctx, 200, { data, _meta: meta(ctx) })
  }
  const parts = path.split('/').slice(2)
  const account = ctx.dataset.account(provider, decodeURIComponent(parts[0] ?? ''))
  if (!account) return fmError(ctx, 404, 'Account not found')
  if (account.syncLost)
    return fmError(ctx, 424, 'OnlyFans account is sync_lost; reconnect it in the dashboard')
  const rest = parts.slice(1)
  const chatRoute = routeChats(rest, {
    chats: () => listChats(ctx, account),
    chat: (chatId) => ctx.dataset.chat(account, chatId) ?? fmError(ctx, 404, 'Chat not found'),
    media: (chat) => listChatMedia(ctx, chat),
    messages: (chat) => listMessages(ctx, chat),
  })
  if (chatRoute) return chatRoute
  return fmError(ctx, 404, 'Not found')
}

function listChats(ctx: RouteContext, account: FakeAccount): true {
  const paging = offsetPaging(ctx.url, 100, 10)
  if (!paging) return fmError(ctx, 400, 'limit must be between 1 and 100')
  const { limit, offset } = paging
  const { page, hasMore } = chatPage(account, offset, limit)
  const list = page.map((chat) => ({
    withUser: { id: Number(chat.fan.id), _view: 's', username: chat.fan.username, name: chat.fan.name },
    ...views.chatListState(chat),
    hasUnreadTips: false,
    isMutedNotifications: false,
    hasPurchasedFeed: false,
    countPinnedMessages: 0,
  }))
  const body: Record<string, unknown> = { data: { list, hasMore } }
  if (hasMore)
    body['_pagination'] = { next_page: `${ctx.url.pathname}?limit=${limit}&offset=${offset + limit}` }
  body['_meta'] = meta(ctx)
  return sendJson(ctx, 200, body)
}

function listChatMedia(ctx: RouteContext, chat: FakeChat): true {
  const limit = intParam(ctx.url, 'limit', 1, 50) ?? 15
  const lastId = ctx.url.searchParams.get('last_id')
  const filter = views.parseTypeFilter(ctx.url.searchParams.get('type'))
  if (Number.isNaN(limit) || filter === 'invalid' || (lastId && !/^\d+$/.test(lastId))) {
    return fmError(ctx, 400, 'Invalid limit, last_id or type')
  }
  let messages = views.mediaMessages(ctx.dataset, chat.messages, filter)
  if (lastId) messages = messages.filter((m) => BigInt(m.id) < BigInt(lastId))
  const page = messages.slice(0, limit)
  const hasMore = messages.length > limit
  const nextLastId = page.length > 0 ? String(page.at(-1)?.id) : null
  const urlFor = urlsFor(ctx)
  const body: Record<string, unknown> = {
    data: {
      list: page.map((m) => views.renderOnlyFansMessage(ctx.dataset, m, urlFor, filter)),
      hasMore,
      nextLastId,
    },
  }
  if (hasMore) body['_pagination'] = { next_page: `${ctx.url.pathname}?limit=${limit}&last_id=${nextLastId}` }
  body['_meta'] = meta(ctx)
  return sendJson(ctx, 200, body)
}

/**
 * Every message of a chat, newest first, by the `id` cursor (the last message's id); `next_page`
 * carries `&id=` and is left out on the last page. Replies name the answered message by id.
 */
function listMessages(ctx: RouteContext, chat: FakeChat): true {
  const limit = intParam(ctx.url, 'limit', 1, 100) ?? 10
  const id = ctx.url.searchParams.get('id')
  const order = ctx.url.searchParams.get('order') ?? 'desc'
  if (Number.isNaN(limit) || (id && !/^\d+$/.test(id)) || order !== 'desc') {
    return fmError(ctx, 400, 'Invalid limit or id (the fake pages desc only)')
  }
  const messages = views.messagesBefore(chat.messages, id || null)
  const page = messages.slice(0, limit)
  const hasMore = messages.length > limit
  const urlFor = urlsFor(ctx)
  const list = page.map((m) => views.renderOnlyFansMessage(ctx.dataset, m, urlFor, null, { replyAsId: true }))
  const body: Record<string, unknown> = { data: { list, hasMore } }
  if (hasMore)
    body['_pagination'] = {
      next_page: `${ctx.url.pathname}?limit=${limit}&order=desc&id=${page.at(-1)?.id ?? ''}`,
    }
  body['_meta'] = meta(ctx)
  return sendJson(ctx, 200, body)
}
