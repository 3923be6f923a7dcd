// The OnlyFans media object, in every shape the three OnlyFans wrappers pass through: modern
// `files.{full,thumb,preview,squarePreview}`, stories' `files.source`, the older flat
// `src/preview/thumb/squarePreview/source/info`, `video.mp4` and `videoSources`, DRM `files.drm`.
// Unknown fields are kept (raw is stored verbatim); only `id` and `type` are truly required.
import { z } from 'zod'
import type { MediaType, ProviderId, VariantKind, VideoQuality } from '../../shared/domain'
import { isMediaMime, mimeForExtension } from '../lib/mime'
import { SchemaDrift } from './errors'
import { idSchema, looseBoolean, looseNumberSchema, looseStringSchema, parseOrDrift } from './parse'
import type { MediaVariant, ProviderMedia } from './types'

export const ofFileSchema = z.looseObject({
  url: looseStringSchema.optional(),
  width: looseNumberSchema.optional(),
  height: looseNumberSchema.optional(),
  size: looseNumberSchema.optional(),
})
export type OfFile = z.infer<typeof ofFileSchema>

/** A file slot that may be absent, null, or (drift) not an object: the last two read as "no file". */
const optionalFileSchema = z.preprocess(
  (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null),
  ofFileSchema.nullable(),
)

export const ofFilesSchema = z.looseObject({
  full: optionalFileSchema.optional(),
  source: optionalFileSchema.optional(),
  thumb: optionalFileSchema.optional(),
  preview: optionalFileSchema.optional(),
  squarePreview: optionalFileSchema.optional(),
  drm: z.unknown().optional(),
})

const ofSizeInfoSchema = z
  .looseObject({
    width: looseNumberSchema.optional(),
    height: looseNumberSchema.optional(),
    size: looseNumberSchema.optional(),
    source: looseStringSchema.optional(),
  })
  .nullish()

export const ofMediaSchema = z.looseObject({
  id: idSchema,
  type: z.string(),
  canView: looseBoolean(true),
  hasError: looseBoolean(false),
  isReady: looseBoolean(true),
  createdAt: looseStringSchema.optional(),
  duration: looseNumberSchema.optional(),
  files: ofFilesSchema.nullish(),
  // The flat (pre-2023) shape. `full` and `src` are the original's URL.
  full: looseStringSchema.optional(),
  src: looseStringSchema.optional(),
  preview: looseStringSchema.optional(),
  thumb: looseStringSchema.optional(),
  squarePreview: looseStringSchema.optional(),
  source: ofSizeInfoSchema,
  info: z.looseObject({ source: ofSizeInfoSchema, preview: ofSizeInfoSchema }).nullish(),
  video: z.looseObject({ mp4: looseStringSchema.optional() }).nullish(),
  videoSources: z
    .preprocess(
      (value) => (typeof value === 'object' && value !== null ? value : null),
      z.record(z.string(), z.unknown()).nullable(),
    )
    .optional(),
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
  const fullFile = files?.full ?? files?.source ?? null
  const sourceInfo = media.info?.source ?? media.source ?? null
  const width = fullFile?.width ?? sourceInfo?.width ?? null
  const height = fullFile?.height ?? sourceInfo?.height ?? null
  const originalUrl =
    fullFile?.url ??
    media.full ??
    media.src ??
    media.source?.source ??
    media.info?.source?.source ??
    media.video?.mp4 ??
    null
  // Locked and DRM originals are never downloadable as plain files, whatever URL is lying around.
  const fullUrl = media.canView && !drm ? originalUrl : null
  const isVideo = type === 'video'

  const variants: MediaVariant[] = [
    variant(
      'full',
      fullUrl,
      width,
      height,
      sizeOf(fullFile?.size ?? sourceInfo?.size),
      type,
      isVideo ? 'source' : null,
    ),
  ]
  if (isVideo && media.canView && !drm) {
    for (const quality of ['720', '240'] as const) {
      const url = media.videoSources?.[quality]
      if (typeof url === 'string' && url !== '')
        variants.push(variant('full', url, null, null, null, type, quality))
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
    width,
    height,
    durationSec:
      type === 'video' || type === 'audio' || type === 'gif' ? positiveOrNull(media.duration) : null,
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
      file?.width ?? info?.width ?? null,
      file?.height ?? info?.height ?? null,
      sizeOf(file?.size ?? info?.size),
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

/** OnlyFans reports size 0 for "unknown". */
function sizeOf(size: number | null | undefined): number | null {
  return size != null && size > 0 ? size : null
}

function positiveOrNull(value: number | null | undefined): number | null {
  return value != null && value > 0 ? value : null
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
