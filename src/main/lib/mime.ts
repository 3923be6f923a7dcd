// Media types by file extension, for every place that names a file's type from its name: the
// store (the type of an archived file), serve's static files, and the providers' guess from a URL.
// The store's own allow-list of extensions lives in store/extension.ts; this table only answers
// "what type is a .x file", it never decides what may be stored.

const byExtension: Readonly<Record<string, string>> = {
  // Images
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  // Video
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  m4v: 'video/x-m4v',
  ts: 'video/mp2t',
  // Audio
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  wav: 'audio/wav',
  weba: 'audio/webm',
  flac: 'audio/flac',
  // The renderer's own files, served by `serve`
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  woff: 'font/woff',
  woff2: 'font/woff2',
  bin: 'application/octet-stream',
}

/** The media type of a `.ext` file (`ext` with or without the dot, any case), or null when unknown. */
export function mimeForExtension(ext: string): string | null {
  const key = ext.replace(/^\./, '').toLowerCase()
  return Object.hasOwn(byExtension, key) ? (byExtension[key] ?? null) : null
}

/** The media type of a file by the extension of its name or path, or null. */
export function mimeForPath(path: string): string | null {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(path)
  return match?.[1] ? mimeForExtension(match[1]) : null
}

/** Photos, videos and audio: what an archived file or a provider's media URL may be. */
export function isMediaMime(mime: string): boolean {
  return /^(image|video|audio)\//.test(mime)
}
