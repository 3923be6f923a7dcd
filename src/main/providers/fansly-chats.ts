// The Fansly chat list (messaging groups) -> ProviderChats, and when to ask for the next page.
// The chat id is `groupId`; the fan is `partnerAccountId`, named in `aggregationData.accounts`.
import type { ProviderChat } from './types'
import { SchemaDrift } from './errors'
import { type Located, parseOrDrift } from './fansly-envelope'
import {
  type FanslyChatsPage,
  fanslyAggregatedAccountSchema,
  fanslyAggregatedGroupSchema,
  fanslyChatSchema,
  fanslyChatsEnvelopeSchema,
} from './fansly-schemas'
import { fanslyTimeToIso, isPlainObject } from './fansly-values'

/**
 * Reads a located chat list entry by entry: a chat that cannot be read is a problem line (the
 * others are kept), an unreadable aggregated account or group only loses a name or a time.
 */
export function readChatsPage(located: Located): { page: FanslyChatsPage; problems: string[] } {
  const envelope = parseOrDrift(fanslyChatsEnvelopeSchema, located)
  const problems: string[] = []
  const each = <T>(
    key: readonly (string | number)[],
    list: readonly unknown[] | null | undefined,
    read: (l: Located) => T,
    report: boolean,
  ): T[] =>
    (list ?? []).flatMap((value, index) => {
      try {
        return [read({ value, path: [...located.path, ...key, index] })]
      } catch (error) {
        if (!(error instanceof SchemaDrift)) throw error
        if (report) problems.push(error.message)
        return []
      }
    })
  const aggregation = envelope.aggregationData
  const page: FanslyChatsPage = {
    data: each(['data'], envelope.data, (l) => parseOrDrift(fanslyChatSchema, l), true),
    accounts: each(
      ['aggregationData', 'accounts'],
      aggregation?.accounts,
      (l) => parseOrDrift(fanslyAggregatedAccountSchema, l),
      false,
    ),
    groups: each(
      ['aggregationData', 'groups'],
      aggregation?.groups,
      (l) => parseOrDrift(fanslyAggregatedGroupSchema, l),
      false,
    ),
    ...(envelope.hasMore !== undefined && { hasMore: envelope.hasMore }),
    listed: envelope.data.length,
  }
  return { page, problems }
}

export function toProviderChats(page: FanslyChatsPage): readonly ProviderChat[] {
  const accounts = new Map(page.accounts.map((a) => [a.id, a]))
  const groups = new Map(page.groups.map((g) => [g.id, g]))
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
  const count = page.listed
  if (count === 0) return null
  if (typeof page.hasMore === 'boolean') return page.hasMore ? offset + count : null
  const pagination = isPlainObject(body) ? body['_pagination'] : undefined
  if (isPlainObject(pagination) && 'next_page' in pagination && pagination['next_page'] === null) return null
  return count < limit ? null : offset + count
}
