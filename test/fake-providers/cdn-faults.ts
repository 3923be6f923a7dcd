// How the fake CDN misbehaves on purpose: the hostile bodies of issue 17 (protocol errors in the
// same packet as the head, endless and lying bodies, a trickle) and the limits real CDNs impose
// (issue 14: more than N open file responses answer 429).
import type { ServerResponse } from 'node:http'
import type { RouteContext } from './context'
import { byteChunks, type FileSpec } from './bytes'
import { hashString } from './prng'

export type CdnHostileMode =
  /** Content-Length, the whole body, then garbage: all in one TCP write. */
  | 'extra-bytes'
  /** Chunked, one good chunk, then a chunk size that is not hex: all in one TCP write. */
  | 'bad-chunk'
  /** Chunked with no length, and bytes forever. */
  | 'endless'
  /** Content-Length of 4 GiB for a small file, and bytes until the client hangs up. */
  | 'overlong'
  /** The true Content-Length, then one byte every `cdnTrickleMs`. */
  | 'trickle'
  /** 429 with `Retry-After: cdnRetryAfterSeconds`, every time. */
  | 'rate-limited'

export interface CdnFaultFlags {
  /** What the CDN sends instead of a full file for the media `cdnHostileShare` picks. */
  readonly cdnHostile: CdnHostileMode | null
  /**
   * Share of media ids hit, picked by a hash of the id (not at random per request), so the same
   * files misbehave on every attempt and the others never do.
   */
  readonly cdnHostileShare: number
  /** 'trickle': milliseconds between bytes. */
  readonly cdnTrickleMs: number
  /** More file bodies than this open at once answer 429 (null: no limit), as download proxies do. */
  readonly cdnMaxOpen: number | null
  /** Seconds in the Retry-After of those 429s, and of the 'rate-limited' mode's. */
  readonly cdnRetryAfterSeconds: number
}

export const defaultCdnFaults: CdnFaultFlags = {
  cdnHostile: null,
  cdnHostileShare: 1,
  cdnTrickleMs: 20_000,
  cdnMaxOpen: null,
  cdnRetryAfterSeconds: 1,
}

/** The hostile mode for one media id, or null when it is served honestly. */
export function hostileModeFor(flags: CdnFaultFlags, mediaId: string): CdnHostileMode | null {
  if (flags.cdnHostile === null) return null
  return (hashString(`hostile:${mediaId}`) % 10_000) / 10_000 < flags.cdnHostileShare
    ? flags.cdnHostile
    : null
}

/** File bodies being sent right now: what the connection limit counts. */
export class CdnLoad {
  private open = 0
  /** Most bodies open at the same time since the server started (or `resetPeak`). */
  maxOpen = 0

  resetPeak(): void {
    this.maxOpen = this.open
  }

  /** Counts the body as open until `res` closes; false (nothing counted) when over `limit`. */
  admit(ctx: RouteContext, limit: number | null): boolean {
    if (limit !== null && this.open >= limit) return false
    this.open += 1
    this.maxOpen = Math.max(this.maxOpen, this.open)
    // Closed once its last byte is handed to the socket ('finish') or it is cut off ('close'),
    // whichever comes first: on a kept-alive socket 'close' can come after the client already
    // has every byte and has sent its next request.
    let counted = true
    const done = (): void => {
      if (!counted) return
      counted = false
      this.open -= 1
    }
    ctx.res.once('finish', done)
    ctx.res.once('close', done)
    return true
  }
}

const fourGiB = 4 * 1024 ** 3

/** Sends the hostile answer for `mode`; resolves when the server is done with the connection. */
export async function sendHostile(ctx: RouteContext, mode: CdnHostileMode, spec: FileSpec): Promise<void> {
  if (mode === 'rate-limited') {
    ctx.res.writeHead(429, {
      'content-type': 'text/plain',
      'retry-after': String(ctx.faults.flags.cdnRetryAfterSeconds),
    })
    ctx.res.end('Slow down')
    return
  }
  const body = Buffer.concat([...byteChunks(spec)])
  const type = 'application/octet-stream'
  if (mode === 'extra-bytes' || mode === 'bad-chunk') {
    // Straight onto the socket, bypassing node:http, so head and broken body leave in one write and
    // reach the client in one packet (loopback keeps a write of this size together).
    const head =
      mode === 'extra-bytes'
        ? `HTTP/1.1 200 OK\r\ncontent-type: ${type}\r\ncontent-length: ${body.length}\r\n\r\n`
        : `HTTP/1.1 200 OK\r\ncontent-type: ${type}\r\ntransfer-encoding: chunked\r\n\r\n`
    const firstChunk = body.subarray(0, Math.min(body.length, 4096))
    const tail =
      mode === 'extra-bytes'
        ? Buffer.concat([body, Buffer.from('GARBAGE AFTER THE BODY\r\n\r\n')])
        : Buffer.concat([
            Buffer.from(`${firstChunk.length.toString(16)}\r\n`),
            firstChunk,
            Buffer.from('\r\nzz\r\nnot a chunk\r\n'),
          ])
    ctx.req.socket.end(Buffer.concat([Buffer.from(head), tail]))
    return
  }
  if (mode === 'trickle') {
    ctx.res.writeHead(200, { 'content-type': type, 'content-length': String(body.length) })
    for (let i = 0; i < body.length && !ctx.res.destroyed; i++) {
      ctx.res.write(body.subarray(i, i + 1))
      await waitOrClose(ctx, ctx.faults.flags.cdnTrickleMs)
    }
    ctx.res.end()
    return
  }
  ctx.res.writeHead(200, {
    'content-type': type,
    ...(mode === 'overlong' ? { 'content-length': String(fourGiB) } : {}),
  })
  // Endless (or as good as): the real file, then its bytes again, until the client hangs up.
  for (let sent = 0; !ctx.res.destroyed && sent < fourGiB; sent += body.length) {
    if (!ctx.res.write(body)) await drainOrClose(ctx.res)
  }
}

function waitOrClose(ctx: RouteContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      ctx.res.off('close', done)
      resolve()
    }
    ctx.res.once('close', done)
  })
}

/**
 * Waits for room in the socket buffer, or for the client to go away. Both listeners are removed
 * once either fires: racing two `once` promises left the loser attached on every wait, which
 * piled up listeners on long bodies.
 */
export function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
