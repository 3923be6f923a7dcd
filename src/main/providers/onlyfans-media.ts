// The OnlyFans media object, in every shape the three OnlyFans wrappers pass through: modern
// `files.{full,thumb,preview,squarePreview}`, stories' `files.source`, the older flat
// `src/preview/thumb/squarePreview/source/info`, `video.mp4` and `videoSources`, DRM `files.drm`.
// Unknown fields are kept (raw is stored verbatim); only `id` and `type` are truly required.
import { z } from 'zod'
import type { MediaType, ProviderId, VariantKind, VideoQuality } from '../../shared/domain'
import { isMediaMime, mimeForExtension } from '../lib/mime'
import { SchemaDrift } from './errors'
import {
  known,
  ofMediaFieldsShape,
  type OfFile,
  readDurationSec,
  readOriginal,
  readRenditions,
} from './onlyfans-media-fields'
import { idSchema, looseBoolean, looseStringSchema, parseOrDrift } from './parse'
import type { MediaVariant, ProviderMedia } from './types'

export const ofMediaSchema = z.looseObject({
  id: idSchema,
  type: z.string(),
  canView: looseBoolean(true),
  hasError: looseBoolean(false),
  isReady: looseBoolean(true),
  createdAt: looseStringSchema.optional(),
  ...ofMediaFieldsShape,
})
export type OfMedia = z.infer<typeof ofMediaSchema>

const mediaTypeByName: Readonly<Record<string, MediaType>> = {
  photo: 'photo',
  image: 'photo',
  video: 'video',
  audio: 'audio',
  gif: 'gif',
}

/** Parses and normalises one media object; `path` names it in a SchemaDrift ("data.list[2].media[0]"). */
export function normalizeOnlyFansMedia(provider: ProviderId, value: unknown, path: string): ProviderMedia {
  const media = parseOrDrift(provider, ofMediaSchema, value, path)
  const type = mediaTypeByName[media.type.toLowerCase()]
  if (!type)
    throw new SchemaDrift(provider, `${path}.type`, `unknown media type ${JSON.stringify(media.type)}`)
  const files = media.files ?? null
  const drm = files?.drm !== undefined && files.drm !== null
  const original = readOriginal(media)
  // Locked and DRM originals are never downloadable as plain files, whatever URL is lying around.
  const playable = media.canView && !drm
  const isVideo = type === 'video'

  const variants: MediaVariant[] = [
    variant(
      'full',
      playable ? original.url : null,
      original.width,
      original.height,
      original.size,
      type,
      isVideo ? 'source' : null,
    ),
  ]
  if (isVideo && playable) {
    for (const rendition of readRenditions(media)) {
      const { url, width, height, size, quality } = rendition
      variants.push(variant('full', url, width, height, size, type, quality))
    }
  }
  const previewInfo = media.info?.preview ?? null
  const has = (key: string): boolean => hasKey(value, key) || hasKey(hasKeyValue(value, 'files'), key)
  pushPreview(variants, 'preview', files?.preview, media.preview, previewInfo, has('preview'))
  pushPreview(variants, 'thumb', files?.thumb, media.thumb, null, has('thumb'))
  pushPreview(
    variants,
    'squarePreview',
    files?.squarePreview,
    media.squarePreview,
    null,
    has('squarePreview'),
  )

  return {
    providerMediaId: media.id,
    type,
    width: original.width,
    height: original.height,
    durationSec: type === 'video' || type === 'audio' || type === 'gif' ? readDurationSec(media) : null,
    createdAt: media.createdAt ?? null,
    canView: media.canView,
    isReady: media.isReady,
    hasError: media.hasError,
    drm,
    variants,
    accessRules: [],
    raw: value,
  }
}

function hasKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && key in value
}

function hasKeyValue(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

function pushPreview(
  out: MediaVariant[],
  kind: VariantKind,
  file: OfFile | null | undefined,
  flatUrl: string | null | undefined,
  info: { width?: number | null; height?: number | null; size?: number | null } | null,
  present: boolean,
): void {
  if (!present) return
  const url = file?.url ?? flatUrl ?? null
  // Previews are images even for videos (OnlyFans serves a frame).
  out.push(
    variant(
      kind,
      url,
      known(file?.width) ?? known(info?.width),
      known(file?.height) ?? known(info?.height),
      known(file?.size) ?? known(info?.size),
      'photo',
      null,
    ),
  )
}

function variant(
  kind: VariantKind,
  url: string | null,
  width: number | null,
  height: number | null,
  size: number | null,
  type: MediaType,
  quality: VideoQuality | null,
): MediaVariant {
  return { kind, url: url === '' ? null : url, width, height, size, mime: guessMime(url, type), quality }
}

const mimeByType: Readonly<Record<MediaType, string>> = {
  photo: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/mpeg',
  gif: 'image/gif',
}

export function guessMime(url: string | null, type: MediaType): string | null {
  if (url) {
    const inner = url.includes('/media/download/') ? url.slice(url.indexOf('/media/download/')) : url
    const match = /\.([a-z0-9]{2,4})(?:[?#]|$)/i.exec(inner.split('?')[0] ?? inner)
    const byExt = match ? mimeForExtension(match[1] ?? '') : null
    if (byExt && isMediaMime(byExt)) return byExt
  }
  return url ? mimeByType[type] : null
}
