// A parsed Fansly messages page -> ProviderMessages, once every referenced accountMedia is at
// hand (from the page or fetched in batches). Also the `before` cursor rules: messages come
// newest first, the next cursor is the oldest id received, an empty page ends the chat, and a
// cursor that does not move strictly older ends it too, so paging can never loop.
import type { MediaType } from '../../shared/domain'
import type { MessageSpan, ProviderMedia, ProviderMessage } from './types'
import type { FanslyAccountMedia, FanslyMessage, FanslyMessagesPage } from './fansly-schemas'
import { cheapestPpvPrice } from './fansly-access-rules'
import { type MessageAttachments, indexById, messageAttachments } from './fansly-attachments'
import { normaliseAccountMedia } from './fansly-media'
import { compareSnowflakes, fanslyTimeToIso } from './fansly-values'
import { spanOfTimes } from './message-span'

export interface MessageContext {
  readonly chatId: string
  /** The creator's own Fansly account id, when known. */
  readonly creatorAccountId: string | null
  /** The fan in this chat, when known (from the chat list). */
  readonly partnerAccountId: string | null
  /** Keep only these media types (from ListMediaOptions.type). */
  readonly types?: ReadonlySet<MediaType> | null
}

export interface PreparedPage {
  readonly page: FanslyMessagesPage
  readonly attachments: readonly MessageAttachments[]
  /** accountMedia delivered with the page. */
  readonly included: ReadonlyMap<string, FanslyAccountMedia>
}

export function preparePage(page: FanslyMessagesPage): PreparedPage {
  const bundles = indexById(page.accountMediaBundles)
  return {
    page,
    attachments: page.messages.map((message) => messageAttachments(message, bundles)),
    included: indexById(page.accountMedia),
  }
}

/**
 * Builds the messages that carry media. accountMedia missing from both maps (deleted, or not
 * returned by the batch call) are left out rather than invented.
 */
export function toProviderMessages(
  prepared: PreparedPage,
  fetched: ReadonlyMap<string, FanslyAccountMedia>,
  context: MessageContext,
): readonly ProviderMessage[] {
  const out: ProviderMessage[] = []
  prepared.page.messages.forEach((message, index) => {
    const refs = prepared.attachments[index]?.refs ?? []
    const media: ProviderMedia[] = []
    const priceByOffer = new Map<string, number>()
    for (const ref of refs) {
      const item = prepared.included.get(ref.accountMediaId) ?? fetched.get(ref.accountMediaId)
      if (!item) continue
      const normalised = normaliseAccountMedia(item, { bundle: ref.bundle })
      if (context.types && !context.types.has(normalised.type)) continue
      media.push(normalised)
      // A bundle is one offer however many items it holds; each loose item is its own offer.
      const offer = ref.bundle ? `bundle:${ref.bundle.id}` : `media:${item.id}`
      const price = cheapestPpvPrice(normalised.accessRules)
      if (price !== null && !priceByOffer.has(offer)) priceByOffer.set(offer, price)
    }
    if (media.length === 0) return
    const price = priceByOffer.size > 0 ? round2([...priceByOffer.values()].reduce((a, b) => a + b, 0)) : null
    out.push({
      id: message.id,
      chatId: message.groupId ?? context.chatId,
      // Fansly message text is already plain text: kept exactly as sent.
      text: message.content ?? '',
      price,
      isFree: price === null,
      fromCreator: isFromCreator(message, context),
      senderId: message.senderId ?? null,
      createdAt: fanslyTimeToIso(message.createdAt) ?? new Date(0).toISOString(),
      media,
      raw: message,
    })
  })
  return out
}

function isFromCreator(message: FanslyMessage, context: MessageContext): boolean {
  const sender = message.senderId ?? null
  if (sender === null) return false
  if (context.creatorAccountId !== null) return sender === context.creatorAccountId
  if (context.partnerAccountId !== null) return sender !== context.partnerAccountId
  return false
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/** The oldest message id on a page: by snowflake order, else the last one (newest first). */
export function oldestMessageId(messages: readonly FanslyMessage[]): string | null {
  let oldest: string | null = null
  for (const { id } of messages) {
    if (oldest === null) {
      oldest = id
      continue
    }
    const order = compareSnowflakes(id, oldest)
    if (order === null) oldest = id
    else if (order < 0) oldest = id
  }
  return oldest
}

/** The times of the newest and oldest message on a page, text-only ones included. */
export function messageSpan(messages: readonly FanslyMessage[]): MessageSpan | null {
  return spanOfTimes(messages.map((m) => fanslyTimeToIso(m.createdAt)))
}

/**
 * The `before` cursor for the next page, or null when paging must stop: an empty page, no id,
 * or a cursor that is not strictly older than the one just used (a provider echoing the same
 * page would otherwise be fetched forever).
 */
export function nextBeforeCursor(
  messages: readonly FanslyMessage[],
  usedBefore: string | null,
): string | null {
  if (messages.length === 0) return null
  const oldest = oldestMessageId(messages)
  if (oldest === null) return null
  if (usedBefore === null) return oldest
  if (oldest === usedBefore) return null
  const order = compareSnowflakes(oldest, usedBefore)
  if (order !== null && order >= 0) return null
  return oldest
}
