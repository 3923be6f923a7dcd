// A hostile provider API: answers that are huge, endless, not JSON, absurdly deep, that echo the
// caller's key in disguise, or that hand back the cursor they were asked for. Set with the
// `hostileApi` fault flag; every answer here comes before the provider's own routes.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Writable } from 'node:stream'
import { createGzip } from 'node:zlib'

export interface HugeJson {
  readonly kind: 'huge-json'
  readonly bytes: number
  readonly chunked?: boolean
  /** Sent gzipped: a few hundred KB on the wire that inflate to `bytes`. */
  readonly gzip?: boolean
}

/** How a provider may disguise the key it echoes in an error body. */
export type KeyEchoForm =
  'plain' | 'upper' | 'spaced' | 'html-split' | 'hex' | 'base64' | 'base64-bearer' | 'percent'

export const keyEchoForms: readonly KeyEchoForm[] = [
  'plain',
  'upper',
  'spaced',
  'html-split',
  'hex',
  'base64',
  'base64-bearer',
  'percent',
]

export type HostileApiMode =
  /** A valid JSON document of exactly `bytes` bytes, with its Content-Length unless chunked or gzipped. */
  | HugeJson
  /** A JSON array that never closes, chunked, until the client leaves (or `maxBytes`, a guard for the test machine). */
  | { readonly kind: 'endless-json'; readonly maxBytes?: number }
  /** 200 with an HTML page, as a captive portal or a misrouted proxy answers. */
  | { readonly kind: 'not-json' }
  /** The provider's own answer, with an unknown field nested `depth` arrays deep in every object. */
  | { readonly kind: 'deep-json'; readonly depth: number }
  /** An error status whose body repeats the key the request carried, disguised as `form`. */
  | {
      readonly kind: 'key-echo'
      readonly form: KeyEchoForm
      readonly status: number
      /** An HTML page instead of the provider's `{error, message}` JSON. */
      readonly html?: boolean
    }
  /** The provider's own page, but its next-page pointers name the page just read. */
  | { readonly kind: 'stuck-cursor' }
  /** 404 with the provider's usual error body: a chat deleted (or hidden) upstream. */
  | { readonly kind: 'not-found' }

export interface HostileApi {
  readonly mode: HostileApiMode
  /** Only requests whose path contains this string; every API request when absent. */
  readonly pathIncludes?: string
}

/** What the hostile answers cost the server, so tests can see how much a client read. */
export interface HostileStats {
  /** Body bytes of huge and endless answers handed to the socket. */
  bodyBytesSent: number
}

export function hostileApplies(hostile: HostileApi | null, url: URL): hostile is HostileApi {
  return (
    hostile !== null && (hostile.pathIncludes === undefined || url.pathname.includes(hostile.pathIncludes))
  )
}

/** The disguised key exactly as a `key-echo` body carries it. */
export function echoOf(key: string, form: KeyEchoForm): string {
  switch (form) {
    case 'plain':
      return key
    case 'upper':
      return key.toUpperCase()
    case 'spaced':
      return key.split('').join(' ')
    case 'html-split':
      return (key.match(/.{1,4}/gu) ?? []).join('</span><span>')
    case 'hex':
      return Buffer.from(key).toString('hex')
    case 'base64':
      return Buffer.from(key).toString('base64')
    case 'base64-bearer':
      return Buffer.from(`Bearer ${key}`).toString('base64')
    case 'percent':
      return [...Buffer.from(key)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
  }
}

/** The key the request authenticated with, whichever header its provider uses. */
export function keyOfRequest(req: IncomingMessage): string {
  const auth = req.headers.authorization
  const bearer = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth)?.[1] : undefined
  const other = req.headers['apikey'] ?? req.headers['x-api-key']
  return bearer ?? (typeof other === 'string' ? other : '')
}

/**
 * Answers the request when the mode replaces the provider's answer (true); `stuck-cursor` and
 * `deep-json` only rewrite the provider's own answer (`rewriterFor`), so they return false.
 */
export async function answerHostile(
  req: IncomingMessage,
  res: ServerResponse,
  mode: HostileApiMode,
  stats: HostileStats,
): Promise<boolean> {
  switch (mode.kind) {
    case 'huge-json':
      await sendHuge(res, mode, stats)
      return true
    case 'endless-json':
      await sendEndless(res, mode.maxBytes ?? 2 * 1024 ** 3, stats)
      return true
    case 'not-json':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<html><head><title>Sign in to the network</title></head><body><h1>Welcome</h1></body></html>')
      return true
    case 'key-echo': {
      const echo = echoOf(keyOfRequest(req), mode.form)
      const html = mode.html === true
      const text = html
        ? `<html><body><h1>Error ${mode.status}</h1><p>The key <span>${echo}</span> is not valid.</p></body></html>`
        : JSON.stringify({ error: 'INVALID_KEY', message: `The key ${echo} is not valid.` })
      res.writeHead(mode.status, {
        'content-type': html ? 'text/html; charset=utf-8' : 'application/json',
        ...(mode.status === 429 ? { 'retry-after': '1' } : {}),
      })
      res.end(text)
      return true
    }
    case 'not-found':
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'NOT_FOUND', message: 'Chat not found.' }))
      return true
    case 'stuck-cursor':
    case 'deep-json':
      return false
  }
}

/** How a reshaping mode rewrites the provider's own JSON answer to `url` (identity for the others). */
export function rewriterFor(mode: HostileApiMode, url: URL): (text: string) => string {
  if (mode.kind === 'stuck-cursor') return stuckCursor(url)
  if (mode.kind === 'deep-json') return deepFields(mode.depth)
  return (text) => text
}

/**
 * Points every next-page field of a page at the page itself: `_pagination.next_page` (OnlyFansAPI,
 * FansMetric), `nextOffset` (OFAuth), with `hasMore` left true.
 */
function stuckCursor(url: URL): (text: string) => string {
  const offset = Number(url.searchParams.get('offset') ?? '0')
  const self = new URL(url.pathname + url.search, 'https://app.onlyfansapi.com').href
  return (text) => {
    const body: unknown = JSON.parse(text)
    if (!isRecord(body)) return text
    const out: Record<string, unknown> = { ...body }
    if ('_pagination' in out || isRecord(out['_meta'])) out['_pagination'] = { next_page: self }
    if (isRecord(out['data']) && 'hasMore' in out['data']) out['data'] = { ...out['data'], hasMore: true }
    if ('hasMore' in out) out['hasMore'] = true
    if ('nextOffset' in out || 'hasMore' in out) out['nextOffset'] = offset
    return JSON.stringify(out)
  }
}

/**
 * Adds `"nesting":[[[…]]]` to every object of the answer, so it reaches whatever the client keeps
 * (a chat's or a message's raw JSON). Written as text: JSON.stringify itself overflows on it.
 */
function deepFields(depth: number): (text: string) => string {
  const placeholder = '\u0000deep\u0000'
  const marker = JSON.stringify(placeholder)
  const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
  const add = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(add)
    if (!isRecord(value)) return value
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) out[key] = add(field)
    out['nesting'] = placeholder
    return out
  }
  return (text) =>
    JSON.stringify(add(JSON.parse(text)))
      .split(marker)
      .join(deep)
}

const chunkBytes = 64 * 1024
/** 64 KiB of `"xxxx…",` array elements, so every chunk boundary falls inside valid JSON. */
const element = `"${'x'.repeat(62)}",`
const filler = Buffer.from(element.repeat(chunkBytes / element.length))

interface Sink {
  /** Writes with back-pressure; false once the client has gone. */
  write(chunk: Buffer): Promise<boolean>
  end(chunk: Buffer): void
}

/** The response body, gzipped when asked; `bodyBytesSent` counts bytes before compression. */
function bodySink(res: ServerResponse, gzip: boolean, stats: HostileStats): Sink {
  const out: Writable = gzip ? createGzip() : res
  let gone = false
  res.once('close', () => {
    gone = true
    if (out !== res) out.destroy()
  })
  if (out !== res) out.pipe(res)
  return {
    async write(chunk) {
      if (gone) return false
      stats.bodyBytesSent += chunk.length
      if (!out.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            out.off('drain', done)
            res.off('close', done)
            resolve()
          }
          out.on('drain', done)
          res.on('close', done)
        })
      }
      return !gone
    },
    end(chunk) {
      stats.bodyBytesSent += chunk.length
      out.end(chunk)
    },
  }
}

async function sendHuge(res: ServerResponse, mode: HugeJson, stats: HostileStats): Promise<void> {
  const head = Buffer.from('{"data":[')
  const tail = Buffer.from('"end"]}')
  const gzip = mode.gzip === true
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...(mode.chunked || gzip ? {} : { 'content-length': String(mode.bytes) }),
  })
  const sink = bodySink(res, gzip, stats)
  if (!(await sink.write(head))) return
  let left = mode.bytes - head.length - tail.length
  while (left >= filler.length) {
    if (!(await sink.write(filler))) return
    left -= filler.length
  }
  // Whole elements, then spaces (valid JSON whitespace) up to the exact size.
  const elements = Math.floor(left / element.length)
  const rest = Buffer.from(element.repeat(elements) + ' '.repeat(left - elements * element.length))
  if (!(await sink.write(rest))) return
  sink.end(tail)
}

async function sendEndless(res: ServerResponse, maxBytes: number, stats: HostileStats): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' })
  const sink = bodySink(res, false, stats)
  if (!(await sink.write(Buffer.from('{"data":[')))) return
  for (let sent = 0; sent < maxBytes; sent += filler.length) {
    if (!(await sink.write(filler))) return
  }
  sink.end(Buffer.alloc(0))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
