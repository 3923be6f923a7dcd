// How many bytes one download may take before it is stopped (issue 17.6): a CDN that lies about a
// file's length, or sends a body without end, must not fill the disk or get committed. Pure.
import type { MediaType, VariantKind } from '../../shared/domain'

const MiB = 1024 * 1024
const GiB = 1024 * MiB

/**
 * Caps when nothing else bounds a body (no Content-Length, no size from the provider), and a
 * ceiling on what a response may announce. Each is far above any real file of its kind, so a
 * genuine file never meets it, and low enough that a runaway body stops long before the disk does:
 * - photos: phone and camera JPEGs are 2–30 MB, the largest panoramas ~100 MB → 256 MiB;
 * - gifs: OnlyFans "gifs" are short looping MP4s, tens of MB at most → 1 GiB;
 * - audio: voice notes are minutes; an hour of uncompressed WAV is ~640 MB → 4 GiB;
 * - videos: the platforms cap uploads at a few GiB; an hour of 4K at 50 Mbit/s is ~22 GB → 64 GiB
 *   (an endless video body without any announced length can still write this much: there is no
 *   tighter honest bound for it);
 * - thumbnails and square previews are small images (tens of KB) → 32 MiB;
 * - previews can be short clips of a video → 1 GiB, never more than the full file's cap.
 */
export const fullFileCaps: Readonly<Record<MediaType, number>> = Object.freeze({
  photo: 256 * MiB,
  gif: 1 * GiB,
  audio: 4 * GiB,
  video: 64 * GiB,
})
export const thumbnailCap = 32 * MiB
export const previewCap = 1 * GiB

/** The most bytes a file of this type and variant may have. */
export function sizeCapFor(type: MediaType, kind: VariantKind): number {
  const full = fullFileCaps[type]
  if (kind === 'full') return full
  if (kind === 'preview') return Math.min(previewCap, full)
  return thumbnailCap
}

/** Used when a caller passes no cap: the largest, so nothing genuine is refused. */
export const defaultSizeCap = fullFileCaps.video

/**
 * Slack on a size the provider announced: its number describes the item and may be rounded or
 * describe another rendition than the one fetched, so a body may run a little over it. 1/16 of
 * the size, at least 64 KiB: a 1,000-byte "photo" that streams gigabytes stops after ~66 KB.
 * (A length the response itself announces is exact: HTTP framing, no slack.)
 */
export function providerSizeBound(size: number): number {
  return size + Math.max(64 * 1024, Math.ceil(size / 16))
}

export interface BodyLimit {
  readonly bytes: number
  /** Why this is the limit, for the one-line error. */
  readonly source: 'response' | 'provider' | 'cap'
}

/**
 * The tightest bound on a file's full length: the response's own length, the provider's size
 * (with its slack) and the cap for the kind of file. Null inputs are unknown.
 */
export function bodyLimit(responseTotal: number | null, providerSize: number | null, cap: number): BodyLimit {
  let limit: BodyLimit = { bytes: cap, source: 'cap' }
  if (providerSize !== null && providerSizeBound(providerSize) < limit.bytes)
    limit = { bytes: providerSizeBound(providerSize), source: 'provider' }
  if (responseTotal !== null && responseTotal <= limit.bytes)
    limit = { bytes: responseTotal, source: 'response' }
  return limit
}
