// Serve mode: the contract, push events and archived media over HTTP on the loopback interface,
// plus the built renderer, so the app runs in any browser and in Playwright.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EVENTS_PATH, SERVE_TOKEN_PARAM, SESSION_PATH, type ServeSession } from '../../shared/serve-http'
import { unexpectedMessage } from '../api/errors'
import { logToStderr, type ErrorLog } from '../api/invoke'
import type { Core } from '../core-types'
import { handleApi } from './api-route'
import {
  createAccessPolicy,
  hostAllowed,
  mediaAuthorized,
  originAllowed,
  requestAuthorized,
  type AccessPolicy,
} from './auth'
import { createEventStreams, type EventStreams } from './events-route'
import { handleMedia } from './media-route'
import { refuse, sendError, sendJson, setSecurityHeaders } from './responses'
import { handleStatic } from './static-route'

export { maxEventStreams } from './events-route'

export interface ServerOptions {
  /** Interface to bind; 127.0.0.1 unless the user explicitly asks for another. */
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Full API access for this run; defaults to 32 random bytes as hex. */
  readonly token?: string
  /** Read access to archived files only (media URLs carry it); defaults to 32 random bytes as hex. */
  readonly mediaKey?: string
  /** The built renderer (out/renderer). */
  readonly rendererDir: string
  /** How often idle event streams get a comment; tests shorten it. */
  readonly keepAliveMs?: number
  /** Where unexpected errors go in full; the browser only ever sees one line. Default: stderr. */
  readonly logError?: ErrorLog
  /** Tests shorten these; see `defaultLimits`. */
  readonly headersTimeoutMs?: number
  readonly requestTimeoutMs?: number
}

/**
 * How long a request may take to arrive, so that no client (authenticated or not) can hold a
 * socket by sending slowly. Node's defaults are 60 s for the head and 300 s for the whole request.
 * A browser or script on this machine sends the head in one packet and the largest body serve
 * takes (1 MiB) in milliseconds; 10 s and 30 s still leave room for a loaded machine or a slow
 * link when serve is bound to a LAN address (30 s for 1 MiB is ~35 KB/s). A response may take as
 * long as it needs: event streams and video stay open, and these limits do not apply to them.
 */
const defaultLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  /** Node checks both limits on this beat (default 30 s, which would let a 10 s limit run to 40 s). */
  checkEveryMs: 1_000,
} as const

export interface RunningServer {
  /** http://127.0.0.1:PORT/?token=... — opening it logs the browser in. */
  readonly url: string
  readonly port: number
  readonly token: string
  readonly mediaKey: string
  close(): Promise<void>
}

interface Routes {
  readonly core: Core
  readonly policy: AccessPolicy
  readonly streams: EventStreams
  readonly rendererDir: string
  readonly log: ErrorLog
}

const unauthorized = 'Missing or wrong token: open the URL that "chatkeep serve" printed.'

async function route(req: IncomingMessage, res: ServerResponse, routes: Routes): Promise<void> {
  setSecurityHeaders(res)
  const { policy } = routes
  if (!hostAllowed(req, policy)) {
    refuse(res, 403, 'forbidden', 'Unexpected Host header.')
    return
  }
  const url = new URL(req.url ?? '/', 'http://localhost')
  const { pathname } = url
  const isApi = pathname === '/api' || pathname.startsWith('/api/')
  const isMedia = pathname.startsWith('/media/')
  const readOnly = req.method === 'GET' || req.method === 'HEAD'

  if (isApi || isMedia) {
    if (!readOnly && !originAllowed(req, policy)) {
      refuse(res, 403, 'forbidden', 'Cross-origin requests are refused.')
      return
    }
    const authorized = isMedia ? mediaAuthorized(req, url, policy) : requestAuthorized(req, policy)
    if (!authorized) {
      refuse(res, 401, 'forbidden', unauthorized)
      return
    }
    if (isMedia) return handleMedia(req, res, pathname, routes.core)
    if (pathname === EVENTS_PATH && readOnly) {
      routes.streams.handle(req, res)
      return
    }
    if (pathname === SESSION_PATH && readOnly) {
      const session: ServeSession = { mediaKey: policy.mediaKey }
      sendJson(res, 200, { ok: true, value: session })
      return
    }
    return handleApi(req, res, pathname.slice('/api/'.length), routes.core.handlers, routes.log)
  }
  // The page itself, `/?token=…` included: the renderer reads the token from its own address.
  return handleStatic(req, res, pathname, routes.rendererDir)
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

export async function startServer(core: Core, options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? randomBytes(32).toString('hex')
  const mediaKey = options.mediaKey ?? randomBytes(32).toString('hex')
  const streams = createEventStreams(core.events, options.keepAliveMs ?? 15_000)
  let routes: Routes | null = null

  const requestTimeout = options.requestTimeoutMs ?? defaultLimits.requestTimeoutMs
  const limits = {
    requestTimeout,
    // Node requires the head's limit to be at most the whole request's.
    headersTimeout: Math.min(options.headersTimeoutMs ?? defaultLimits.headersTimeoutMs, requestTimeout),
    connectionsCheckingInterval: defaultLimits.checkEveryMs,
  }
  const server = createServer(limits, (req, res) => {
    if (routes === null) {
      sendError(res, 503, 'unavailable', 'Starting.')
      return
    }
    const current = routes
    route(req, res, current).catch((error: unknown) => {
      current.log(`${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://localhost').pathname}`, error)
      if (res.headersSent) res.destroy()
      else refuse(res, 500, 'internal', unexpectedMessage)
    })
  })

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen)
      resolveListen()
    })
  })
  const port = (server.address() as AddressInfo).port
  routes = {
    core,
    policy: createAccessPolicy(host, port, token, mediaKey),
    streams,
    rendererDir: options.rendererDir,
    log: options.logError ?? logToStderr,
  }

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolveClose) => {
      streams.closeAll()
      server.close(() => resolveClose())
      server.closeAllConnections()
    })
    return closing
  }

  const url = `http://${displayHost(host)}:${port}/?${SERVE_TOKEN_PARAM}=${token}`
  return { url, port, token, mediaKey, close }
}
