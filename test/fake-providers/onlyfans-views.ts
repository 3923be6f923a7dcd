// OnlyFans' own JSON for messages and media, as the three OnlyFans wrappers pass it through.
// Each wrapper supplies its own URL signer (OnlyFansAPI: IP-bound CDN; OFAuth: media.ofauth.com;
// FansMetric: plain signed CDN URLs).
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import type { Dataset, FakeMedia, FakeMessage } from './dataset'
import { iso } from './context'

export type UrlFor = (media: FakeMedia, kind: VariantKind, quality?: VideoQuality) => string

export type MediaTypeFilter = 'photos' | 'videos' | 'audios' | null

const typeByFilter = { photos: 'photo', videos: 'video', audios: 'audio' } as const

export function renderOnlyFansMedia(
  dataset: Dataset,
  media: FakeMedia,
  urlFor: UrlFor,
): Record<string, unknown> {
  const canView = media.state !== 'locked'
  const ready = media.state !== 'not_ready'
  const playable = canView && ready && media.state !== 'drm' && media.state !== 'error'
  const hasPreviews = media.type !== 'audio' && ready
  const file = (kind: VariantKind, width: number, height: number): Record<string, unknown> => ({
    url: urlFor(media, kind),
    width,
    height,
    size: 0,
  })
  const files: Record<string, unknown> = {
    full: {
      url: playable ? urlFor(media, 'full') : null,
      width: media.width,
      height: media.height,
      size: playable ? dataset.expectedSize(media.id, 'full') : 0,
      sources: [],
    },
  }
  if (hasPreviews) {
    files['thumb'] = file('thumb', 32, 32)
    files['preview'] = { ...file('preview', 96, 72), options: [] }
    files['squarePreview'] = file('squarePreview', 64, 64)
  }
  if (media.state === 'drm') files['drm'] = drmBlock(media, urlFor)
  const videoPlayable = playable && media.type === 'video'
  return {
    id: Number(media.id),
    type: media.type,
    convertedToVideo: false,
    canView,
    hasError: media.state === 'error',
    createdAt: iso(media.createdAt),
    isReady: ready,
    files,
    duration: media.durationSec,
    hasCustomPreview: false,
    videoSources: {
      '240': videoPlayable ? urlFor(media, 'full', '240') : null,
      '720': videoPlayable ? urlFor(media, 'full', '720') : null,
    },
    releaseForms: [],
  }
}

function drmBlock(media: FakeMedia, urlFor: UrlFor): Record<string, unknown> {
  const manifest = urlFor(media, 'full').split('?')[0] ?? ''
  const signature = {
    'CloudFront-Policy': 'eyJ9',
    'CloudFront-Signature': 'fake',
    'CloudFront-Key-Pair-Id': 'KFAKE',
  }
  return {
    manifest: { hls: `${manifest}.m3u8`, dash: `${manifest}.mpd` },
    signature: { hls: signature, dash: signature },
  }
}

export function renderOnlyFansMessage(
  dataset: Dataset,
  message: FakeMessage,
  urlFor: UrlFor,
  filter: MediaTypeFilter = null,
): Record<string, unknown> {
  const media = mediaOf(dataset, message, filter)
  const locked = media.some((m) => m.state === 'locked')
  const price = message.price ?? 0
  return {
    responseType: 'message',
    text: message.text,
    giphyId: null,
    lockedText: false,
    isFree: price === 0,
    price,
    isMediaReady: media.every((m) => m.state !== 'not_ready'),
    mediaCount: media.length,
    media: media.map((m) => renderOnlyFansMedia(dataset, m, urlFor)),
    previews: locked ? media.filter((m) => m.state !== 'locked').map((m) => Number(m.id)) : [],
    isTip: false,
    isReportedByMe: false,
    isCouplePeopleMedia: false,
    queueId: Number(message.id) % 1_000_000,
    isMarkdownDisabled: true,
    releaseForms: [],
    fromUser: { id: Number(message.senderId), _view: 's' },
    isFromQueue: false,
    id: Number(message.id),
    isOpened: true,
    isNew: false,
    createdAt: iso(message.createdAt),
    changedAt: iso(message.createdAt),
    cancelSeconds: 0,
    isLiked: false,
    canPurchase: locked,
    canPurchaseReason: locked ? '' : 'free',
    canReport: true,
    canBePinned: true,
    isPinned: false,
  }
}

export function mediaOf(dataset: Dataset, message: FakeMessage, filter: MediaTypeFilter): FakeMedia[] {
  const wanted = filter ? typeByFilter[filter] : null
  return message.mediaIds
    .map((id) => dataset.media(id))
    .filter((m): m is FakeMedia => m !== undefined && (wanted === null || m.type === wanted))
}

/** The chat's messages that carry (matching) media, newest first. */
export function mediaMessages(
  dataset: Dataset,
  messages: readonly FakeMessage[],
  filter: MediaTypeFilter,
): FakeMessage[] {
  return [...messages].reverse().filter((m) => mediaOf(dataset, m, filter).length > 0)
}

export function parseTypeFilter(raw: string | null): MediaTypeFilter | 'invalid' {
  if (raw === null || raw === '' || raw === 'all') return null
  return raw === 'photos' || raw === 'videos' || raw === 'audios' ? raw : 'invalid'
}

export function lastMessageSummary(message: FakeMessage | undefined): Record<string, unknown> | null {
  if (!message) return null
  return {
    id: Number(message.id),
    text: message.text,
    isFree: message.price === null,
    createdAt: iso(message.createdAt),
    mediaCount: message.mediaIds.length,
    isTip: false,
    fromUser: { id: Number(message.senderId), _view: 's' },
    isOpened: true,
  }
}

/** Path segment that names a media file on a fake CDN: `<id>/<kind>[-<quality>].<ext>`. */
export function cdnFileName(media: FakeMedia, kind: VariantKind, quality?: VideoQuality): string {
  const ext = kind !== 'full' || media.type === 'photo' ? 'png' : media.type === 'video' ? 'mp4' : 'mp3'
  const suffix = kind === 'full' && quality && quality !== 'source' ? `-${quality}` : ''
  return `${media.id}/${kind}${suffix}.${ext}`
}
