// What the synthetic catalogs share (test/support/seed-catalog.ts for tests, the bench seeds in
// test/bench/lib): one random source, the words of made-up chats, one mix of media types and
// statuses, and the flag columns a status implies, so every seeded catalog looks alike.

/** mulberry32: deterministic, so every seeded catalog is the same catalog. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Cycled by media id: mostly photos, as in real archives. */
export const mediaTypes = ['photo', 'photo', 'video', 'photo', 'audio', 'gif', 'photo', 'video'] as const
export type SeedMediaType = (typeof mediaTypes)[number]

/** Drawn at random: four in nine downloaded, one each of the states a sync can leave an item in. */
export const mediaStatuses = [
  'downloaded',
  'downloaded',
  'downloaded',
  'downloaded',
  'locked',
  'pending',
  'drm',
  'failed',
  'not_ready',
] as const
export type SeedMediaStatus = (typeof mediaStatuses)[number]

/** Bytes: 50 KB to 5 MB for a photo, 1 MB to 900 MB for anything else. */
export function mediaSize(type: SeedMediaType, random: () => number): number {
  return type === 'photo'
    ? 50_000 + Math.floor(random() * 5_000_000)
    : 1_000_000 + Math.floor(random() * 900_000_000)
}

/** Type (cycled by id), status and size (drawn, status first) of the synthetic media item `mediaId`. */
export function drawMedia(
  mediaId: number,
  random: () => number,
): { readonly type: SeedMediaType; readonly status: SeedMediaStatus; readonly size: number } {
  const type = mediaTypes[mediaId % mediaTypes.length] as SeedMediaType
  const status = mediaStatuses[Math.floor(random() * mediaStatuses.length)] as SeedMediaStatus
  return { type, status, size: mediaSize(type, random) }
}

/** The can_view, is_ready, has_error and drm columns (0/1) a sync writes with that status. */
export function mediaFlags(status: SeedMediaStatus): readonly [number, number, number, number] {
  return [
    status === 'locked' ? 0 : 1,
    status === 'not_ready' ? 0 : 1,
    status === 'failed' ? 1 : 0,
    status === 'drm' ? 1 : 0,
  ]
}

/** Words of leisure and places, in the order both seeded vocabularies list them. */
export const leisureWords = [
  'holiday',
  'pool',
  'dinner',
  'concert',
  'rain',
  'garden',
  'studio',
  'mirror',
  'travel',
] as const

/** Words of nature and seasons, in the order both seeded vocabularies list them. */
export const natureWords = [
  'river',
  'mountain',
  'snow',
  'summer',
  'autumn',
  'spring',
  'winter',
  'night',
] as const
