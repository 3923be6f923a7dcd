// One node:http server hosting all four fake providers and their CDNs on 127.0.0.1.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ProviderId } from '../../src/shared/domain'
import { handleCdn, isCdnPath } from './cdn'
import { type FakeProviderKeys, type Route, type RouteContext, sendJson } from './context'
import { createDataset, type Dataset, type DatasetOptions } from './dataset'
import { handleFansMetric } from './fansmetric-routes'
import { handleFansly } from './fansly-routes'
import { type FaultFlags, FaultState } from './faults'
import { answerHostile, hostileApplies, type HostileStats, rewriterFor } from './hostile-api'
import { handleOfAuth } from './ofauth-routes'
import { handleOnlyFansApi } from './onlyfansapi-routes'

export type { FaultFlags } from './faults'
export type { Dataset, DatasetOptions } from './dataset'
export type { HostileApi, HostileApiMode, HostileStats, KeyEchoForm } from './hostile-api'

export const defaultKeys: FakeProviderKeys = {
  onlyfansapi: 'ofapi_fake_key_0123456789',
  'onlyfansapi-fansly': 'ofapi_fake_key_0123456789',
  ofauth: 'ofauth_fake_key_0123456789',
  fansmetric: 'fm_api_fake_key_0123456789',
}

export type RequestTarget = ProviderId | 'cdn' | 'unknown'

export interface RequestLogEntry {
  readonly method: string
  /** Path and query as requested. */
  readonly path: string
  readonly provider: RequestTarget
  readonly status: number
  readonly at: number
}

export interface FakeProvidersOptions extends DatasetOptions {
  readonly port?: number
  readonly host?: string
  readonly keys?: Partial<FakeProviderKeys>
  readonly faults?: Partial<FaultFlags>
  /** Log to the console (the CLI turns it on). */
  readonly verbose?: boolean
}

export interface FakeProviders {
  /** http://127.0.0.1:PORT, the base URL of every provider and CDN. */
  readonly url: string
  readonly dataset: Dataset
  readonly keys: FakeProviderKeys
  /** Merge new fault flags (an empty object changes nothing; `resetFaults()` restores defaults). */
  faults(flags: Partial<FaultFlags>): void
  resetFaults(): void
  readonly currentFaults: Readonly<FaultFlags>
  readonly requestLog: RequestLogEntry[]
  /** API requests (CDN excluded) per provider. */
  apiRequestCount(provider?: ProviderId): number
  /** What the `hostileApi` answers have sent so far (tests may zero it). */
  readonly hostileStats: HostileStats
  /** Most CDN file bodies open at once since the start or the last reset (the benchmarks report it). */
  cdnPeakOpen(reset?: boolean): number
  close(): Promise<void>
}

const routes: readonly Route[] = [handleCdn, handleFansly, handleOnlyFansApi, handleOfAuth, handleFansMetric]

export function targetOf(pathname: string): RequestTarget {
  if (isCdnPath(pathname)) return 'cdn'
  if (pathname.startsWith('/api/fansly/')) return 'onlyfansapi-fansly'
  if (pathname.startsWith('/api/')) return 'onlyfansapi'
  if (pathname.startsWith('/v2/')) return 'ofauth'
  if (pathname.startsWith('/v1/') || pathname === '/health') return 'fansmetric'
  return 'unknown'
}

export async function startFakeProviders(options: FakeProvidersOptions = {}): Promise<FakeProviders> {
  const dataset = createDataset(options)
  const faults = new FaultState()
  if (options.faults) faults.set(options.faults)
  const keys: FakeProviderKeys = { ...defaultKeys, ...options.keys }
  const secret = randomBytes(16).toString('hex')
  const requestLog: RequestLogEntry[] = []
  const sockets = new Set<Socket>()
  const hostileStats: HostileStats = { bodyBytesSent: 0 }
  let origin = ''

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    const target = targetOf(url.pathname)
    res.on('close', () => {
      requestLog.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        provider: target,
        status: res.statusCode,
        at: Date.now(),
      })
      if (options.verbose) process.stderr.write(`${req.method} ${url.pathname} -> ${res.statusCode}\n`)
    })
    const decision = faults.decide(target === 'cdn' ? 'cdn' : 'api')
    const hostile = target === 'cdn' || target === 'unknown' ? null : faults.flags.hostileApi
    const hostileHere = hostileApplies(hostile, url) ? hostile : null
    const ctx: RouteContext = {
      req,
      res,
      url,
      origin,
      dataset,
      faults,
      decision,
      keys,
      secret,
      clientIp: req.socket.remoteAddress ?? '',
      ...(hostileHere && { rewriteJson: rewriterFor(hostileHere.mode, url) }),
    }
    if (faults.flags.slowFirstByteMs > 0) await sleep(faults.flags.slowFirstByteMs)
    if (decision.reset && target !== 'cdn') {
      req.socket.destroy()
      return
    }
    if (decision.status5xx && target !== 'unknown' && url.pathname !== '/health') {
      sendJson({ ...ctx, decision: { ...decision, truncate: false } }, 503, {
        error: 'SERVICE_UNAVAILABLE',
        message: 'The upstream service is temporarily unavailable.',
      })
      return
    }
    if (hostileHere && (await answerHostile(req, res, hostileHere.mode, hostileStats))) return
    for (const route of routes) {
      if (await route(ctx)) return
    }
    sendJson(ctx, 404, { error: 'Not found' })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: 'FAKE_SERVER_ERROR', message: String(error) }))
      } else {
        res.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  origin = `http://${host}:${(server.address() as AddressInfo).port}`

  return {
    url: origin,
    dataset,
    keys,
    faults: (flags) => faults.set(flags),
    resetFaults: () => faults.reset(),
    get currentFaults() {
      return faults.flags
    },
    requestLog,
    hostileStats,
    cdnPeakOpen: (reset = false) => {
      const peak = faults.cdnLoad.maxOpen
      if (reset) faults.cdnLoad.resetPeak()
      return peak
    },
    apiRequestCount: (provider) =>
      requestLog.filter(
        (e) => e.provider !== 'cdn' && e.provider !== 'unknown' && (!provider || e.provider === provider),
      ).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
