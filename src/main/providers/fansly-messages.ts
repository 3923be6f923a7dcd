// A prepared Fansly messages page -> ProviderMessages, once every referenced accountMedia is at
// hand (from the page or fetched in batches). An attachment that resolves to nothing (neither in
// the page nor returned by `/account-media/{ids}`, or unreadable) becomes a failed placeholder
// saying why. Also the `before` cursor rules: messages come newest first, the next cursor is the
// oldest id received, an empty page ends the chat, and a cursor that does not move strictly older
// ends it too, so paging can never loop.
import type { MediaType } from '../../shared/domain'
import type { ProviderMedia, ProviderMessage } from './types'
import type { FanslyAccountMedia, FanslyBundle, FanslyMessage } from './fansly-schemas'
import { ppvPrices } from './fansly-access-rules'
import { normaliseAccountMedia } from './fansly-media'
import type { PreparedPage } from './fansly-page'
import { compareSnowflakes, fanslyPriceToUsd, fanslyTimeToIso, nonEmptyString } from './fansly-values'
import { missingBundleId, placeholderMedia } from './unreadable-media'

const provider = 'onlyfansapi-fansly'

export interface MessageContext {
  readonly chatId: string
  /** The creator's own Fansly account id, when known. */
  readonly creatorAccountId: string | null
  /** The fan in this chat, when known (from the chat list). */
  readonly partnerAccountId: string | null
  /** Keep only these media types (from ListMediaOptions.type). */
  readonly types?: ReadonlySet<MediaType> | null
  /** Every message (listChatMessages); otherwise only those carrying media (listChatMedia). */
  readonly textOnlyToo?: boolean
  /** Why fetched accountMedia could not be read, by id (from `/account-media/{ids}`). */
  readonly fetchedUnreadable?: ReadonlyMap<string, string>
}

interface Offer {
  readonly price: number | null
  readonly subscriberPrice: number | null
  readonly purchased: boolean | null
}

export function toProviderMessages(
  prepared: PreparedPage,
  fetched: ReadonlyMap<string, FanslyAccountMedia>,
  context: MessageContext,
): readonly ProviderMessage[] {
  const out: ProviderMessage[] = []
  prepared.messages.forEach((message, index) => {
    const attachments = prepared.attachments[index]
    const media: ProviderMedia[] = []
    // A bundle is one offer however many items it holds; each loose item is its own offer.
    const offers = new Map<string, Offer>()
    for (const ref of attachments?.refs ?? []) {
      const item = prepared.included.get(ref.accountMediaId) ?? fetched.get(ref.accountMediaId)
      if (!item) {
        media.push(unresolved(ref.accountMediaId, message, prepared, context))
        continue
      }
      const normalised = normaliseAccountMedia(item, { bundle: ref.bundle })
      if (context.types && !context.types.has(normalised.type)) continue
      media.push(normalised)
      const offer = ref.bundle ? `bundle:${ref.bundle.id}` : `media:${item.id}`
      if (!offers.has(offer)) offers.set(offer, offerOf(normalised, ref.bundle ?? item))
    }
    for (const bundleId of attachments?.missingBundleIds ?? []) {
      const problem =
        prepared.unreadable.get(bundleId) ??
        `${provider}: bundle ${bundleId} of message ${message.id} was not returned by the provider`
      media.push(
        placeholderMedia({
          providerMediaId: missingBundleId(bundleId),
          type: 'photo',
          problem,
          raw: null,
        }),
      )
    }
    if (media.length === 0 && !context.textOnlyToo) return
    const priced = [...offers.values()].filter((o) => o.price !== null)
    const price = priced.length > 0 ? round2(sum(priced.map((o) => o.price ?? 0))) : null
    const subscriber = round2(sum(priced.map((o) => o.subscriberPrice ?? o.price ?? 0)))
    out.push({
      id: message.id,
      chatId: message.groupId ?? context.chatId,
      // Fansly message text is already plain text: kept exactly as sent.
      text: message.content ?? '',
      price,
      subscriberPrice: price !== null && subscriber < price ? subscriber : null,
      isFree: price === null,
      paid: paidState(priced),
      tip: tipOf(message, attachments?.tipIds ?? [], prepared.tips),
      fromCreator: isFromCreator(message, context),
      senderId: message.senderId ?? null,
      // The page reader left out messages whose time it cannot read.
      createdAt: fanslyTimeToIso(message.createdAt) ?? '',
      replyToId: nonEmptyString(message.inReplyTo),
      // Fansly documents no mark for mass messages.
      isMassMessage: null,
      media,
      raw: message,
    })
  })
  return out
}

/** The failed placeholder for an attachment whose accountMedia could not be had or read. */
function unresolved(
  accountMediaId: string,
  message: FanslyMessage,
  prepared: PreparedPage,
  context: MessageContext,
): ProviderMedia {
  const problem =
    prepared.unreadable.get(accountMediaId) ??
    context.fetchedUnreadable?.get(accountMediaId) ??
    `${provider}: attachment ${accountMediaId} of message ${message.id} was not returned by the provider`
  // Nothing says what it is; photo is the commonest kind.
  return placeholderMedia({ providerMediaId: accountMediaId, type: 'photo', problem, raw: null })
}

function offerOf(media: ProviderMedia, sold: FanslyAccountMedia | FanslyBundle): Offer {
  const prices = ppvPrices(media.accessRules)
  const purchased = sold['purchased']
  return { ...prices, purchased: typeof purchased === 'boolean' ? purchased : null }
}

/** Paid when every priced offer was bought; unknown when any offer does not say. */
function paidState(priced: readonly Offer[]): boolean | null {
  if (priced.length === 0 || priced.some((o) => o.purchased === null)) return null
  return priced.every((o) => o.purchased === true)
}

/** `totalTipAmount` on the message, else the page's `tips[]` its tip attachments point at. */
function tipOf(
  message: FanslyMessage,
  tipIds: readonly string[],
  tips: ReadonlyMap<string, number>,
): number | null {
  const total = fanslyPriceToUsd(message.totalTipAmount)
  if (total !== null) return total
  const amounts = tipIds.flatMap((id) => {
    const amount = tips.get(id)
    return amount === undefined ? [] : [amount]
  })
  return amounts.length > 0 ? round2(sum(amounts)) : null
}

function isFromCreator(message: FanslyMessage, context: MessageContext): boolean {
  const sender = message.senderId ?? null
  if (sender === null) return false
  if (context.creatorAccountId !== null) return sender === context.creatorAccountId
  if (context.partnerAccountId !== null) return sender !== context.partnerAccountId
  return false
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/** The oldest message id on a page: by snowflake order, else the last one (newest first). */
export function oldestMessageId(messages: readonly { readonly id: string }[]): string | null {
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

/**
 * The `before` cursor for the next page, or null when paging must stop: an empty page, no id,
 * or a cursor that is not strictly older than the one just used (a provider echoing the same
 * page would otherwise be fetched forever).
 */
export function nextBeforeCursor(
  messages: readonly { readonly id: string }[],
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
