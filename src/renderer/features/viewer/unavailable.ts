// Why an item's full file is not in the archive, in one sentence a user can act on.
import type { MediaStatus } from '../../../shared/domain'
import { explainMessage } from '../../lib/errors'
import { formatPrice } from '../../lib/format'

export function unavailableReason(
  status: MediaStatus,
  price: number | null,
  lastError: string | null,
): string | null {
  const reasons: Readonly<Record<MediaStatus, string | null>> = {
    downloaded: null,
    locked: `This item is locked${price ? ` (${formatPrice(price)})` : ''}: the fan has not unlocked it, so the provider only offers its preview and the full file is not archived.`,
    drm: 'This video is DRM-protected: the provider streams it encrypted, so Chatkeep keeps its preview but cannot archive the full file.',
    not_ready: 'The provider is still processing this item; the next sync will try to download it again.',
    failed: `The download failed${lastError ? ` (${explainMessage(lastError).what})` : ''}; the next sync retries it.`,
    pending: 'This item is queued for download and will appear when the sync reaches it.',
  }
  return reasons[status]
}
