// The fake CDNs: signed URLs that expire (403 after), Range (206), HEAD, and streamed bodies that
// are generated block by block so multi-gigabyte files cost no memory. `cdnBytesPerSecond` paces
// each response, which over HTTP/1.1 is each connection; cdn-faults.ts has the hostile modes and
// the open-connection limit.
import { setTimeout as sleep } from 'node:timers/promises'
import type { VariantKind, VideoQuality } from '../../src/shared/domain'
import { byteChunks, mimeOf, totalSize } from './bytes'
import { drainOrClose, hostileModeFor, sendHostile } from './cdn-faults'
import type { RouteContext } from './context'
import type { FakeMedia } from './dataset'
import { type SigningStyle, signUrl, verifyUrl } from './signing'
import { cdnFileName } from './onlyfans-views'

/** CDN prefixes, all on the fake's own origin. */
export const cdnPrefixes = {
  onlyfans: '/cdn/onlyfans/files/',
  fansapi: '/cdn/fansapi/',
  fansly: '/cdn/fansly/',
  ofauth: '/ofauth-media/',
} as const
export type CdnName = keyof typeof cdnPrefixes

export interface CdnSignOptions {
  readonly style: SigningStyle
  readonly sourceIp?: string
  readonly leading?: Readonly<Record<string, string>>
}

export function cdnUrl(
  ctx: Pick<RouteContext, 'origin' | 'secret' | 'faults'>,
  cdn: CdnName,
  media: FakeMedia,
  kind: VariantKind,
  quality: VideoQuality | undefined,
  sign: CdnSignOptions,
): string {
  const path = `${cdnPrefixes[cdn]}${cdnFileName(media, kind, quality)}`
  return signUrl(ctx.secret, ctx.origin, path, { ...sign, ttlSeconds: ctx.faults.flags.urlTtlSeconds })
}

interface ParsedFile {
  readonly mediaId: string
  readonly kind: VariantKind
  readonly quality: VideoQuality | undefined
}

function parseFile(pathname: string): ParsedFile | null {
  const match = /\/([^/]+)\/(full|thumb|preview|squarePreview)(?:-(720|240))?\.(png|mp4|mp3)$/.exec(pathname)
  if (!match) return null
  return {
    mediaId: match[1] as string,
    kind: match[2] as VariantKind,
    quality: match[3] as VideoQuality | undefined,
  }
}

function denied(ctx: RouteContext, code: string, message: string): true {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  ctx.res.writeHead(403, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(body)),
  })
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body)
  return true
}

export function isCdnPath(pathname: string): boolean {
  return Object.values(cdnPrefixes).some((prefix) => pathname.startsWith(prefix))
}

export async function handleCdn(ctx: RouteContext): Promise<boolean> {
  if (!isCdnPath(ctx.url.pathname)) return false
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') {
    ctx.res.writeHead(405, { allow: 'GET, HEAD' })
    ctx.res.end()
    return true
  }
  const verdict = verifyUrl(ctx.secret, ctx.url, ctx.clientIp)
  if (verdict === 'expired') return denied(ctx, 'AccessDenied', 'Request has expired')
  if (verdict === 'wrong_ip') return denied(ctx, 'AccessDenied', 'IP address not allowed')
  if (verdict !== 'ok') return denied(ctx, 'AccessDenied', 'Invalid signature')
  const file = parseFile(ctx.url.pathname)
  const media = file ? ctx.dataset.media(file.mediaId) : undefined
  if (!file || !media) return notFound(ctx)
  if (file.kind === 'full' && media.state !== 'ok') {
    return media.state === 'not_ready' ? notFound(ctx) : denied(ctx, 'AccessDenied', 'Access denied')
  }
  const spec = ctx.dataset.fileSpec(media.id, file.kind, file.quality)
  const hostile = file.kind === 'full' ? hostileModeFor(ctx.faults.flags, media.id) : null
  if (hostile && ctx.req.method === 'GET') {
    await sendHostile(ctx, hostile, spec)
    return true
  }
  if (ctx.req.method === 'GET' && !ctx.faults.cdnLoad.admit(ctx, ctx.faults.flags.cdnMaxOpen)) {
    ctx.res.writeHead(429, {
      'content-type': 'text/plain',
      'retry-after': String(ctx.faults.flags.cdnRetryAfterSeconds),
    })
    ctx.res.end('Too many open connections')
    return true
  }
  const size = totalSize(spec)
  const range = parseRange(ctx.req.headers.range, size)
  const baseHeaders = {
    'content-type': mimeOf(spec.format),
    'accept-ranges': 'bytes',
    etag: `"${spec.key}-${size}"`,
    'cache-control': 'private, max-age=3600',
  }
  if (range === 'unsatisfiable') {
    ctx.res.writeHead(416, { ...baseHeaders, 'content-range': `bytes */${size}` })
    ctx.res.end()
    return true
  }
  const [start, end] = range ?? [0, size - 1]
  const length = end - start + 1
  ctx.res.writeHead(range ? 206 : 200, {
    ...baseHeaders,
    'content-length': String(length),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  })
  if (ctx.req.method === 'HEAD') {
    ctx.res.end()
    return true
  }
  await streamBody(ctx, byteChunks(spec, start, end), length)
  return true
}

async function streamBody(ctx: RouteContext, chunks: Iterable<Buffer>, length: number): Promise<void> {
  const rate = ctx.faults.flags.cdnBytesPerSecond
  const cutAt = ctx.decision.truncate || ctx.decision.reset ? Math.floor(length / 2) : Infinity
  let sent = 0
  const started = Date.now()
  for (const chunk of chunks) {
    if (ctx.res.destroyed) return
    const part = sent + chunk.length > cutAt ? chunk.subarray(0, cutAt - sent) : chunk
    if (rate !== null && rate > 0) {
      // Pace before writing so the last byte arrives no earlier than the rate allows.
      const wait = started + ((sent + part.length) / rate) * 1000 - Date.now()
      if (wait > 0) await sleep(wait)
      if (ctx.res.destroyed) return
    }
    if (part.length > 0 && !ctx.res.write(part)) await drainOrClose(ctx.res)
    sent += part.length
    if (sent >= cutAt) {
      ctx.res.destroy()
      return
    }
  }
  ctx.res.end()
}

function notFound(ctx: RouteContext): true {
  ctx.res.writeHead(404, { 'content-type': 'text/plain' })
  ctx.res.end('Not Found')
  return true
}

/** RFC 9110 single byte range; multi-range requests get the whole file (allowed by the RFC). */
export function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | 'unsatisfiable' | null {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return null
  const [, startText = '', endText = ''] = match
  if (startText === '' && endText === '') return null
  if (startText === '') {
    const suffix = Number(endText)
    if (suffix === 0) return 'unsatisfiable'
    return [Math.max(0, size - suffix), size - 1]
  }
  const start = Number(startText)
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return [start, end]
}
