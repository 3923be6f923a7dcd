// The OnlyFans chat message (the item of a chat-media page), shared by OnlyFansAPI, OFAuth and
// FansMetric: all three pass OnlyFans' own JSON through, wrapped differently.
import { z } from 'zod'
import type { ProviderId } from '../../shared/domain'
import { SchemaDrift } from './errors'
import { htmlToText } from './html-text'
import { normalizeOnlyFansMedia } from './onlyfans-media'
import { idSchema, looseBoolean, looseNumberSchema, looseStringSchema, parseOrDrift } from './parse'
import type { ProviderChat, ProviderMessage } from './types'

export const ofMessageSchema = z.looseObject({
  id: idSchema,
  text: looseStringSchema.optional(),
  price: looseNumberSchema.optional(),
  isFree: z.boolean().optional(),
  createdAt: looseStringSchema.optional(),
  changedAt: looseStringSchema.optional(),
  fromUser: z.looseObject({ id: idSchema }).nullish(),
  media: z.array(z.unknown()),
})

/** Normalises one message; the fan's user id tells creator messages from fan messages. */
export function normalizeOnlyFansMessage(
  provider: ProviderId,
  value: unknown,
  chatId: string,
  path: string,
): ProviderMessage {
  const message = parseOrDrift(provider, ofMessageSchema, value, path)
  const createdAt = message.createdAt ?? message.changedAt
  if (!createdAt) throw new SchemaDrift(provider, `${path}.createdAt`, 'missing message date')
  const senderId = message.fromUser?.id ?? null
  const price = message.price ?? null
  return {
    id: message.id,
    chatId,
    text: htmlToText(message.text),
    price: price !== null && price > 0 ? price : null,
    isFree: message.isFree ?? !(price !== null && price > 0),
    fromCreator: senderId !== null ? senderId !== chatId : true,
    senderId,
    createdAt,
    media: message.media.map((media, index) =>
      normalizeOnlyFansMedia(provider, media, `${path}.media[${index}]`),
    ),
    raw: value,
  }
}

/** A chat partner as OnlyFans describes them: `withUser` (OFAuth, FansMetric) or `fan` (OnlyFansAPI). */
export const ofChatUserSchema = z.looseObject({
  id: idSchema,
  username: looseStringSchema.optional(),
  name: looseStringSchema.optional(),
})

export const ofChatSchema = z.looseObject({
  withUser: ofChatUserSchema.nullish(),
  fan: ofChatUserSchema.nullish(),
  lastMessage: z
    // A malformed id only costs the re-sync skip for that chat, never the chat list.
    .looseObject({ createdAt: looseStringSchema.optional(), id: idSchema.optional().catch(undefined) })
    .nullish()
    .catch(null),
  unreadMessagesCount: z.unknown().optional(),
  canSendMessage: looseBoolean(true).optional(),
})

export function normalizeOnlyFansChat(provider: ProviderId, value: unknown, path: string): ProviderChat {
  const chat = parseOrDrift(provider, ofChatSchema, value, path)
  const user = chat.fan ?? chat.withUser
  if (!user) throw new SchemaDrift(provider, `${path}.withUser`, 'chat has no partner (withUser/fan)')
  return {
    id: user.id,
    fanId: user.id,
    fanUsername: user.username ?? null,
    fanName: user.name ?? null,
    lastMessageAt: chat.lastMessage?.createdAt ?? null,
    lastMessageId: chat.lastMessage?.id ?? null,
    raw: value,
  }
}

/** Newest first by date, then by id (OnlyFans ids grow with time), whatever order a page came in. */
export function newestFirst(messages: readonly ProviderMessage[]): ProviderMessage[] {
  return [...messages].sort((a, b) => {
    const byDate = Date.parse(b.createdAt) - Date.parse(a.createdAt)
    if (Number.isFinite(byDate) && byDate !== 0) return byDate
    return compareIds(b.id, a.id)
  })
}

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const diff = BigInt(a) - BigInt(b)
    return diff > 0n ? 1 : diff < 0n ? -1 : 0
  }
  return a < b ? -1 : a > b ? 1 : 0
}
