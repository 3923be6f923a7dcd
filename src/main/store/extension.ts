// File extensions for stored files. The extension ends up in a path on disk, so it comes only from
// this allow-list: a hostile Content-Type or URL can pick one of these, never invent one. What type
// an extension means is lib/mime.ts's answer, shared with serve and the providers.
import { mimeForExtension } from '../lib/mime'

const extensionByMime: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/x-m4v': 'm4v',
  'video/mp2t': 'ts',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/webm': 'weba',
  'audio/flac': 'flac',
}

/**
 * The extensions a stored file may have. The extension ends up in a path on disk, so only these:
 * never `html`, `svg` or anything a browser or shell would treat as more than media.
 */
const storedExtensions: ReadonlySet<string> = new Set([...Object.values(extensionByMime), 'bin'])

/** URL spellings that mean the same stored extension. */
const extensionAliases: Readonly<Record<string, string>> = { jpeg: 'jpg', jpe: 'jpg' }

export const fallbackExtension = 'bin'

export function isAllowedExtension(ext: string): boolean {
  return storedExtensions.has(ext)
}

/** `type/subtype` in lower case without parameters, or null when the header is not a plain media type. */
export function normaliseMime(contentType: string | null | undefined): string | null {
  if (!contentType) return null
  const bare = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? ''
  return /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(bare) ? bare : null
}

function extensionFromUrl(url: string | null | undefined): string | null {
  if (!url) return null
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    return null
  }
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(pathname)
  if (!match?.[1]) return null
  const raw = match[1].toLowerCase()
  const ext = extensionAliases[raw] ?? raw
  return isAllowedExtension(ext) && ext !== fallbackExtension ? ext : null
}

/**
 * The extension to store a file under: the response's media type when we know it, else the URL's
 * (CDNs often answer application/octet-stream), else `bin`.
 */
export function extensionFor(mime: string | null | undefined, url?: string | null): string {
  const normalised = normaliseMime(mime)
  const fromMime = normalised ? extensionByMime[normalised] : undefined
  return fromMime ?? extensionFromUrl(url) ?? fallbackExtension
}

/** A media type to record for a stored file: the server's when it is specific, else the extension's. */
export function mimeFor(contentType: string | null | undefined, ext: string): string {
  const normalised = normaliseMime(contentType)
  if (normalised && Object.hasOwn(extensionByMime, normalised)) return normalised
  return (isAllowedExtension(ext) ? mimeForExtension(ext) : null) ?? 'application/octet-stream'
}
