// The got options for one download request: headers, redirects, timeouts. Kept apart from the
// streaming code because this is where credentials are handled.
import http from 'node:http'
import https from 'node:https'
import got, { type BeforeRedirectHook, type Delays, type Got, type OptionsInit } from 'got'

/** Headers that may follow a redirect to another origin: none of them can carry a key. */
const crossOriginSafeHeaders: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'if-range',
  'range',
  'user-agent',
])

/** Headers the downloader owns; a provider's value for them would break resume or hashing. */
const downloaderOwnedHeaders: ReadonlySet<string> = new Set(['range', 'if-range', 'accept-encoding'])

export const defaultTimeouts: Readonly<Delays> = Object.freeze({
  lookup: 10_000,
  connect: 15_000,
  secureConnect: 15_000,
  // Time to the response head; a big file's body is governed by the idle timeout below instead.
  response: 30_000,
  // Socket inactivity: a stalled body fails after this much silence, not after a total time.
  socket: 60_000,
})

/**
 * got strips Authorization and Cookie on a cross-origin redirect, but providers also send keys as
 * `apiKey`, `X-API-Key` or `x-connection-id`. Once a redirect leaves the origin first asked
 * (`response.requestUrl` is that first URL), everything but the harmless headers is dropped.
 */
export const stripCredentialsOffOrigin: BeforeRedirectHook = (options, response) => {
  const target = options.url instanceof URL ? options.url : new URL(String(options.url))
  if (target.origin === response.requestUrl.origin) return
  for (const name of Object.keys(options.headers)) {
    if (!crossOriginSafeHeaders.has(name.toLowerCase())) delete options.headers[name]
  }
}

/** Called with the next URL before a redirect is followed; the queue moves the download's slot. */
export type OnRedirect = (url: string) => Promise<void>

/**
 * Hands the redirect target to the request's own `onRedirect` (passed in got's per-request
 * `context`, which is how got carries per-request data into hooks shared by an instance).
 */
const announceRedirect: BeforeRedirectHook = async (options) => {
  const onRedirect = options.context['onRedirect']
  if (typeof onRedirect === 'function') await (onRedirect as OnRedirect)(String(options.url))
}

/**
 * Keep-alive connections, reused most-recent first ('lifo'), so a host's few busy sockets carry
 * one file after another instead of a handshake per file. Node 22's global agent keeps alive too;
 * these say so explicitly and do not depend on the runtime's default (Electron's Node, or an app
 * that changes the global agent). No socket cap here: the queue decides how many are open.
 */
const agents = {
  http: new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  https: new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
}

export interface RangeRequest {
  readonly from: number
  /** ETag or Last-Modified of the partial file: the server sends the whole file if it changed. */
  readonly validator: string | null
}

export function downloadHeaders(
  providerHeaders: Readonly<Record<string, string>>,
  range: RangeRequest | null,
): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(providerHeaders)) {
    if (!downloaderOwnedHeaders.has(name.toLowerCase())) headers[name] = value
  }
  // Byte offsets only mean something on the encoded bytes we store, so ask for none.
  headers['accept-encoding'] = 'identity'
  if (range && range.from > 0) {
    headers.range = `bytes=${range.from}-`
    if (range.validator) headers['if-range'] = range.validator
  }
  return headers
}

/**
 * A got instance holding everything that is the same for every download, so a request merges only
 * its headers and signal: merging the full option set per request cost ~0.2 ms of CPU, a fifth of
 * the client's time per small file.
 */
export const downloadClient: Got = got.extend({
  method: 'GET',
  timeout: { ...defaultTimeouts },
  // Retries are the queue's job (with backoff and Retry-After); got retrying a stream would
  // restart it behind our back.
  retry: { limit: 0 },
  throwHttpErrors: false,
  decompress: false,
  followRedirect: true,
  maxRedirects: 5,
  cache: false,
  agent: agents,
  hooks: { beforeRedirect: [stripCredentialsOffOrigin, announceRedirect] },
})

/** What differs per download; timeouts only when a caller (a test) wants other ones. */
export function requestOptions(
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  timeouts: Readonly<Delays>,
  onRedirect?: OnRedirect,
): OptionsInit {
  return {
    headers,
    ...(signal && { signal }),
    ...(timeouts !== defaultTimeouts && { timeout: { ...timeouts } }),
    ...(onRedirect && { context: { onRedirect } }),
  }
}
