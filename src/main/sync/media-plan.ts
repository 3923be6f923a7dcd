// What the archive does with one media item, decided from the provider's flags alone. Pure, so
// every rule here is unit tested without a server.
import type { MediaStatus, VariantKind } from '../../shared/domain'
import type { ProviderMedia } from '../providers/types'

/** The status an item gets when it is not (yet) downloaded. */
export function statusFor(media: ProviderMedia): Exclude<MediaStatus, 'downloaded'> {
  if (media.drm) return 'drm'
  if (!media.canView) return 'locked'
  if (!media.isReady) return 'not_ready'
  if (media.hasError) return 'failed'
  return 'pending'
}

const galleryThumbOrder: readonly VariantKind[] = ['thumb', 'squarePreview', 'preview']
const previewOrder: readonly VariantKind[] = ['preview', 'thumb', 'squarePreview']

function offered(media: ProviderMedia, kind: VariantKind): boolean {
  return media.variants.some((v) => v.kind === kind && v.url !== null)
}

/**
 * The files to archive: the original when it can be had, and one small image so the gallery works
 * offline. Locked and DRM items get every preview the provider shows, as that is all there is.
 */
export function variantsToArchive(media: ProviderMedia, status: MediaStatus): readonly VariantKind[] {
  if (status === 'locked' || status === 'drm') return previewOrder.filter((kind) => offered(media, kind))
  const kinds: VariantKind[] = []
  if (status === 'pending' || status === 'downloaded') kinds.push('full')
  const thumb = galleryThumbOrder.find((kind) => offered(media, kind))
  if (thumb) kinds.push(thumb)
  return kinds
}

export function expectedSize(media: ProviderMedia, kind: VariantKind): number | null {
  return media.variants.find((v) => v.kind === kind && v.url !== null)?.size ?? null
}
