// The Fansly chat list (messaging groups) -> ProviderChats, and when to ask for the next page.
// The chat id is `groupId`; the fan is `partnerAccountId`, named in `aggregationData.accounts`.
import type { ProviderChat } from './types'
import type { FanslyChatsPage } from './fansly-schemas'
import { fanslyTimeToIso, isPlainObject } from './fansly-values'

export function toProviderChats(page: FanslyChatsPage): readonly ProviderChat[] {
  const accounts = new Map((page.aggregationData?.accounts ?? []).map((a) => [a.id, a]))
  const groups = new Map((page.aggregationData?.groups ?? []).map((g) => [g.id, g]))
  return page.data.map((chat): ProviderChat => {
    const partnerId = chat.partnerAccountId ?? null
    const partner = partnerId !== null ? accounts.get(partnerId) : undefined
    const group = groups.get(chat.groupId)
    return {
      id: chat.groupId,
      fanId: partnerId,
      fanUsername: chat.partnerUsername ?? partner?.username ?? null,
      fanName: partner?.displayName ?? null,
      lastMessageAt: fanslyTimeToIso(group?.lastMessage?.createdAt),
      lastMessageId: chat.lastMessageId || null,
      raw: chat,
    }
  })
}

/**
 * The next offset, or null. `hasMore` and `_pagination.next_page` are honoured when present
 * (third-party code reads both); otherwise a short page is the last one.
 */
export function nextChatsOffset(
  body: unknown,
  page: FanslyChatsPage,
  offset: number,
  limit: number,
): number | null {
  const count = page.data.length
  if (count === 0) return null
  if (typeof page.hasMore === 'boolean') return page.hasMore ? offset + count : null
  const pagination = isPlainObject(body) ? body['_pagination'] : undefined
  if (isPlainObject(pagination) && 'next_page' in pagination && pagination['next_page'] === null) return null
  return count < limit ? null : offset + count
}
