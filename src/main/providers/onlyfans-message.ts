// The OnlyFans chat message (an item of a messages or chat-media page), shared by OnlyFansAPI,
// OFAuth and FansMetric: all three pass OnlyFans' own JSON through, wrapped differently. A message
// needs an id and a date; everything else is read tolerantly, and one unreadable media item
// becomes a failed placeholder instead of failing the message.
import { z } from 'zod'
import type { ProviderId } from '../../shared/domain'
import { SchemaDrift } from './errors'
import { htmlToText } from './html-text'
import { normalizeOnlyFansMedia } from './onlyfans-media'
import { idSchema, looseBoolean, looseNumberSchema, looseStringSchema, parseOrDrift } from './parse'
import type { ProviderChat, ProviderMedia, ProviderMessage } from './types'
import { guessMediaType, placeholderMedia, unreadableId } from './unreadable-media'

const optionalFlag = z.boolean().optional().catch(undefined)

export const ofMessageSchema = z.looseObject({
  id: idSchema,
  text: looseStringSchema.optional(),
  price: looseNumberSchema.optional(),
  isFree: optionalFlag,
  createdAt: looseStringSchema.optional(),
  changedAt: looseStringSchema.optional(),
  fromUser: z.looseObject({ id: idSchema }).nullish().catch(null),
  // Newer OnlyFansAPI pages say who sent it outright.
  isSentByMe: optionalFlag,
  // A text-only message may come without the key; a non-array is drift.
  media: z.array(z.unknown()).nullish(),
  isOpened: optionalFlag,
  isTip: optionalFlag,
  tipAmount: looseNumberSchema.optional(),
  isFromQueue: optionalFlag,
  replyToMessageId: idSchema.nullish().catch(null),
  replyToMessage: z.looseObject({ id: idSchema }).nullish().catch(null),
})
type OfMessage = z.infer<typeof ofMessageSchema>

/** Normalises one message; `chatId` is the fan's user id, which tells their messages apart. */
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
  const price = positive(message.price)
  return {
    id: message.id,
    chatId,
    text: htmlToText(message.text),
    price,
    subscriberPrice: null,
    isFree: message.isFree ?? price === null,
    paid: paidState(message, price),
    tip: tipAmount(message),
    fromCreator: message.isSentByMe ?? (senderId !== null ? senderId !== chatId : true),
    senderId,
    createdAt,
    replyToId: message.replyToMessage?.id ?? message.replyToMessageId ?? null,
    // OnlyFans sends mass messages from its queue and marks them so.
    isMassMessage: message.isFromQueue ?? null,
    media: (message.media ?? []).map((media, index) =>
      readMediaItem(provider, media, `${path}.media[${index}]`, message.id, index),
    ),
    raw: value,
  }
}

/**
 * Whether a priced message was bought. A fan cannot open a priced message without paying, so
 * `isOpened` answers it; without the flag it is unknown. Free messages have no paid state.
 */
function paidState(message: OfMessage, price: number | null): boolean | null {
  if (price === null) return null
  return message.isOpened ?? null
}

/**
 * The tip a message carries: `tipAmount` when given, else the price of a message marked `isTip`
 * (OnlyFans shows a tip as a message from the fan); null on every other message.
 */
function tipAmount(message: OfMessage): number | null {
  const amount = positive(message.tipAmount)
  if (amount !== null) return amount
  return message.isTip === true ? positive(message.price) : null
}

/** One media item, or a failed placeholder naming the provider and path when it cannot be read. */
function readMediaItem(
  provider: ProviderId,
  value: unknown,
  path: string,
  messageId: string,
  index: number,
): ProviderMedia {
  try {
    return normalizeOnlyFansMedia(provider, value, path)
  } catch (error) {
    if (!(error instanceof SchemaDrift)) throw error
    const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
    const id = idSchema.safeParse(fields['id'])
    return placeholderMedia({
      providerMediaId: id.success ? id.data : unreadableId(messageId, index),
      type: guessMediaType(value, fields['type']),
      problem: error.message,
      raw: value,
    })
  }
}

function positive(value: number | null | undefined): number | null {
  return value != null && value > 0 ? value : null
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
