// `chatkeep-media://media/<id>/<full|thumb>`: the only way archived files reach the renderer.
// A catalog id maps to a store path through the core; every other URL is a 404, and the file must
// still lie inside the data folder after symlinks are resolved.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { Readable } from 'node:stream'
import type { Protocol } from 'electron'
import type { Core, MediaFileKind } from '../core-types'
import { realPathInside } from '../lib/contain'

export const MEDIA_SCHEME = 'chatkeep-media'
const MEDIA_HOST = 'media'
const mediaPath = /^\/([1-9][0-9]{0,15})\/(full|thumb)$/

/** Must run before `app` is ready: privileges cannot be granted later. */
export function registerMediaScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      // standard: real host/path parsing; secure: no mixed-content blocks; stream: <video> can seek;
      // supportFetchAPI: the renderer may fetch() a file (e.g. to copy it). No bypassCSP, no CORS.
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ])
}

export function mediaUrl(id: number, kind: MediaFileKind): string {
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${id}/${kind}`
}

export interface ParsedMediaUrl {
  readonly id: number
  readonly kind: MediaFileKind
}

/** Null for anything but the exact form `chatkeep-media://media/<positive id>/<full|thumb>`. */
export function parseMediaUrl(raw: string): ParsedMediaUrl | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.hostname !== MEDIA_HOST || url.port !== '') return null
  if (url.username !== '' || url.password !== '') return null
  const match = mediaPath.exec(url.pathname)
  if (match === null) return null
  const id = Number(match[1])
  if (!Number.isSafeInteger(id)) return null
  return { id, kind: match[2] as MediaFileKind }
}

export type ByteRange = { readonly start: number; readonly end: number }

/**
 * Parses one `bytes=` range against the file size. `null` means "serve the whole file" (no header,
 * or a form we choose not to honour, such as several ranges); 'unsatisfiable' means answer 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === null) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (match === null) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (start >= size) return 'unsatisfiable'
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (end < start) return null
  return { start, end }
}

const baseHeaders: Readonly<Record<string, string>> = {
  'Accept-Ranges': 'bytes',
  'X-Content-Type-Options': 'nosniff',
  // Should a file ever be opened as a document (an SVG, say), it cannot run script or load anything.
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Cache-Control': 'no-cache',
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain', ...baseHeaders } })
}

function fileBody(path: string, range: ByteRange): ReadableStream<Uint8Array> {
  const stream = createReadStream(path, { start: range.start, end: range.end })
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>
}

export type MediaHandler = (request: Request) => Promise<Response>

/** The protocol handler, separate from registration so tests can call it with a plain Request. */
export function createMediaHandler(core: Pick<Core, 'dataDir' | 'resolveMediaFile'>): MediaHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', {
        status: 405,
        headers: { Allow: 'GET, HEAD', ...baseHeaders },
      })
    }
    const parsed = parseMediaUrl(request.url)
    if (parsed === null) return notFound()
    const file = await core.resolveMediaFile(parsed.id, parsed.kind)
    if (file === null || !isAbsolute(file.path)) return notFound()
    // The core checked the store already; checked again here so this handler alone never serves a
    // file outside the data folder, whatever core it is given.
    const realFile = await realPathInside(core.dataDir, file.path)
    if (realFile === null) return notFound()
    const info = await stat(realFile).catch(() => null)
    if (info === null || !info.isFile()) return notFound()

    const size = info.size
    const headers = { 'Content-Type': file.mime || 'application/octet-stream', ...baseHeaders }
    const range = parseRange(request.headers.get('range'), size)
    if (range === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } })
    }
    const head = request.method === 'HEAD'
    if (range === null) {
      const body = head || size === 0 ? null : fileBody(realFile, { start: 0, end: size - 1 })
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Length': String(size) } })
    }
    const length = range.end - range.start + 1
    return new Response(head ? null : fileBody(realFile, range), {
      status: 206,
      headers: {
        ...headers,
        'Content-Length': String(length),
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      },
    })
  }
}

/** Call after `app` is ready. */
export function registerMediaProtocol(
  protocol: Pick<Protocol, 'handle'>,
  core: Pick<Core, 'dataDir' | 'resolveMediaFile'>,
): void {
  const handler = createMediaHandler(core)
  protocol.handle(MEDIA_SCHEME, async (request) => {
    try {
      return await handler(request)
    } catch (error) {
      console.error('chatkeep: media request failed:', error instanceof Error ? error.message : String(error))
      return new Response('Internal error', { status: 500, headers: baseHeaders })
    }
  })
}
