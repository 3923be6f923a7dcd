// Fansly messages, bundles and permission rule sets as OnlyFansAPI passes them through, odd
// cases of the recordings included (float and millisecond times, inReplyTo ""), and what a
// conversation carries besides media: tips (as `totalTipAmount` or through `tips[]`), replies.
import type { FakeAccount, FakeMedia, FakeMessage } from './dataset'

type Json = Record<string, unknown>

export const fakeTier = { id: '330000000000000001', name: 'Gold VIP' } as const

export const seconds = (ms: number): number => Math.floor(ms / 1000)
export const derived = (id: string, offset: bigint): string => String(BigInt(id) * 100n + offset)
/** The inner `media.id` differs from the accountMedia id, as on real Fansly. */
export const innerMediaId = (id: string): string => derived(id, 1n)
export const bundleIdOf = (message: FakeMessage): string =>
  String(BigInt(message.id) + 10_000_000_000_000_000n)
/**
 * Which accountMedia a messages page leaves out, so clients must batch-fetch them: videos still
 * transcoding, and every third item on older pages (`before` set). The newest page is otherwise
 * complete, so re-reading it costs exactly one request. A withheld item is left out everywhere.
 */
export const omittedFromPage = (media: FakeMedia, olderPage: boolean): boolean =>
  media.state === 'not_ready' || (olderPage && BigInt(media.id) % 3n === 0n) || media.fault === 'withheld'

/** Messages with several media whose id is even are sent as one bundle. */
export const sentAsBundle = (message: FakeMessage): boolean =>
  message.mediaIds.length > 1 && BigInt(message.id) % 2n === 0n
export const priceOf = (usd: number | null): number => (usd === null ? 0 : Math.round(usd * 1000))

/**
 * Rule sets as Fansly reports them: a locked item is sold for its price, OR for $5 less (at least
 * $1) to subscribers of the fake tier: the "PPV $8.50 OR PPV $3.50 with a tier" shape.
 */
export function permissionsFor(mediaId: string, locked: boolean, priceUsd: number | null): Json {
  const price = priceOf(priceUsd ?? 9.99)
  const row = (index: number, flags: number, rowPrice: number, metadata: string): Json => ({
    id: derived(mediaId, 90n + BigInt(index)),
    accountMediaId: mediaId,
    type: 0,
    flags,
    price: rowPrice,
    metadata,
    validAfter: null,
    validBefore: null,
    verificationFlags: locked ? 0 : flags,
    verificationMetadata: '{}',
  })
  const tier = JSON.stringify({
    4: JSON.stringify({
      subscriptionTierId: fakeTier.id,
      before: 0,
      after: 0,
      subscriptionTierName: fakeTier.name,
    }),
  })
  const tierPrice = Math.max(1000, price - 5000)
  const tierSet = JSON.stringify({
    1: JSON.stringify({ price: tierPrice }),
    4: JSON.stringify({ subscriptionTierId: fakeTier.id, subscriptionTierName: fakeTier.name }),
  })
  return {
    permissionFlags: locked
      ? [row(0, 1, price, JSON.stringify({ 1: JSON.stringify({ price }) })), row(1, 5, tierPrice, tierSet)]
      : [row(0, 2, 0, '')],
    accountPermissionFlags: { flags: 6, metadata: tier },
  }
}

export function renderBundle(account: FakeAccount, message: FakeMessage, media: readonly FakeMedia[]): Json {
  const id = bundleIdOf(message)
  const locked = media.some((m) => m.state === 'locked')
  return {
    id,
    accountId: account.userId,
    previewId: null,
    permissionFlags: 0,
    price: 0,
    createdAt: seconds(message.createdAt),
    deleted: false,
    accountMediaIds: media.map((m) => m.id),
    bundleContent: media.map((m, pos) => ({ accountMediaId: m.id, pos })),
    permissions: permissionsFor(id, locked, message.price),
    purchased: false,
    whitelisted: false,
    accountPermissionFlags: 6,
    access: !locked,
  }
}

/** Message times vary the way recordings do: seconds, float seconds, now and then milliseconds. */
function messageTime(message: FakeMessage): number {
  const n = Number(BigInt(message.id) % 7n)
  if (n === 1) return fanslyReportedTime(message) / 1000
  if (n === 3) return message.createdAt
  return seconds(message.createdAt)
}

/** The instant (epoch ms) the fake's Fansly says a message was sent: float ones carry 804 ms more. */
export function fanslyReportedTime(message: FakeMessage): number {
  return BigInt(message.id) % 7n === 1n ? message.createdAt + 804 : message.createdAt
}

export function renderMessage(message: FakeMessage): Json {
  const attachments: Json[] = sentAsBundle(message)
    ? [{ messageId: message.id, contentType: 2, contentId: bundleIdOf(message), pos: 0 }]
    : message.mediaIds.map((id, pos) => ({ messageId: message.id, contentType: 1, contentId: id, pos }))
  // A tip rides along as an attachment pointing into the page's `tips[]`.
  if (tipInList(message)) {
    attachments.push({ messageId: message.id, contentType: 7, contentId: tipIdOf(message), pos: 9 })
  }
  return {
    id: message.id,
    type: 1,
    dataVersion: 1,
    content: message.text,
    groupId: message.chatId,
    senderId: message.senderId,
    correlationId: '0',
    // No reply: null or "" (as the webhook recording has it).
    inReplyTo: message.replyToId ?? (BigInt(message.id) % 2n === 0n ? null : ''),
    inReplyToRoot: null,
    createdAt: messageTime(message),
    attachments,
    embeds: [],
    interactions: [{ userId: message.senderId, readAt: 0, deliveredAt: 0 }],
    likes: [],
    totalTipAmount: message.tip !== null && !tipInList(message) ? priceOf(message.tip) : 0,
  }
}

/** Half the tips are told through `tips[]` (even ids), the other half as `totalTipAmount`. */
const tipInList = (message: FakeMessage): boolean => message.tip !== null && BigInt(message.id) % 2n === 0n
const tipIdOf = (message: FakeMessage): string => String(BigInt(message.id) + 7n)

/** The page's `tips[]`: one entry per tip its messages point at, amounts in thousandths. */
export function renderTips(messages: readonly FakeMessage[]): Json[] {
  return messages.filter(tipInList).map((message) => ({
    id: tipIdOf(message),
    senderId: message.senderId,
    amount: priceOf(message.tip),
    createdAt: seconds(message.createdAt),
  }))
}
