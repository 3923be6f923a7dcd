// How an archived file is addressed, on both transports: `/media/<catalog id>/<full|thumb>`, under
// the app's own scheme in Electron (chatkeep-media://media/12/full) and on serve's origin in a
// browser, where the URL also carries serve's read-only media key (see src/main/server/auth.ts).
// Main parses with `parseMediaPath`; the renderer builds with `appMediaUrl` / `serveMediaUrl`.

export const mediaFileKinds = ['full', 'thumb'] as const
/** `full` is the original; `thumb` is the best preview archived for it. */
export type MediaFileKind = (typeof mediaFileKinds)[number]

/** The Electron app's privileged scheme for archived files. */
export const MEDIA_SCHEME = 'chatkeep-media'

/** serve's query parameter for the media key: grants reading archived files and nothing else. */
export const MEDIA_KEY_PARAM = 'key'

export interface MediaAddress {
  readonly id: number
  readonly kind: MediaFileKind
}

export function mediaPath(id: number, kind: MediaFileKind): string {
  return `/media/${id}/${kind}`
}

/** chatkeep-media://media/<id>/<kind>: the host is `media`, so the path is the same as serve's. */
export function appMediaUrl(id: number, kind: MediaFileKind): string {
  return `${MEDIA_SCHEME}:/${mediaPath(id, kind)}`
}

/** A same-origin URL for serve, with the media key when the page has one. */
export function serveMediaUrl(id: number, kind: MediaFileKind, mediaKey: string | null): string {
  const path = mediaPath(id, kind)
  return mediaKey === null ? path : `${path}?${MEDIA_KEY_PARAM}=${encodeURIComponent(mediaKey)}`
}

/** A positive catalog id of at most 15 digits (always a safe integer). */
const mediaPathPattern = /^\/media\/([1-9][0-9]{0,14})\/(full|thumb)$/

/** Null for anything but exactly `/media/<positive id>/<full|thumb>`. */
export function parseMediaPath(path: string): MediaAddress | null {
  const match = mediaPathPattern.exec(path)
  if (match === null) return null
  return { id: Number(match[1]), kind: match[2] as MediaFileKind }
}
