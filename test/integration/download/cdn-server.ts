// A small CDN stand-in on 127.0.0.1: real sockets, real Range handling, and the ways real CDNs fail
// (truncated bodies, resets, 403 on expired signatures, 429 with Retry-After, redirects).
import { createHash } from 'node:crypto'
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import net, { type AddressInfo } from 'node:net'

export interface RecordedRequest {
  readonly path: string
  readonly headers: IncomingHttpHeaders
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

export interface CdnServer {
  readonly origin: string
  readonly host: string
  readonly requests: RecordedRequest[]
  /** Most requests open at the same time since start (or the last reset). */
  readonly maxConcurrent: number
  url(path: string): string
  route(path: string, handler: Route): void
  /** Sees every request before its route does (which socket it came on, for instance). */
  onRequest(listener: (req: IncomingMessage) => void): void
  resetCounters(): void
  close(): Promise<void>
}

export async function startCdnServer(): Promise<CdnServer> {
  const routes = new Map<string, Route>()
  const requests: RecordedRequest[] = []
  const listeners: Array<(req: IncomingMessage) => void> = []
  let open = 0
  let maxConcurrent = 0
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push({ path, headers: req.headers })
    for (const listener of listeners) listener(req)
    open += 1
    maxConcurrent = Math.max(maxConcurrent, open)
    // Closed when its last byte is handed to the socket ('finish') or it is cut off ('close'),
    // whichever comes first: on a kept-alive socket 'close' can lag behind the client already
    // starting its next request, which would count one response twice.
    let counted = true
    const done = (): void => {
      if (!counted) return
      counted = false
      open -= 1
    }
    res.once('finish', done)
    res.once('close', done)
    const route = routes.get(path)
    if (!route) {
      res.writeHead(404).end('not found')
      return
    }
    Promise.resolve(route(req, res)).catch(() => res.destroy())
  })
  // Keep-alive as real CDNs do (Node's default 5 s); close() ends kept sockets itself. A timeout
  // under a second is announced as `Keep-Alive: timeout=0`, which clients take as "do not reuse".
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    host: `127.0.0.1:${port}`,
    requests,
    get maxConcurrent() {
      return maxConcurrent
    },
    url: (path) => origin + path,
    route: (path, handler) => void routes.set(path, handler),
    onRequest: (listener) => void listeners.push(listener),
    resetCounters() {
      requests.length = 0
      listeners.length = 0
      maxConcurrent = open
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function sha256(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex')
}

/** Deterministic bytes that do not compress or repeat at chunk boundaries. */
export function testBytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i += 1) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

export interface ServeOptions {
  readonly contentType?: string
  /** False: answer 200 with the whole body whatever Range says (some CDNs do). */
  readonly honourRange?: boolean
  readonly etag?: string
  /** Wait this long before answering, so concurrent requests overlap. */
  readonly holdMs?: number
}

/** Serves a body with byte-range support, as S3/CloudFront do. */
export function serveBytes(body: Buffer, options: ServeOptions = {}): Route {
  return async (req, res) => {
    if (options.holdMs) await new Promise((resolve) => setTimeout(resolve, options.holdMs))
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
    }
    if (options.etag) headers.etag = options.etag
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    const ifRange = req.headers['if-range']
    const rangeValid = !ifRange || ifRange === options.etag
    if (range?.[1] && options.honourRange !== false && rangeValid) {
      const start = Number(range[1])
      if (start >= body.length) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end()
        return
      }
      res.writeHead(206, {
        ...headers,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'content-length': String(body.length - start),
      })
      res.end(body.subarray(start))
      return
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) })
    res.end(body)
  }
}

/** Announces the full length, sends `sent` bytes, then closes the connection. */
export function truncated(body: Buffer, sent: number, contentType = 'image/jpeg'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) })
    res.write(body.subarray(0, sent), () => {
      // Give the bytes time to leave before the socket goes, so the client really has a partial body.
      setTimeout(() => res.socket?.destroy(), 20)
    })
  }
}

/** Chunked (no length), then the socket is reset mid-body. */
export function resetMidBody(body: Buffer, sent: number): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'video/mp4' })
    res.write(body.subarray(0, sent), () => {
      setTimeout(() => res.socket?.resetAndDestroy(), 20)
    })
  }
}

export function status(code: number, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(`status ${code}`)
  }
}

export function redirect(location: string, code = 302): Route {
  return (_req, res) => {
    res.writeHead(code, { location }).end()
  }
}

/** Streams `size` generated bytes without holding them: the server's memory stays flat too. */
export function generated(size: number, chunkSize = 64 * 1024): { route: Route; sha256: string } {
  const chunk = testBytes(chunkSize, 7)
  const hash = createHash('sha256')
  for (let sent = 0; sent < size; sent += chunkSize)
    hash.update(chunk.subarray(0, Math.min(chunkSize, size - sent)))
  const route: Route = (_req, res) => {
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(size) })
    let sent = 0
    const pump = (): void => {
      while (sent < size) {
        const piece = chunk.subarray(0, Math.min(chunkSize, size - sent))
        sent += piece.length
        if (!res.write(piece)) {
          res.once('drain', pump)
          return
        }
      }
      res.end()
    }
    pump()
  }
  return { route, sha256: hash.digest('hex') }
}

export interface RawServer {
  readonly origin: string
  close(): Promise<void>
}

/**
 * A bare TCP server that answers every request with `reply` in one write, so head and body reach
 * the client in one packet: what node:http would never send (malformed framing) can be tested.
 */
export async function startRawServer(reply: (request: string) => Buffer): Promise<RawServer> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.once('data', (data) => socket.end(reply(data.toString('latin1'))))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** Sends `body` at `bytesPerSecond` in 16 KiB steps, as a CDN that caps each connection does. */
export function paced(body: Buffer, bytesPerSecond: number, contentType = 'image/jpeg'): Route {
  const step = 16 * 1024
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) })
    const started = Date.now()
    for (let sent = 0; sent < body.length && !res.destroyed;) {
      const piece = body.subarray(sent, sent + step)
      sent += piece.length
      // Paced before the write, so the response ends with its last byte, not with a wait after it.
      const wait = started + (sent / bytesPerSecond) * 1000 - Date.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      if (sent >= body.length) res.end(piece)
      else if (!res.write(piece))
        await new Promise((resolve) => res.once('drain', resolve).once('close', resolve))
    }
  }
}

export interface OpenLimit {
  /** Wraps a route: above `max` open responses it answers 429 with Retry-After instead. */
  wrap(route: Route): Route
  /** null: no limit any more. */
  setMax(max: number | null): void
  /** When each 429 went out, and when each request came in (ms since epoch). */
  readonly refusedAt: number[]
  readonly arrivedAt: number[]
}

export function openLimit(initialMax: number | null, retryAfterSeconds: number): OpenLimit {
  let max = initialMax
  let open = 0
  const refusedAt: number[] = []
  const arrivedAt: number[] = []
  return {
    refusedAt,
    arrivedAt,
    setMax: (value) => void (max = value),
    wrap: (route) => (req, res) => {
      arrivedAt.push(Date.now())
      if (max !== null && open >= max) {
        refusedAt.push(Date.now())
        res.writeHead(429, { 'retry-after': String(retryAfterSeconds) }).end('busy')
        return
      }
      open += 1
      res.once('close', () => (open -= 1))
      return route(req, res)
    },
  }
}
