// OnlyFans' own JSON for messages and media, as the three OnlyFans wrappers pass it through.
// Each wrapper supplies its own URL signer (OnlyFansAPI: IP-bound CDN; OFAuth: media.ofauth.com;
// FansMetric: plain signed CDN URLs).
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import type { Dataset, FakeChat, FakeMedia, FakeMessage } from './dataset'
import { iso } from './context'

export type UrlFor = (media: FakeMedia, kind: VariantKind, quality?: VideoQuality) => string

export type MediaTypeFilter = 'photos' | 'videos' | 'audios' | null

const typeByFilter = { photos: 'photo', videos: 'video', audios: 'audio' } as const

/**
 * OnlyFans media objects come in several generations (see providers/onlyfans-media-fields.ts); the
 * fake serves each item in one of them, by id, so every generation is parsed in every test:
 * 0 modern (files.full, top-level duration, videoSources), 1 story-like (files.source with its
 * duration and a sources map), 2 flat pre-2023 (src, source{…,duration}, info), 3 modern with
 * files.full.sources objects and the duration under info.source.
 */
export function mediaGeneration(media: FakeMedia): 0 | 1 | 2 | 3 {
  return Number(BigInt(media.id) % 4n) as 0 | 1 | 2 | 3
}

export function renderOnlyFansMedia(
  dataset: Dataset,
  media: FakeMedia,
  urlFor: UrlFor,
): Record<string, unknown> {
  const canView = media.state !== 'locked'
  const ready = media.state !== 'not_ready'
  const playable = canView && ready && media.state !== 'drm' && media.state !== 'error'
  const hasPreviews = media.type !== 'audio' && ready
  const videoPlayable = playable && media.type === 'video'
  // DRM exists only in the modern shape (files.drm).
  const generation = media.state === 'drm' ? 0 : mediaGeneration(media)
  const fullUrl = playable ? urlFor(media, 'full') : null
  const size = playable ? dataset.expectedSize(media.id, 'full') : 0
  const rendition = (quality: '720' | '240'): string | null =>
    videoPlayable ? urlFor(media, 'full', quality) : null
  const base: Record<string, unknown> = {
    id: Number(media.id),
    // A malformed item is sent without its type, as older OFAuth docs show.
    ...(media.fault === 'malformed' ? {} : { type: media.type }),
    convertedToVideo: false,
    canView,
    hasError: media.state === 'error',
    createdAt: iso(media.createdAt),
    isReady: ready,
    hasCustomPreview: false,
    releaseForms: [],
  }
  if (generation === 2)
    return { ...base, ...flatFields(media, urlFor, fullUrl, size, hasPreviews, rendition) }
  const file = (kind: VariantKind, width: number, height: number): Record<string, unknown> => ({
    url: urlFor(media, kind),
    width,
    height,
    size: 0,
  })
  const original = { url: fullUrl, width: media.width, height: media.height, size }
  const files: Record<string, unknown> =
    generation === 1
      ? {
          source: {
            ...original,
            duration: media.durationSec,
            sources: { '720': rendition('720'), '240': rendition('240') },
          },
        }
      : {
          full: {
            ...original,
            sources:
              generation === 3 && videoPlayable
                ? [
                    { url: rendition('720'), width: 720, height: 540, size: 0 },
                    { url: rendition('240'), width: 320, height: 240, size: 0 },
                  ]
                : [],
          },
        }
  if (hasPreviews) {
    files['thumb'] = file('thumb', 32, 32)
    files['preview'] = { ...file('preview', 96, 72), options: [] }
    files['squarePreview'] = file('squarePreview', 64, 64)
  }
  if (media.state === 'drm') files['drm'] = drmBlock(media, urlFor)
  return {
    ...base,
    files,
    duration: generation === 0 ? media.durationSec : 0,
    ...(generation === 3 ? { info: { source: { width: 0, height: 0, duration: media.durationSec } } } : {}),
    videoSources:
      generation === 0 ? { '240': rendition('240'), '720': rendition('720') } : { '240': null, '720': null },
  }
}

/** The pre-2023 flat shape: URLs as plain strings, sizes under `info`, the duration under `source`. */
function flatFields(
  media: FakeMedia,
  urlFor: UrlFor,
  fullUrl: string | null,
  size: number,
  hasPreviews: boolean,
  rendition: (quality: '720' | '240') => string | null,
): Record<string, unknown> {
  const dims = { width: media.width, height: media.height, size }
  return {
    src: fullUrl,
    ...(hasPreviews
      ? {
          preview: urlFor(media, 'preview'),
          thumb: urlFor(media, 'thumb'),
          squarePreview: urlFor(media, 'squarePreview'),
        }
      : {}),
    locked: null,
    duration: 0,
    source: { source: fullUrl, ...dims, duration: media.durationSec },
    info: { source: dims, ...(hasPreviews ? { preview: { width: 96, height: 72, size: 0 } } : {}) },
    videoSources: { '720': rendition('720'), '240': rendition('240') },
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

export interface MessageRendering {
  /** Newer OnlyFansAPI pages say who sent a message (`isSentByMe`). */
  readonly sentByMe?: string
  /** FansMetric names the answered message by id; the others nest it. */
  readonly replyAsId?: boolean
}

export function renderOnlyFansMessage(
  dataset: Dataset,
  message: FakeMessage,
  urlFor: UrlFor,
  filter: MediaTypeFilter = null,
  rendering: MessageRendering = {},
): Record<string, unknown> {
  const media = mediaOf(dataset, message, filter)
  const locked = media.some((m) => m.state === 'locked')
  const price = message.price ?? 0
  const reply =
    message.replyToId === null
      ? {}
      : rendering.replyAsId
        ? { replyToMessageId: Number(message.replyToId) }
        : { replyToMessage: { id: Number(message.replyToId), _view: 's' } }
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
    isTip: message.tip !== null,
    ...(message.tip !== null ? { tipAmount: message.tip } : {}),
    isReportedByMe: false,
    isCouplePeopleMedia: false,
    queueId: Number(message.id) % 1_000_000,
    isMarkdownDisabled: true,
    releaseForms: [],
    fromUser: { id: Number(message.senderId), _view: 's' },
    ...(rendering.sentByMe ? { isSentByMe: message.senderId === rendering.sentByMe } : {}),
    isFromQueue: message.isMass,
    ...reply,
    id: Number(message.id),
    // A locked message is opened once bought; the fake's locked messages are never bought.
    isOpened: !locked,
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

/** Every message of a chat, text-only ones too, newest first, older than `beforeId` when given. */
export function messagesBefore(messages: readonly FakeMessage[], beforeId: string | null): FakeMessage[] {
  const all = [...messages].reverse()
  return beforeId === null ? all : all.filter((m) => BigInt(m.id) < BigInt(beforeId))
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

/** What every OnlyFans wrapper's chat list says of a chat besides its fan: the last message, read state. */
export function chatListState(chat: FakeChat): Record<string, unknown> {
  return {
    lastMessage: lastMessageSummary(chat.messages.at(-1)),
    unreadMessagesCount: 0,
    canSendMessage: true,
    lastReadMessageId: Number(chat.messages.at(-1)?.id ?? 0),
  }
}

/** Path segment that names a media file on a fake CDN: `<id>/<kind>[-<quality>].<ext>`. */
export function cdnFileName(media: FakeMedia, kind: VariantKind, quality?: VideoQuality): string {
  const ext = kind !== 'full' || media.type === 'photo' ? 'png' : media.type === 'video' ? 'mp4' : 'mp3'
  const suffix = kind === 'full' && quality && quality !== 'source' ? `-${quality}` : ''
  return `${media.id}/${kind}${suffix}.${ext}`
}
