// OnlyFansAPI's Fansly side (closed beta): Fansly JSON passed through under `data`, snowflake
// string ids, `before` cursor for messages, `/account-media/{ids}` batches, CloudFront Policy URLs.
// A working starting point; the Fansly adapter's engineer refines it.
import type { RouteContext } from './context'
import { bearer, intParam, sendJson } from './context'
import { cdnUrl } from './cdn'
import type { FakeAccount, FakeMedia, FakeMessage } from './dataset'
import { download, onlyFansApiError, onlyFansApiHeaders, onlyFansApiMeta } from './onlyfansapi-routes'

const provider = 'onlyfansapi-fansly'
const seconds = (ms: number): number => Math.floor(ms / 1000)

export async function handleFansly(ctx: RouteContext): Promise<boolean> {
  const path = ctx.url.pathname
  if (!path.startsWith('/api/fansly/')) return false
  if (bearer(ctx) !== ctx.keys[provider]) {
    return onlyFansApiError(ctx, 401, 'UNAUTHENTICATED', 'Unauthenticated. Check your API key.')
  }
  if (ctx.faults.takeRateLimit(provider)) {
    return onlyFansApiError(ctx, 429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded. Please slow down.')
  }
  const parts = path.split('/').slice(3)
  if (parts[0] === 'accounts' && parts.length === 1) return listAccounts(ctx)
  const account = ctx.dataset.account(provider, decodeURIComponent(parts[0] ?? ''))
  if (!account) return onlyFansApiError(ctx, 404, 'ACCOUNT_NOT_FOUND', 'Account not found.')
  const rest = parts.slice(1)
  if (rest[0] === 'media' && rest[1] === 'download') return download(ctx, account, 'fansly')
  if (rest[0] === 'chats' && rest.length === 1) return listChats(ctx, account)
  if (rest[0] === 'chats' && rest.length === 3 && rest[2] === 'messages') {
    return listMessages(ctx, account, decodeURIComponent(rest[1] ?? ''))
  }
  if (rest[0] === 'account-media' && rest.length === 2) return accountMedia(ctx, account, rest[1] ?? '')
  return onlyFansApiError(ctx, 404, 'NOT_FOUND', 'Route not found.')
}

function listAccounts(ctx: RouteContext): true {
  const accounts = ctx.dataset.accounts
    .filter((a) => a.provider === provider)
    .map((a) => ({
      id: a.id,
      display_name: a.username,
      fansly_id: a.userId,
      fansly_username: a.username,
      is_authenticated: true,
      authentication_progress: 'authenticated',
    }))
  return sendJson(ctx, 200, accounts, onlyFansApiHeaders(ctx, provider))
}

function listChats(ctx: RouteContext, account: FakeAccount): true {
  const limit = intParam(ctx.url, 'limit', 1, 100) ?? 20
  const offset = intParam(ctx.url, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0
  if (Number.isNaN(limit) || Number.isNaN(offset)) {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'The limit must be between 1 and 100.')
  }
  const chats = [...account.chats].sort(
    (a, b) => (b.messages.at(-1)?.createdAt ?? 0) - (a.messages.at(-1)?.createdAt ?? 0),
  )
  const page = chats.slice(offset, offset + limit)
  const hasMore = offset + limit < chats.length
  const data = {
    data: page.map((chat) => ({
      account_id: account.userId,
      groupId: chat.id,
      partnerAccountId: chat.fan.id,
      partnerUsername: chat.fan.username,
      flags: 0,
      unreadCount: 0,
      subscriptionTierId: null,
      lastMessageId: chat.messages.at(-1)?.id ?? null,
      lastUnreadMessageId: null,
    })),
    aggregationData: {
      accounts: page.map((chat) => ({
        id: chat.fan.id,
        username: chat.fan.username,
        displayName: chat.fan.name,
        avatar: { locations: [] },
      })),
      groups: page.map((chat) => ({
        id: chat.id,
        type: 1,
        users: [
          { userId: account.userId, permissionFlags: 0 },
          { userId: chat.fan.id, permissionFlags: 0 },
        ],
        lastMessage: chat.messages.at(-1) ? renderMessage(ctx, chat.messages.at(-1) as FakeMessage) : null,
      })),
    },
    hasMore,
  }
  const next = new URL(ctx.url.pathname, 'https://app.onlyfansapi.com')
  next.searchParams.set('limit', String(limit))
  next.searchParams.set('offset', String(offset + limit))
  return sendJson(
    ctx,
    200,
    { data, _pagination: { next_page: hasMore ? next.href : null }, _meta: onlyFansApiMeta(ctx, provider) },
    onlyFansApiHeaders(ctx, provider),
  )
}

function listMessages(ctx: RouteContext, account: FakeAccount, groupId: string): true {
  const chat = ctx.dataset.chat(account, groupId)
  if (!chat) return onlyFansApiError(ctx, 404, 'NOT_FOUND', 'Chat not found.')
  const limit = intParam(ctx.url, 'limit', 1, 100) ?? 25
  const before = ctx.url.searchParams.get('before')
  if (Number.isNaN(limit) || (before && !/^\d+$/.test(before))) {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'Invalid limit or before.')
  }
  let messages = [...chat.messages].reverse()
  if (before) messages = messages.filter((m) => BigInt(m.id) < BigInt(before))
  const page = messages.slice(0, limit)
  const mediaIds = [...new Set(page.flatMap((m) => m.mediaIds))]
  const data = {
    messages: page.map((m) => renderMessage(ctx, m)),
    accountMedia: mediaIds.map((id) => renderAccountMedia(ctx, account, ctx.dataset.media(id) as FakeMedia)),
    accountMediaBundles: [],
    tips: [],
    tipGoals: [],
    accountMediaOrders: [],
    stories: [],
    storyOrders: [],
  }
  return sendJson(
    ctx,
    200,
    { data, _meta: onlyFansApiMeta(ctx, provider) },
    onlyFansApiHeaders(ctx, provider),
  )
}

function accountMedia(ctx: RouteContext, account: FakeAccount, idList: string): true {
  const ids = decodeURIComponent(idList)
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  const response = ids
    .map((id) => ctx.dataset.media(id))
    .filter((m): m is FakeMedia => m !== undefined && m.provider === provider)
    .map((m) => renderAccountMedia(ctx, account, m))
  return sendJson(
    ctx,
    200,
    { success: true, response, _meta: onlyFansApiMeta(ctx, provider) },
    onlyFansApiHeaders(ctx, provider),
  )
}

function renderMessage(ctx: RouteContext, message: FakeMessage): Record<string, unknown> {
  void ctx
  return {
    id: message.id,
    type: 1,
    dataVersion: 1,
    content: message.text,
    groupId: message.chatId,
    senderId: message.senderId,
    correlationId: '0',
    inReplyTo: null,
    inReplyToRoot: null,
    createdAt: seconds(message.createdAt),
    attachments: message.mediaIds.map((id, pos) => ({
      messageId: message.id,
      contentType: 1,
      contentId: id,
      pos,
    })),
    embeds: [],
    interactions: [],
    likes: [],
    totalTipAmount: 0,
  }
}

function renderAccountMedia(
  ctx: RouteContext,
  account: FakeAccount,
  media: FakeMedia,
): Record<string, unknown> {
  const access = media.state !== 'locked'
  const ready = media.state !== 'not_ready'
  const ext = media.type === 'photo' ? 'png' : media.type === 'video' ? 'mp4' : 'mp3'
  const mimetype = media.type === 'photo' ? 'image/png' : media.type === 'video' ? 'video/mp4' : 'audio/mpeg'
  const sign = { style: 'policy' } as const
  const full =
    access && ready && media.state === 'ok' ? cdnUrl(ctx, 'fansly', media, 'full', undefined, sign) : null
  const thumbUrl =
    ready && media.type !== 'audio' ? cdnUrl(ctx, 'fansly', media, 'thumb', undefined, sign) : null
  const typeCode = media.type === 'photo' ? 1 : media.type === 'video' ? 2 : 3
  const body = {
    id: media.id,
    type: typeCode,
    status: ready ? 1 : 2,
    accountId: account.userId,
    mimetype,
    flags: 0,
    location: `/${account.userId}/${media.id}.${ext}`,
    width: media.width,
    height: media.height,
    metadata: JSON.stringify(
      media.type === 'photo' ? { resolutionMode: 1 } : { duration: media.durationSec },
    ),
    updatedAt: seconds(media.createdAt),
    createdAt: seconds(media.createdAt),
    variants: thumbUrl
      ? [
          {
            id: `${media.id}1`,
            type: 1,
            status: 1,
            mimetype: 'image/png',
            flags: 0,
            location: `/${account.userId}/${media.id}_thumb.png`,
            width: 32,
            height: 32,
            metadata: '{"resolutionMode":1}',
            updatedAt: seconds(media.createdAt),
            locations: [{ locationId: '1', location: thumbUrl }],
          },
        ]
      : [],
    variantHash: {},
    locations: full ? [{ locationId: '1', location: full }] : [],
  }
  const preview =
    !access && thumbUrl
      ? {
          ...body,
          id: `${media.id}9`,
          type: 1,
          mimetype: 'image/png',
          variants: [],
          locations: [
            { locationId: '1', location: cdnUrl(ctx, 'fansly', media, 'preview', undefined, sign) },
          ],
        }
      : null
  return {
    id: media.id,
    accountId: account.userId,
    mediaId: media.id,
    previewId: preview ? preview.id : null,
    permissionFlags: 0,
    price: media.price !== null ? Math.round(media.price * 1000) : 0,
    createdAt: seconds(media.createdAt),
    deletedAt: null,
    deleted: false,
    permissions: {
      permissionFlags: [
        {
          id: `${media.id}5`,
          accountMediaId: media.id,
          type: 0,
          flags: access ? 2 : 0,
          price: media.price !== null ? Math.round(media.price * 1000) : 0,
          metadata: '',
          validAfter: null,
          validBefore: null,
          verificationFlags: 2,
          verificationMetadata: '{}',
        },
      ],
      accountPermissionFlags: { flags: 0, metadata: '{}' },
    },
    media: body,
    ...(preview ? { preview } : {}),
    likeCount: 0,
    purchased: false,
    whitelisted: false,
    accountPermissionFlags: 0,
    access,
  }
}
