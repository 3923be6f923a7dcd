// Fansly accountMedia as OnlyFansAPI passes them through (with `media`, variants, teaser
// `preview` and permission rule sets), shaped like the recorded payloads in /work/shared/payloads,
// odd cases included (HLS locations signed in `metadata`, variants without `locations`).
// Messages, bundles and rule sets are in fansly-message-views.ts.
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import { cdnPrefixes } from './cdn'
import type { RouteContext } from './context'
import type { FakeAccount, FakeMedia } from './dataset'
import { derived, innerMediaId, permissionsFor, seconds } from './fansly-message-views'
import { cdnFileName } from './onlyfans-views'
import { signUrl } from './signing'

/** Fansly binds full media read through a vendor to the vendor's /24, previews to nobody. */
export const fanslyVendorRange = '203.0.113.0/24'

type Json = Record<string, unknown>
type Ctx = Pick<RouteContext, 'origin' | 'secret' | 'faults'>

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
    /** A still (type 1, PNG) derived from the media: the thumbnail, or a video's preview frame. */
    const still = (offset: bigint, size: readonly [number, number], kind: 'thumb' | 'preview'): Json =>
      file(
        derived(media.id, offset),
        1,
        'image/png',
        size,
        at,
        frames ? [loc(fileUrl(ctx, media, kind))] : [],
        {
          resolutionMode: 1,
        },
      )
    variants.push(still(2n, thumbSize, 'thumb'))
    if (media.type === 'video') variants.push(still(3n, previewSize, 'preview'))
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
    // A malformed item comes without its `media` object.
    ...(media.fault === 'malformed' ? {} : { media: renderMediaBody(ctx, account, media) }),
    ...(locked ? { preview: renderTeaser(ctx, account, media) } : {}),
    purchased: false,
    whitelisted: false,
    accountPermissionFlags: 6,
    access: !locked,
  }
}
