// `chatkeep-media://media/<id>/<full|thumb>`: the only way archived files reach the renderer.
// A catalog id maps to a store path through the core; every other URL is a 404, and the file must
// still lie inside the data folder after symlinks are resolved.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { Readable } from 'node:stream'
import type { Protocol } from 'electron'
import { MEDIA_SCHEME, parseMediaPath, type MediaAddress } from '../../shared/media-url'
import type { Core } from '../core-types'
import { realPathInside } from '../lib/contain'
import { contentRange, parseRange, type ByteSpan } from '../lib/http-range'

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

/** Null for anything but the exact form `chatkeep-media://media/<positive id>/<full|thumb>`. */
export function parseMediaUrl(raw: string): MediaAddress | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.port !== '') return null
  if (url.username !== '' || url.password !== '') return null
  // The host is the path's first segment: chatkeep-media://media/12/full is /media/12/full.
  return parseMediaPath(`/${url.hostname}${url.pathname}`)
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

function fileBody(path: string, range: ByteSpan): ReadableStream<Uint8Array> {
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
    if (range.kind === 'unsatisfiable') {
      return new Response(null, {
        status: 416,
        headers: { ...headers, 'Content-Range': contentRange(null, size) },
      })
    }
    const head = request.method === 'HEAD'
    if (range.kind === 'whole') {
      const body = head || size === 0 ? null : fileBody(realFile, { start: 0, end: size - 1 })
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Length': String(size) } })
    }
    const length = range.end - range.start + 1
    return new Response(head ? null : fileBody(realFile, range), {
      status: 206,
      headers: {
        ...headers,
        'Content-Length': String(length),
        'Content-Range': contentRange(range, size),
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
