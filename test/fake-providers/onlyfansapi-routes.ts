// OnlyFansAPI.com (OnlyFans side): Bearer auth, `{data, _pagination, _meta}` envelope, offset
// paging, IP-bound CDN URLs that only work through /media/download/{cdnUrl} (302 + Range).
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import { cdnPrefixes, cdnUrl } from './cdn'
import {
  accountsOf,
  bearer,
  chatPage,
  intParam,
  offsetPaging,
  routeChats,
  type RouteContext,
  sendJson,
} from './context'
import type { FakeAccount, FakeChat, FakeMedia } from './dataset'
import * as views from './onlyfans-views'
import { inventedMessages, runawayCursor } from './runaway'
import { signUrl, type Verdict, verifyUrl } from './signing'

export const vendorIp = '203.0.113.23/32'
const provider = 'onlyfansapi'

export function onlyFansApiMeta(ctx: RouteContext, key: string, credits = 1): Record<string, unknown> {
  const limits = ctx.faults.remaining(key)
  return {
    _credits: { used: credits, balance: 999_000, note: 'Always' },
    _cache: { is_cached: false, note: 'Cache disabled for this endpoint' },
    _rate_limits: {
      limit_minute: limits.limit,
      limit_day: null,
      remaining_minute: limits.remaining,
      remaining_day: null,
    },
  }
}

export function onlyFansApiHeaders(ctx: RouteContext, key: string, credits = 1): Record<string, string> {
  const limits = ctx.faults.remaining(key)
  return {
    'x-ofapi-credits-used': String(credits),
    'x-ofapi-credits-balance': '999000',
    'x-ofapi-is-cached': 'false',
    'x-rate-limit-limit-minute': String(limits.limit),
    'x-rate-limit-remaining-minute': String(limits.remaining),
  }
}

/** The 401/429/404/422 bodies OnlyFansAPI sends (`{error, message}`). */
export function onlyFansApiError(ctx: RouteContext, status: number, error: string, message: string): true {
  const headers: Record<string, string> =
    status === 429
      ? { 'retry-after': String(ctx.faults.flags.retryAfterSeconds), ...onlyFansApiHeaders(ctx, provider, 0) }
      : {}
  return sendJson(ctx, status, { error, message }, headers)
}

function urlsFor(ctx: RouteContext, account: FakeAccount): views.UrlFor {
  return (media: FakeMedia, kind: VariantKind, quality?: VideoQuality) =>
    cdnUrl(ctx, 'onlyfans', media, kind, quality, {
      style: 'policy',
      sourceIp: vendorIp,
      leading: { Tag: '2', u: account.userId },
    })
}

export async function handleOnlyFansApi(ctx: RouteContext): Promise<boolean> {
  const path = ctx.url.pathname
  if (!path.startsWith('/api/') || path.startsWith('/api/fansly/')) return false
  if (bearer(ctx) !== ctx.keys.onlyfansapi) {
    return onlyFansApiError(ctx, 401, 'UNAUTHENTICATED', 'Unauthenticated. Check your API key.')
  }
  if (ctx.faults.takeRateLimit(provider)) {
    return onlyFansApiError(ctx, 429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded. Please slow down.')
  }
  if (path === '/api/accounts') return listAccounts(ctx)
  const parts = path.split('/')
  const account = ctx.dataset.account(provider, decodeURIComponent(parts[2] ?? ''))
  if (!account) return onlyFansApiError(ctx, 404, 'ACCOUNT_NOT_FOUND', 'Account not found.')
  const rest = parts.slice(3)
  if (rest[0] === 'media' && rest[1] === 'download') return download(ctx, account)
  const chatRoute = routeChats(rest, {
    chats: () => listChats(ctx, account),
    chat: (chatId) =>
      ctx.dataset.chat(account, chatId) ??
      onlyFansApiError(ctx, 404, 'ONLYFANS_COM_ERROR', 'Chat not found.'),
    media: (chat) => listChatMedia(ctx, account, chat),
    messages: (chat) => listMessages(ctx, account, chat),
  })
  if (chatRoute) return chatRoute
  return onlyFansApiError(ctx, 404, 'NOT_FOUND', 'Route not found.')
}

/** The `_pagination.next_page` URL of an offset-paged list: the same path, one page on. */
function nextOffsetPage(ctx: RouteContext, limit: number, offset: number): string {
  const next = new URL(ctx.url.pathname, 'https://app.onlyfansapi.com')
  next.searchParams.set('limit', String(limit))
  next.searchParams.set('offset', String(offset + limit))
  return next.href
}

function listAccounts(ctx: RouteContext): true {
  const accounts = accountsOf(ctx, provider).map((a) => ({
    id: a.id,
    display_name: a.username,
    onlyfans_id: Number(a.userId),
    onlyfans_username: a.username,
    onlyfans_email: `${a.username}@example.test`,
    is_authenticated: true,
    authentication_progress: 'authenticated',
    onlyfans_user_data: { id: Number(a.userId), username: a.username },
  }))
  return sendJson(ctx, 200, accounts, onlyFansApiHeaders(ctx, provider))
}

function listChats(ctx: RouteContext, account: FakeAccount): true {
  const paging = offsetPaging(ctx.url, 100, 10)
  if (!paging) return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'The limit must be between 1 and 100.')
  const { limit, offset } = paging
  const { page, hasMore } = chatPage(account, offset, limit)
  const data = page.map((chat) => ({
    fan: {
      id: Number(chat.fan.id),
      username: chat.fan.username,
      name: chat.fan.name,
      avatar: null,
      _view: 's',
    },
    ...views.chatListState(chat),
  }))
  const next = nextOffsetPage(ctx, limit, offset)
  return sendJson(
    ctx,
    200,
    { data, _pagination: { next_page: hasMore ? next : null }, _meta: onlyFansApiMeta(ctx, provider) },
    onlyFansApiHeaders(ctx, provider),
  )
}

function listChatMedia(ctx: RouteContext, account: FakeAccount, chat: FakeChat): true {
  const paging = offsetPaging(ctx.url, 100, 20)
  const filter = views.parseTypeFilter(ctx.url.searchParams.get('type'))
  if (!paging || filter === 'invalid') {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'Invalid limit, offset or type.')
  }
  const { limit, offset } = paging
  const runaway = ctx.faults.flags.runawayPaging
  const messages =
    runaway === 'fresh'
      ? inventedMessages(chat, limit)
      : views.mediaMessages(ctx.dataset, chat.messages, filter)
  // A runaway provider serves its first page again and again, each time under a new offset.
  const start = runaway === null ? offset : 0
  const page = messages.slice(start, start + limit)
  const hasMore = runaway !== null || offset + limit < messages.length
  const urlFor = urlsFor(ctx, account)
  const next = nextOffsetPage(ctx, limit, offset)
  return sendJson(
    ctx,
    200,
    {
      data: {
        list: page.map((m) => views.renderOnlyFansMessage(ctx.dataset, m, urlFor, filter)),
        hasMore,
        nextLastId: page.length > 0 ? String(page.at(-1)?.id) : null,
      },
      _pagination: { next_page: hasMore ? next : null },
      _meta: onlyFansApiMeta(ctx, provider),
    },
    onlyFansApiHeaders(ctx, provider),
  )
}

/**
 * Every message of a chat, newest first, by the `id` cursor (older than that message). The
 * envelope is the documented `data: {list, hasMore}` or the SDK's flat `data: [...]` with
 * `_pagination.next_page` (see FaultFlags.messagesShape); the flat one also says `isSentByMe`.
 */
function listMessages(ctx: RouteContext, account: FakeAccount, chat: FakeChat): true {
  const limit = intParam(ctx.url, 'limit', 1, 100) ?? 10
  const id = ctx.url.searchParams.get('id')
  const order = ctx.url.searchParams.get('order') ?? 'desc'
  if (Number.isNaN(limit) || (id !== null && !/^\d+$/.test(id)) || order !== 'desc') {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'Invalid limit or id (the fake pages desc only).')
  }
  const runaway = ctx.faults.flags.runawayPaging
  const messages =
    runaway === 'fresh'
      ? inventedMessages(chat, limit)
      : views.messagesBefore(chat.messages, runaway === 'repeat' ? null : id)
  const page = messages.slice(0, limit)
  const hasMore = runaway !== null || messages.length > limit
  const shape =
    ctx.faults.flags.messagesShape === 'alternate'
      ? account.chats.indexOf(chat) % 2 === 0
        ? 'list'
        : 'flat'
      : ctx.faults.flags.messagesShape
  const urlFor = urlsFor(ctx, account)
  const list = page.map((m) =>
    views.renderOnlyFansMessage(
      ctx.dataset,
      m,
      urlFor,
      null,
      shape === 'flat' ? { sentByMe: account.userId } : {},
    ),
  )
  const meta = { _meta: onlyFansApiMeta(ctx, provider) }
  if (shape === 'list')
    return sendJson(ctx, 200, { data: { list, hasMore }, ...meta }, onlyFansApiHeaders(ctx, provider))
  const next = new URL(ctx.url.pathname, 'https://app.onlyfansapi.com')
  next.searchParams.set('limit', String(limit))
  next.searchParams.set('order', 'desc')
  next.searchParams.set('id', runaway === 'repeat' ? runawayCursor() : (page.at(-1)?.id ?? '0'))
  return sendJson(
    ctx,
    200,
    { data: list, _pagination: { next_page: hasMore ? next.href : null }, ...meta },
    onlyFansApiHeaders(ctx, provider),
  )
}

/**
 * `/api/{account}/media/download/{cdnUrl}`: checks the embedded OnlyFans URL (signature and
 * expiry, not the IP: the vendor fetches it from its own address) and answers 302 to a presigned
 * cache URL, like cdn.fansapi.com. Charges 3 credits per started MB.
 */
export function download(
  ctx: RouteContext,
  account: FakeAccount,
  cdn: 'onlyfans' | 'fansly' = 'onlyfans',
): true {
  const raw = ctx.req.url ?? ''
  const marker = '/media/download/'
  let inner = raw.slice(raw.indexOf(marker) + marker.length)
  if (/^https?%3A/i.test(inner)) inner = decodeURIComponent(inner)
  inner = inner.replace(/^(https?):\/(?!\/)/i, '$1://')
  let innerUrl: URL
  try {
    innerUrl = new URL(inner)
  } catch {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'The cdn url is not a valid URL.')
  }
  const prefix = cdnPrefixes[cdn]
  if (innerUrl.origin !== ctx.origin || !innerUrl.pathname.startsWith(prefix)) {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'Only OnlyFans CDN URLs can be downloaded.')
  }
  // The vendor's own IP satisfies the IpAddress condition.
  const verdict = verifyAsVendor(ctx, innerUrl)
  if (verdict === 'expired')
    return onlyFansApiError(ctx, 403, 'MEDIA_URL_EXPIRED', 'The CDN URL has expired.')
  if (verdict !== 'ok') return onlyFansApiError(ctx, 403, 'FORBIDDEN', 'The CDN refused this URL.')
  const fileName = innerUrl.pathname.slice(prefix.length).split('/').slice(-2).join('/')
  const mediaId = fileName.split('/')[0] ?? ''
  const media = ctx.dataset.media(mediaId)
  if (!media || account.provider !== media.provider)
    return onlyFansApiError(ctx, 404, 'NOT_FOUND', 'Media not found.')
  const location = signUrl(ctx.secret, ctx.origin, `${cdnPrefixes.fansapi}${fileName}`, {
    style: 'amz',
    ttlSeconds: Math.min(3600, ctx.faults.flags.urlTtlSeconds),
  })
  const credits = 3 * Math.max(1, Math.ceil(ctx.dataset.expectedSize(mediaId) / 1_000_000))
  ctx.res.writeHead(302, {
    location,
    ...onlyFansApiHeaders(ctx, account.provider, credits),
    'content-length': '0',
  })
  ctx.res.end()
  return true
}

function verifyAsVendor(ctx: RouteContext, url: URL): Verdict {
  return verifyUrl(ctx.secret, url, vendorIp.split('/')[0] ?? '')
}
