// Picks which Fansly file becomes each of our variant kinds. A Fansly media has its own file
// plus `variants`: resized images (type 1, 3), MP4 renditions (2), frames (1, 101) and streaming
// playlists (HLS 102/302, DASH 103/303). We want plain files: the best progressive file for
// `full`, small frames for `thumb`, and the teaser (or the poster frame) for `preview`.
// Streaming playlists are used for `full` only when no plain file exists.
import type { MediaType, VideoQuality } from '../../shared/domain'
import type { MediaVariant } from './types'
import type { FanslyLocation, FanslyMedia, FanslyVariant } from './fansly-schemas'
import { isPlainObject } from './fansly-values'

type FanslyFile = FanslyMedia | FanslyVariant

const hlsMime = 'application/vnd.apple.mpegurl'
const dashMime = 'application/dash+xml'
const streamingTypes: ReadonlySet<number> = new Set([102, 103, 302, 303])
/** Short side from which a frame is big enough to be a gallery thumbnail. */
const minThumbSide = 240
/** Short side from which an MP4 rendition is nearer 720p than 240p (480 is halfway). */
const hdShortSide = 480

interface Candidate {
  readonly file: FanslyFile
  readonly url: string
  readonly isOriginal: boolean
}

export function isStreaming(file: FanslyFile): boolean {
  const mime = (file.mimetype ?? '').toLowerCase()
  return streamingTypes.has(file.type) || mime === hlsMime || mime === dashMime || mime.includes('mpegurl')
}

/** A location whose signature is in the query string beats one that needs CloudFront cookies. */
export function pickLocation(file: FanslyFile): FanslyLocation | null {
  const locations = (file.locations ?? []).filter((loc) => loc.location.trim() !== '')
  return locations.find((loc) => !hasSigningMetadata(loc)) ?? locations[0] ?? null
}

export function hasSigningMetadata(location: FanslyLocation): boolean {
  return isPlainObject(location.metadata) && Object.keys(location.metadata).length > 0
}

function mimeFamily(file: FanslyFile): string {
  return (file.mimetype ?? '').toLowerCase().split('/')[0] ?? ''
}

function area(file: FanslyFile): number {
  return (file.width ?? 0) * (file.height ?? 0)
}

function shortSide(file: FanslyFile): number {
  return Math.min(file.width ?? 0, file.height ?? 0)
}

function candidates(media: FanslyMedia): Candidate[] {
  const out: Candidate[] = []
  const files: Array<[FanslyFile, boolean]> = [
    [media, true],
    ...(media.variants ?? []).map((v): [FanslyFile, boolean] => [v, false]),
  ]
  for (const [file, isOriginal] of files) {
    const location = pickLocation(file)
    if (location) out.push({ file, url: location.location, isOriginal })
  }
  return out
}

function familyFor(type: MediaType): string {
  return type === 'photo' || type === 'gif' ? 'image' : type
}

function toVariant(
  kind: MediaVariant['kind'],
  file: FanslyFile,
  url: string | null,
  quality: VideoQuality | null,
): MediaVariant {
  return {
    kind,
    url,
    width: file.width ?? null,
    height: file.height ?? null,
    size: null,
    mime: file.mimetype ?? null,
    quality,
  }
}

function videoQuality(candidate: Candidate): VideoQuality {
  if (candidate.isOriginal || isStreaming(candidate.file)) return 'source'
  return shortSide(candidate.file) >= hdShortSide ? '720' : '240'
}

/** Progressive files of the media's own kind, best first (the original, then by size). */
export function fullCandidates(media: FanslyMedia, type: MediaType): Candidate[] {
  const family = familyFor(type)
  const plain = candidates(media)
    .filter((c) => !isStreaming(c.file) && mimeFamily(c.file) === family)
    .sort((a, b) => Number(b.isOriginal) - Number(a.isOriginal) || area(b.file) - area(a.file))
  const streaming = candidates(media)
    .filter((c) => isStreaming(c.file))
    // HLS plays in more places than DASH.
    .sort(
      (a, b) =>
        Number((b.file.mimetype ?? '').includes('mpegurl')) -
        Number((a.file.mimetype ?? '').includes('mpegurl')),
    )
  return [...plain, ...streaming]
}

/** The `full` variant; its URL is null when Fansly sent no location (locked, not transcoded). */
export function selectFull(media: FanslyMedia, type: MediaType): MediaVariant {
  const best = fullCandidates(media, type)[0]
  if (!best) return toVariant('full', media, null, type === 'video' ? 'source' : null)
  return toVariant('full', best.file, best.url, type === 'video' ? videoQuality(best) : null)
}

/** The `full` rendition closest to a wished quality, falling back to the best one. */
export function selectFullForQuality(
  media: FanslyMedia,
  type: MediaType,
  quality: VideoQuality,
): MediaVariant | null {
  const all = fullCandidates(media, type)
  const match = all.find((c) => videoQuality(c) === quality) ?? all[0]
  return match
    ? toVariant('full', match.file, match.url, type === 'video' ? videoQuality(match) : null)
    : null
}

/** Resized images (1) and stream frames (101) are plain copies; type 3 is undocumented. */
const knownImageTypes: ReadonlySet<number> = new Set([1, 101])

function images(media: FanslyMedia, includeOriginal: boolean): Candidate[] {
  const all = candidates(media)
    .filter((c) => mimeFamily(c.file) === 'image' && (includeOriginal || !c.isOriginal))
    .sort((a, b) => area(a.file) - area(b.file))
  const known = all.filter((c) => c.isOriginal || knownImageTypes.has(c.file.type))
  return known.length > 0 ? known : all
}

/** The smallest image still big enough for the gallery; when all are tiny, the smallest. */
function smallestUsable(list: readonly Candidate[]): Candidate | null {
  return list.find((c) => shortSide(c.file) >= minThumbSide) ?? list[0] ?? null
}

/**
 * Thumbnail and preview. The teaser (`preview`, shown while locked) wins when there is one;
 * otherwise a video's frames serve as both. Photos get a thumb from their resized copies only.
 */
export function selectPreviews(media: FanslyMedia, teaser: FanslyMedia | null | undefined): MediaVariant[] {
  const out: MediaVariant[] = []
  const teaserImages = teaser ? images(teaser, true) : []
  const ownImages = images(media, false)
  const thumb = smallestUsable(teaserImages) ?? smallestUsable(ownImages)
  if (thumb) out.push(toVariant('thumb', thumb.file, thumb.url, null))
  let preview: Candidate | null = null
  if (teaser) {
    const teaserFiles = candidates(teaser).filter((c) => !isStreaming(c.file))
    preview =
      teaserFiles.find((c) => c.isOriginal) ??
      teaserFiles.sort((a, b) => area(b.file) - area(a.file))[0] ??
      null
  } else if (mimeFamily(media) === 'video') {
    preview = ownImages[ownImages.length - 1] ?? null
  }
  if (preview && preview.url !== thumb?.url) {
    out.push(
      toVariant('preview', preview.file, preview.url, mimeFamily(preview.file) === 'video' ? 'source' : null),
    )
  }
  return out
}
