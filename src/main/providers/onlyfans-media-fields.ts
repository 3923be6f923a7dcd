// One reader per OnlyFans media field that lives in different places in different API
// generations. Each says where it looks, in which order, and why; the media normaliser calls these
// and nothing else, so a new generation is taught here, once.
//   modern (2023-):   files.full {url,width,height,size,sources[]}, top-level duration, videoSources
//   stories:          files.source {url,width,height,duration,sources{720,240}} instead of files.full
//   flat (pre-2023):  full/src, source{source,width,height,size,duration}, info.source{…}, video.mp4
import { z } from 'zod'
import type { VideoQuality } from '../../shared/domain'
import { looseNumberSchema, looseStringSchema } from './parse'

export const ofFileSchema = z.looseObject({
  url: looseStringSchema.optional(),
  width: looseNumberSchema.optional(),
  height: looseNumberSchema.optional(),
  size: looseNumberSchema.optional(),
  duration: looseNumberSchema.optional(),
  /** Renditions: a map by quality (stories) or an array of file objects (modern `full`). */
  sources: z.unknown().optional(),
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

/** `source` and `info.source`/`info.preview` of the flat shape. */
export const ofSizeInfoSchema = z
  .looseObject({
    width: looseNumberSchema.optional(),
    height: looseNumberSchema.optional(),
    size: looseNumberSchema.optional(),
    duration: looseNumberSchema.optional(),
    source: looseStringSchema.optional(),
  })
  .nullish()
  .catch(null)

/** The fields the readers below need; the media schema adds id, type and flags. */
export const ofMediaFieldsShape = {
  duration: looseNumberSchema.optional(),
  files: ofFilesSchema.nullish().catch(null),
  full: looseStringSchema.optional(),
  src: looseStringSchema.optional(),
  preview: looseStringSchema.optional(),
  thumb: looseStringSchema.optional(),
  squarePreview: looseStringSchema.optional(),
  source: ofSizeInfoSchema,
  info: z.looseObject({ source: ofSizeInfoSchema, preview: ofSizeInfoSchema }).nullish().catch(null),
  video: z.looseObject({ mp4: looseStringSchema.optional() }).nullish().catch(null),
  videoSources: z.unknown().optional(),
}
export type OfMediaFields = z.infer<z.ZodObject<typeof ofMediaFieldsShape, z.core.$loose>>

export interface FileFacts {
  readonly url: string | null
  readonly width: number | null
  readonly height: number | null
  readonly size: number | null
}

/**
 * The original file. `files.full` (modern) first, then `files.source` (stories have no `full`),
 * then the flat fields (`full`, `src`, `source.source`, `info.source.source`, `video.mp4`), which
 * older messages carry instead. Width, height and size come from the same generation as the URL
 * where it has them, else from `info.source`/`source`.
 */
export function readOriginal(media: OfMediaFields): FileFacts {
  const file = media.files?.full ?? media.files?.source ?? null
  const info = media.info?.source ?? media.source ?? null
  const url =
    nonEmpty(file?.url) ??
    nonEmpty(media.full) ??
    nonEmpty(media.src) ??
    nonEmpty(media.source?.source) ??
    nonEmpty(media.info?.source?.source) ??
    nonEmpty(media.video?.mp4)
  return {
    url,
    width: known(file?.width) ?? known(info?.width),
    height: known(file?.height) ?? known(info?.height),
    size: known(file?.size) ?? known(info?.size),
  }
}

/**
 * Seconds of a video or voice note. Top-level `duration` (modern), then `files.source.duration`
 * (stories), `files.full.duration`, `source.duration` and `info.source.duration` (flat): each
 * generation writes it once, the others say 0 or nothing, so the first positive value wins.
 */
export function readDurationSec(media: OfMediaFields): number | null {
  return (
    known(media.duration) ??
    known(media.files?.source?.duration) ??
    known(media.files?.full?.duration) ??
    known(media.source?.duration) ??
    known(media.info?.source?.duration)
  )
}

export interface Rendition extends FileFacts {
  readonly quality: Exclude<VideoQuality, 'source'>
}

/**
 * The 720p/240p renditions of a video. Top-level `videoSources` {"720": url} (modern and flat),
 * then `files.source.sources` (a map by quality, stories), then `files.full.sources` (an array of
 * file objects). The first place that offers a quality wins; a rendition without a URL is absent.
 */
export function readRenditions(media: OfMediaFields): readonly Rendition[] {
  const found = new Map<Rendition['quality'], Rendition>()
  for (const place of [media.videoSources, media.files?.source?.sources, media.files?.full?.sources]) {
    for (const rendition of renditionsIn(place)) {
      if (!found.has(rendition.quality)) found.set(rendition.quality, rendition)
    }
  }
  return (['720', '240'] as const).flatMap((q) => {
    const rendition = found.get(q)
    return rendition ? [rendition] : []
  })
}

/** Short side from which a rendition without a label is nearer 720p than 240p (480 is halfway). */
const hdShortSide = 480

function renditionsIn(place: unknown): Rendition[] {
  if (Array.isArray(place)) return place.flatMap((entry) => fromObject(entry, null))
  if (typeof place !== 'object' || place === null) return []
  return Object.entries(place).flatMap(([key, value]) => {
    const quality = qualityOf(key)
    if (typeof value === 'string') return quality && value !== '' ? [bare(quality, value)] : []
    return fromObject(value, quality)
  })
}

function fromObject(value: unknown, keyQuality: Rendition['quality'] | null): Rendition[] {
  const parsed = ofFileSchema
    .extend({ label: z.unknown().optional(), quality: z.unknown().optional(), type: z.unknown().optional() })
    .safeParse(value)
  if (!parsed.success) return []
  const file = parsed.data
  const url = nonEmpty(file.url)
  if (!url) return []
  const width = known(file.width)
  const height = known(file.height)
  const labelled = [file.quality, file.label, file.type].map(qualityOf).find((q) => q !== null)
  const shortSide = width !== null && height !== null ? Math.min(width, height) : null
  const quality =
    keyQuality ?? labelled ?? (shortSide === null ? null : shortSide >= hdShortSide ? '720' : '240')
  return quality ? [{ quality, url, width, height, size: known(file.size) }] : []
}

function bare(quality: Rendition['quality'], url: string): Rendition {
  return { quality, url, width: null, height: null, size: null }
}

function qualityOf(label: unknown): Rendition['quality'] | null {
  const text = typeof label === 'number' ? String(label) : typeof label === 'string' ? label : ''
  if (/^720p?$/i.test(text)) return '720'
  if (/^240p?$/i.test(text)) return '240'
  return null
}

/** OnlyFans writes 0 for an unknown width, height, size or duration (audio, some vault items). */
export function known(value: number | null | undefined): number | null {
  return value != null && value > 0 ? value : null
}

function nonEmpty(value: string | null | undefined): string | null {
  return value != null && value !== '' ? value : null
}
