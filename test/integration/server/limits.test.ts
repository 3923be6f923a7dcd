// What one client may hold: a refused request does not keep its socket, a slow head or body is cut
// off, and event streams are capped. Raw sockets, because fetch and node:http would send the
// request whole and at once.
import { mkdtemp, rm } from 'node:fs/promises'
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxEventStreams, startServer, type RunningServer } from '../../../src/main/server'
import { createFakeCore } from './fake-core'

let dir: string
/** The limits as shipped. */
let server: RunningServer
/** Short limits so the timeout tests take seconds; the same code applies the shipped ones. */
let hasty: RunningServer
const headersTimeoutMs = 1000
const requestTimeoutMs = 1500

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatkeep-limits-'))
  server = await startServer(createFakeCore(new Map()), { rendererDir: dir, logError: () => undefined })
  hasty = await startServer(createFakeCore(new Map()), {
    rendererDir: dir,
    headersTimeoutMs,
    requestTimeoutMs,
    logError: () => undefined,
  })
})

afterAll(async () => {
  await Promise.all([server.close(), hasty.close()])
  await rm(dir, { recursive: true, force: true })
})

interface Trickle {
  readonly socket: Socket
  /** Everything the server sent, and when the socket closed (ms after the head was sent). */
  readonly closed: Promise<{ readonly answer: string; readonly afterMs: number }>
  stop(): void
}

/** Sends `head` at once (or byte by byte), then one byte of body every 100 ms, as a slowloris does. */
function trickle(target: RunningServer, head: string, trickleHead = false): Trickle {
  const socket = connect(target.port, '127.0.0.1')
  const started = Date.now()
  let answer = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (answer += chunk))
  socket.on('error', () => undefined)
  let index = 0
  if (!trickleHead) socket.write(head)
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return
    // A trickled head goes on as one endless header value, so it never ends or breaks.
    socket.write(trickleHead ? (head[index++] ?? 'x') : 'x')
  }, 100)
  const closed = new Promise<{ answer: string; afterMs: number }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ answer, afterMs: Date.now() - started })
    }),
  )
  return {
    socket,
    closed,
    stop: () => {
      clearInterval(timer)
      socket.destroy()
    },
  }
}

function post(target: RunningServer, auth: boolean): string {
  return [
    'POST /api/catalog:stats HTTP/1.1',
    `Host: 127.0.0.1:${target.port}`,
    'Content-Type: application/json',
    'Content-Length: 100000',
    ...(auth ? [`Authorization: Bearer ${target.token}`] : []),
    '',
    '',
  ].join('\r\n')
}

describe('slow and refused requests', () => {
  it('answers an unauthenticated request and closes its socket at once, whatever body is still coming', async () => {
    const client = trickle(server, post(server, false))
    try {
      const { answer, afterMs } = await client.closed
      expect(answer).toMatch(/^HTTP\/1\.1 401 /)
      expect(answer.toLowerCase()).toContain('connection: close')
      // Far below the shipped 30 s body limit, which would otherwise be what ends it.
      expect(afterMs).toBeLessThan(5000)
    } finally {
      client.stop()
    }
  })

  it('cuts off a head that trickles in', async () => {
    const client = trickle(hasty, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${hasty.port}\r\nX-Slow: `, true)
    try {
      const { afterMs } = await client.closed
      // Node checks the limit once per connectionsCheckingInterval (a second, set by the server);
      // the upper bound leaves room for a loaded machine and is still far below Node's 60 s.
      expect(afterMs).toBeGreaterThanOrEqual(headersTimeoutMs - 100)
      expect(afterMs).toBeLessThan(headersTimeoutMs + 8000)
    } finally {
      client.stop()
    }
  })

  it('cuts off an authenticated body that trickles in', async () => {
    const client = trickle(hasty, post(hasty, true))
    try {
      const { answer, afterMs } = await client.closed
      expect(answer).toMatch(/^HTTP\/1\.1 408 /)
      expect(afterMs).toBeGreaterThanOrEqual(requestTimeoutMs - 100)
      expect(afterMs).toBeLessThan(requestTimeoutMs + 8000)
    } finally {
      client.stop()
    }
  })
})

function openStream(): Promise<{ readonly res: IncomingMessage; readonly req: ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/events',
        headers: { authorization: `Bearer ${server.token}` },
      },
      (res) => resolve({ res, req }),
    )
    req.on('error', reject)
    req.end()
  })
}

describe('event streams', () => {
  it(`accepts at most ${maxEventStreams} at once, and frees a slot when one closes`, async () => {
    const open: Array<{ res: IncomingMessage; req: ClientRequest }> = []
    try {
      for (let i = 0; i < maxEventStreams; i += 1) open.push(await openStream())
      expect(open.every(({ res }) => res.statusCode === 200)).toBe(true)

      const refused = await openStream()
      expect(refused.res.statusCode).toBe(503)
      expect(refused.res.headers['retry-after']).toBeDefined()
      const body = await new Promise<string>((resolve) => {
        let text = ''
        refused.res.setEncoding('utf8')
        refused.res.on('data', (chunk: string) => (text += chunk))
        refused.res.on('end', () => resolve(text))
      })
      expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'unavailable' } })

      const first = open.shift()
      first?.req.destroy()
      // The server notices the close asynchronously.
      await expect
        .poll(async () => {
          const next = await openStream()
          open.push(next)
          return next.res.statusCode
        })
        .toBe(200)
    } finally {
      for (const { req } of open) req.destroy()
    }
  })
})
