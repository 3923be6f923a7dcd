// OnlyFansAPI's Fansly side (closed beta), as docs.onlyfansapi.com/api-reference/fansly shows it:
// Fansly JSON passed through unchanged under `data`, snowflake string ids, chats by limit/offset,
// messages newest first with the `before` cursor, `/account-media/{ids}` answering
// `{success, response}` at the top level (one credit per call, however many ids), and
// `/media/download/{cdnUrl}` answering 302. Some accountMedia are left out of message pages on
// purpose (see fansly-views), so clients must batch-fetch them.
import { bearer, chatPage, intParam, type RouteContext, sendJson } from './context'
import type { FakeAccount, FakeChat, FakeMedia } from './dataset'
import {
  omittedFromPage,
  renderBundle,
  renderMessage,
  renderTips,
  sentAsBundle,
} from './fansly-message-views'
import { renderAccountMedia } from './fansly-views'
import { download, onlyFansApiError, onlyFansApiHeaders, onlyFansApiMeta } from './onlyfansapi-routes'

const provider = 'onlyfansapi-fansly'
/** Ids per `/account-media/{ids}` call before the fake refuses (the docs give no limit). */
export const maxAccountMediaIds = 100

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
  if (!account || account.provider !== provider) {
    return onlyFansApiError(ctx, 404, 'ACCOUNT_NOT_FOUND', 'Account not found.')
  }
  const rest = parts.slice(1)
  if (rest[0] === 'media' && rest[1] === 'download') return download(ctx, account, 'fansly')
  if (rest[0] === 'chats' && rest.length === 1) return listChats(ctx, account)
  const chat = rest[0] === 'chats' ? ctx.dataset.chat(account, decodeURIComponent(rest[1] ?? '')) : undefined
  if (rest[0] === 'chats' && !chat) return onlyFansApiError(ctx, 404, 'NOT_FOUND', 'Chat not found.')
  if (chat && rest.length === 2) return showChat(ctx, account, chat)
  if (chat && rest.length === 3 && rest[2] === 'messages') return listMessages(ctx, account, chat)
  if (rest[0] === 'account-media' && rest.length === 2) return accountMedia(ctx, account, rest[1] ?? '')
  return onlyFansApiError(ctx, 404, 'NOT_FOUND', 'Route not found.')
}

function ok(ctx: RouteContext, body: Record<string, unknown>): true {
  return sendJson(
    ctx,
    200,
    { ...body, _meta: onlyFansApiMeta(ctx, provider) },
    onlyFansApiHeaders(ctx, provider),
  )
}

/** Bare array, no envelope (the shape a third-party fixture shows). */
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

function chatRow(account: FakeAccount, chat: FakeChat): Record<string, unknown> {
  return {
    // Snake case next to camelCase, as in the recorded group.
    account_id: account.userId,
    groupId: chat.id,
    partnerAccountId: chat.fan.id,
    partnerUsername: chat.fan.username,
    flags: 0,
    unreadCount: 0,
    subscriptionTierId: null,
    lastMessageId: chat.messages.at(-1)?.id ?? null,
    lastUnreadMessageId: null,
  }
}

function groupRow(account: FakeAccount, chat: FakeChat): Record<string, unknown> {
  const last = chat.messages.at(-1)
  return {
    id: chat.id,
    type: 1,
    users: [
      { userId: account.userId, permissionFlags: 0 },
      { userId: chat.fan.id, permissionFlags: 0 },
    ],
    lastMessage: last ? renderMessage(last) : null,
  }
}

function fanRow(chat: FakeChat): Record<string, unknown> {
  return {
    id: chat.fan.id,
    username: chat.fan.username,
    displayName: chat.fan.name,
    avatar: { locations: [] },
  }
}

/** `data: {data: [...], aggregationData: {accounts, groups}}`; no hasMore (the docs show none). */
function listChats(ctx: RouteContext, account: FakeAccount): true {
  const limit = intParam(ctx.url, 'limit', 1, 100) ?? 20
  const offset = intParam(ctx.url, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0
  if (Number.isNaN(limit) || Number.isNaN(offset)) {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'The limit must be between 1 and 100.')
  }
  const { page } = chatPage(account, offset, limit)
  return ok(ctx, {
    data: {
      data: page.map((chat) => chatRow(account, chat)),
      aggregationData: { accounts: page.map(fanRow), groups: page.map((chat) => groupRow(account, chat)) },
    },
  })
}

function showChat(ctx: RouteContext, account: FakeAccount, chat: FakeChat): true {
  return ok(ctx, { data: { ...groupRow(account, chat), ...chatRow(account, chat) } })
}

function listMessages(ctx: RouteContext, account: FakeAccount, chat: FakeChat): true {
  const limit = intParam(ctx.url, 'limit', 1, 100) ?? 25
  const before = ctx.url.searchParams.get('before')
  if (Number.isNaN(limit) || (before !== null && before !== '' && !/^\d+$/.test(before))) {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', 'Invalid limit or before.')
  }
  let messages = [...chat.messages].reverse()
  if (before) messages = messages.filter((m) => BigInt(m.id) < BigInt(before))
  const page = messages.slice(0, limit)
  const mediaOf = (ids: readonly string[]): FakeMedia[] =>
    ids.map((id) => ctx.dataset.media(id)).filter((m): m is FakeMedia => m !== undefined)
  const pageMedia = new Map<string, FakeMedia>()
  for (const message of page) for (const media of mediaOf(message.mediaIds)) pageMedia.set(media.id, media)
  return ok(ctx, {
    data: {
      messages: page.map(renderMessage),
      accountMedia: [...pageMedia.values()]
        .filter((m) => !omittedFromPage(m, Boolean(before)))
        .map((m) => renderAccountMedia(ctx, account, m)),
      accountMediaBundles: page
        .filter(sentAsBundle)
        .map((message) => renderBundle(account, message, mediaOf(message.mediaIds))),
      tips: renderTips(page),
      tipGoals: [],
      accountMediaOrders: [],
      stories: [],
      storyOrders: [],
    },
  })
}

/** `{success, response}` at the top level beside `_meta`, not under `data`; unknown ids absent. */
function accountMedia(ctx: RouteContext, account: FakeAccount, idList: string): true {
  const ids = decodeURIComponent(idList)
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
  if (ids.length === 0 || ids.length > maxAccountMediaIds || ids.some((id) => !/^\d+$/.test(id))) {
    return onlyFansApiError(ctx, 422, 'VALIDATION_ERROR', `Pass 1 to ${maxAccountMediaIds} numeric ids.`)
  }
  for (const id of ids) ctx.dataset.notePoll(id)
  const response = ids
    .map((id) => ctx.dataset.media(id))
    // A withheld item is not returned here either, so clients must say it is missing.
    .filter((m): m is FakeMedia => m !== undefined && m.provider === provider && m.fault !== 'withheld')
    .map((m) => renderAccountMedia(ctx, account, m))
  return ok(ctx, { success: true, response })
}
