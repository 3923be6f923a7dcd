// Fansly JSON as OnlyFansAPI passes it through: messages, accountMedia (with `media`, variants,
// teaser `preview`, permission rule sets) and bundles, shaped like the recorded payloads in
// /work/shared/payloads, odd cases included (float and millisecond times, inReplyTo "", HLS
// locations signed in `metadata`, variants without `locations`).
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import { cdnPrefixes } from './cdn'
import type { RouteContext } from './context'
import type { FakeAccount, FakeMedia, FakeMessage } from './dataset'
import { cdnFileName } from './onlyfans-views'
import { signUrl } from './signing'

/** Fansly binds full media read through a vendor to the vendor's /24, previews to nobody. */
export const fanslyVendorRange = '203.0.113.0/24'
export const fakeTier = { id: '330000000000000001', name: 'Gold VIP' } as const

type Json = Record<string, unknown>
type Ctx = Pick<RouteContext, 'origin' | 'secret' | 'faults'>

export const seconds = (ms: number): number => Math.floor(ms / 1000)
const derived = (id: string, offset: bigint): string => String(BigInt(id) * 100n + offset)
/** The inner `media.id` differs from the accountMedia id, as on real Fansly. */
export const innerMediaId = (id: string): string => derived(id, 1n)
export const bundleIdOf = (message: FakeMessage): string =>
  String(BigInt(message.id) + 10_000_000_000_000_000n)
/**
 * Which accountMedia a messages page leaves out, so clients must batch-fetch them: videos still
 * transcoding, and every third item on older pages (`before` set). The newest page is otherwise
 * complete, so re-reading it costs exactly one request.
 */
export const omittedFromPage = (media: FakeMedia, olderPage: boolean): boolean =>
  media.state === 'not_ready' || (olderPage && BigInt(media.id) % 3n === 0n)

/** Messages with several media whose id is even are sent as one bundle. */
export const sentAsBundle = (message: FakeMessage): boolean =>
  message.mediaIds.length > 1 && BigInt(message.id) % 2n === 0n
const priceOf = (usd: number | null): number => (usd === null ? 0 : Math.round(usd * 1000))

function fileUrl(ctx: Ctx, media: FakeMedia, kind: VariantKind, quality?: VideoQuality): string {
  const ipBound = kind === 'full'
  return signUrl(ctx.secret, ctx.origin, `${cdnPrefixes.fansly}${cdnFileName(media, kind, quality)}`, {
    style: 'policy',
    ttlSeconds: ctx.faults.flags.urlTtlSeconds,
    ...(ipBound ? { sourceIp: fanslyVendorRange } : {}),
  })
}

/** An HLS location the way Fansly sends it: no query string, CloudFront fields in `metadata`. */
function hlsLocation(ctx: Ctx, media: FakeMedia): Json {
  const signed = new URL(
    signUrl(ctx.secret, ctx.origin, `${cdnPrefixes.fansly}${media.id}/full.m3u8`, {
      style: 'policy',
      ttlSeconds: ctx.faults.flags.urlTtlSeconds,
      sourceIp: fanslyVendorRange,
    }),
  )
  const metadata = {
    'Key-Pair-Id': signed.searchParams.get('Key-Pair-Id'),
    Signature: signed.searchParams.get('Signature'),
    Policy: signed.searchParams.get('Policy'),
  }
  return { locationId: '102', location: `${signed.origin}${signed.pathname}`, metadata }
}

function file(
  id: string,
  type: number,
  mimetype: string,
  size: readonly [number, number],
  createdAt: number,
  locations: readonly Json[] | null,
  metadata: Json,
): Json {
  return {
    id,
    type,
    status: 1,
    mimetype,
    flags: 0,
    location: `/${id}.${mimetype.split('/')[1] ?? 'bin'}`,
    width: size[0],
    height: size[1],
    metadata: JSON.stringify(metadata),
    updatedAt: createdAt,
    // Some recordings have no `locations` key on variants at all.
    ...(locations === null ? {} : { locations }),
  }
}

const loc = (url: string): Json => ({ locationId: '1', location: url })

function mimeOf(media: FakeMedia): string {
  return media.type === 'photo' ? 'image/png' : media.type === 'video' ? 'video/mp4' : 'audio/mpeg'
}

/** `media` and, for locked items, the teaser `preview`. */
function renderMediaBody(ctx: Ctx, account: FakeAccount, media: FakeMedia): Json {
  const at = seconds(media.createdAt)
  const open = media.state === 'ok'
  const ready = media.state !== 'not_ready'
  const inner = innerMediaId(media.id)
  const thumbSize = [32, 32] as const
  const previewSize = [96, 72] as const
  const variants: Json[] = []
  if (ready && media.type !== 'audio') {
    const frames = media.state !== 'error' && media.state !== 'locked'
    variants.push(
      file(
        derived(media.id, 2n),
        1,
        'image/png',
        thumbSize,
        at,
        frames ? [loc(fileUrl(ctx, media, 'thumb'))] : [],
        {
          resolutionMode: 1,
        },
      ),
    )
    if (media.type === 'video') {
      variants.push(
        file(
          derived(media.id, 3n),
          1,
          'image/png',
          previewSize,
          at,
          frames ? [loc(fileUrl(ctx, media, 'preview'))] : [],
          {
            resolutionMode: 1,
          },
        ),
      )
    }
  }
  if (ready && media.type === 'video') {
    for (const [offset, quality] of [
      [4n, '720'],
      [5n, '240'],
    ] as const) {
      const size = quality === '720' ? ([720, 540] as const) : ([320, 240] as const)
      variants.push(
        file(
          derived(media.id, offset),
          2,
          'video/mp4',
          size,
          at,
          open ? [loc(fileUrl(ctx, media, 'full', quality))] : [],
          {
            duration: media.durationSec,
          },
        ),
      )
    }
    const streams = media.state === 'ok' || media.state === 'drm'
    const hls = file(
      derived(media.id, 6n),
      302,
      'application/vnd.apple.mpegurl',
      [media.width, media.height],
      at,
      null,
      {
        duration: media.durationSec,
        variants: [{ w: media.width, h: media.height }],
      },
    )
    variants.push({ ...hls, location: null, locations: streams ? [hlsLocation(ctx, media)] : [] })
  }
  const metadata =
    media.type === 'photo'
      ? { resolutionMode: 1 }
      : { originalWidth: media.width, originalHeight: media.height, duration: media.durationSec }
  return {
    id: inner,
    // No type code is documented for audio; clients decide by MIME type.
    type: media.type === 'photo' ? 1 : media.type === 'video' ? 2 : 3,
    status: ready ? 1 : 2,
    accountId: account.userId,
    mimetype: mimeOf(media),
    flags: 0,
    location: `/${account.userId}/${inner}.${mimeOf(media).split('/')[1]}`,
    width: media.width,
    height: media.height,
    metadata: JSON.stringify(metadata),
    updatedAt: at,
    createdAt: at,
    variants,
    variantHash: {},
    locations: open && ready ? [loc(fileUrl(ctx, media, 'full'))] : [],
  }
}

function renderTeaser(ctx: Ctx, account: FakeAccount, media: FakeMedia): Json {
  const at = seconds(media.createdAt)
  const id = derived(media.id, 50n)
  return {
    ...file(id, 1, 'image/png', [96, 72], at, [loc(fileUrl(ctx, media, 'preview'))], { resolutionMode: 1 }),
    accountId: account.userId,
    createdAt: at,
    variants: [
      file(derived(media.id, 51n), 1, 'image/png', [32, 32], at, [loc(fileUrl(ctx, media, 'thumb'))], {}),
    ],
    variantHash: {},
  }
}

/** Rule sets as Fansly reports them: locked items can be bought OR unlocked by a tier. */
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
  return {
    permissionFlags: locked
      ? [row(0, 1, price, JSON.stringify({ 1: JSON.stringify({ price }) })), row(1, 4, 0, tier)]
      : [row(0, 2, 0, '')],
    accountPermissionFlags: { flags: 6, metadata: tier },
  }
}

export function renderAccountMedia(ctx: Ctx, account: FakeAccount, media: FakeMedia): Json {
  const locked = media.state === 'locked'
  return {
    id: media.id,
    accountId: account.userId,
    mediaId: innerMediaId(media.id),
    previewId: locked ? derived(media.id, 50n) : null,
    permissionFlags: 0,
    price: 0,
    createdAt: seconds(media.createdAt),
    deletedAt: null,
    deleted: false,
    permissions: permissionsFor(media.id, locked, media.price),
    likeCount: 0,
    media: renderMediaBody(ctx, account, media),
    ...(locked ? { preview: renderTeaser(ctx, account, media) } : {}),
    purchased: false,
    whitelisted: false,
    accountPermissionFlags: 6,
    access: !locked,
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
  if (n === 1) return message.createdAt / 1000 + 0.804
  if (n === 3) return message.createdAt
  return seconds(message.createdAt)
}

export function renderMessage(message: FakeMessage): Json {
  const attachments: Json[] = sentAsBundle(message)
    ? [{ messageId: message.id, contentType: 2, contentId: bundleIdOf(message), pos: 0 }]
    : message.mediaIds.map((id, pos) => ({ messageId: message.id, contentType: 1, contentId: id, pos }))
  // A tip rides along on some messages: not media, to be skipped by clients.
  if (BigInt(message.id) % 5n === 0n) {
    attachments.push({
      messageId: message.id,
      contentType: 7,
      contentId: String(BigInt(message.id) + 7n),
      pos: 9,
    })
  }
  return {
    id: message.id,
    type: 1,
    dataVersion: 1,
    content: message.text,
    groupId: message.chatId,
    senderId: message.senderId,
    correlationId: '0',
    inReplyTo: BigInt(message.id) % 2n === 0n ? null : '',
    inReplyToRoot: null,
    createdAt: messageTime(message),
    attachments,
    embeds: [],
    interactions: [{ userId: message.senderId, readAt: 0, deliveredAt: 0 }],
    likes: [],
    totalTipAmount: 0,
  }
}
