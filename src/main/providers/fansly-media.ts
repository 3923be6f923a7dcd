// One Fansly accountMedia -> one ProviderMedia. Locked items (access:false) keep their teaser as
// preview and a `full` without URL; videos still transcoding (status != 1) are "not ready",
// which the sync layer polls again later, never "failed".
import type { AccessRule, MediaType } from '../../shared/domain'
import type { ProviderMedia } from './types'
import type { FanslyAccountMedia, FanslyBundle, FanslyMedia } from './fansly-schemas'
import { decodeFanslyAccessRules } from './fansly-access-rules'
import { fullCandidates, isStreaming, selectFull, selectPreviews } from './fansly-variants'
import { fanslyTimeToIso, finiteNumber, readJsonObject } from './fansly-values'

const readyStatus = 1
const imageType = 1
const videoType = 2

/** Audio has no documented type code, and GIFs arrive as type 1, so the MIME type decides first. */
export function fanslyMediaType(media: FanslyMedia): MediaType {
  const mime = (media.mimetype ?? '').toLowerCase()
  if (mime.startsWith('audio/')) return 'audio'
  if (mime === 'image/gif') return 'gif'
  if (media.type === videoType) return 'video'
  if (media.type === imageType) return 'photo'
  if (mime.startsWith('video/')) return 'video'
  return 'photo'
}

export function isFanslyMediaReady(media: FanslyMedia): boolean {
  return media.status === undefined || media.status === readyStatus
}

function hasAnyLocation(media: FanslyMedia): boolean {
  return (
    (media.locations ?? []).length > 0 || (media.variants ?? []).some((v) => (v.locations ?? []).length > 0)
  )
}

export interface NormaliseOptions {
  /** The bundle the item was sent in: what is sold is the bundle, so its rules win when set. */
  readonly bundle?: FanslyBundle | null
}

export function normaliseAccountMedia(
  item: FanslyAccountMedia,
  options: NormaliseOptions = {},
): ProviderMedia {
  const media = item.media
  const type = fanslyMediaType(media)
  const metadata = readJsonObject(media.metadata)
  const ownRules = decodeFanslyAccessRules(item.permissions, {
    permissionFlags: numberOrNull(item['permissionFlags']),
    price: item.price,
  })
  const bundle = options.bundle
  const bundleRules: readonly AccessRule[] = bundle
    ? decodeFanslyAccessRules(bundle.permissions, {
        permissionFlags: numberOrNull(bundle['permissionFlags']),
        price: bundle.price,
      })
    : []
  // Without `access`, a location means we may view it; a transcoding video has none yet but is
  // not locked for that; a ready item without any location is withheld.
  const canView = item.access ?? bundle?.access ?? (hasAnyLocation(media) || !isFanslyMediaReady(media))
  const hasDuration = type === 'video' || type === 'audio'
  const isReady = isFanslyMediaReady(media)
  const files = fullCandidates(media, type)
  const streamOnly = files.length > 0 && files.every((c) => isStreaming(c.file))
  // Viewable and ready, yet no file at all: Fansly failed to produce it (retried, not locked).
  const hasError = canView && isReady && files.length === 0
  return {
    providerMediaId: item.id,
    type,
    width: positive(media.width) ?? positive(metadata['originalWidth']),
    height: positive(media.height) ?? positive(metadata['originalHeight']),
    durationSec: hasDuration ? positive(metadata['duration']) : null,
    createdAt: fanslyTimeToIso(item.createdAt) ?? fanslyTimeToIso(media.createdAt),
    canView,
    isReady,
    hasError,
    // Only an HLS/DASH playlist: the downloader stores single files, so like DRM it is catalogued
    // as not downloadable (the playlist and its signing stay in `raw` and in the full variant).
    drm: canView && isReady && streamOnly,
    variants: [selectFull(media, type), ...selectPreviews(media, item.preview)],
    accessRules: bundleRules.length > 0 ? bundleRules : ownRules,
    raw: item,
  }
}

function positive(value: unknown): number | null {
  const num = finiteNumber(value)
  return num !== null && num > 0 ? num : null
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
