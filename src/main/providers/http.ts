// The one JSON client every adapter uses. It never retries (the sync layer owns retries and
// back-off), turns every failure into a typed ProviderError, and keeps the API key out of messages.
// It reads no more of an answer than a real page can need, and keeps `.` and `..` ids literal.
import got, { RequestError } from 'got'
import type { ProviderId } from '../../shared/domain'
import type { RateLimitState, RequestGate, UsageCounters } from './types'
import type { ProviderError } from './errors'
import { UpstreamError } from './errors'
import { errorForStatus } from './http-errors'
import { type HeaderMap, readCredits, readRateLimit } from './rate-limits'
import { redact } from './redact'
import { requestWithPath, resolveTarget } from './request-target'

export { describeErrorBody, errorForStatus } from './http-errors'
export { type HeaderMap, readCredits, readRateLimit, retryAfterMs } from './rate-limits'
export { redact } from './redact'
export { resolveTarget, resolveUrl } from './request-target'

export type QueryValue = string | number | boolean | null | undefined
export type Query = Readonly<Record<string, QueryValue>>

export interface HttpClientOptions {
  readonly provider: ProviderId
  /** Origin (and optional path prefix) that relative paths resolve against. */
  readonly baseUrl: string
  /** Sent with every request; only ever to `baseUrl`'s origin. */
  readonly authHeaders: Readonly<Record<string, string>>
  /** Strings that must never appear in an error message (the API key, tokens). */
  readonly secrets: readonly string[]
  readonly timeoutMs?: number
  readonly userAgent?: string
}

export interface JsonResponse {
  readonly status: number
  readonly headers: HeaderMap
  readonly body: unknown
  readonly url: string
}

export interface HttpClient {
  readonly provider: ProviderId
  readonly baseUrl: string
  /**
   * GET a JSON document. `pathOrUrl` is relative to baseUrl; an absolute URL is re-rooted on baseUrl.
   * `headers` adds per-call headers (e.g. OFAuth's x-connection-id) to the auth headers.
   */
  getJson(pathOrUrl: string, query?: Query, headers?: Readonly<Record<string, string>>): Promise<JsonResponse>
  /** True when `url` is on the API's own origin, i.e. it needs the auth headers. */
  isOwnUrl(url: string): boolean
  /** Headers that authenticate a request to the API's own origin (e.g. its download proxy). */
  readonly authHeaders: Readonly<Record<string, string>>
  readonly usage: Readonly<UsageCounters>
  readonly rateLimit: RateLimitState | null
  /** Installs (or, with null, removes) the check run before every request (ProviderAdapter.meter). */
  setGate(gate: RequestGate | null): void
}

const defaultTimeoutMs = 30_000

/**
 * The largest API answer read: 32 MiB, decompressed. The biggest real pages are Fansly message
 * pages with their `accountMedia` (about 7 KB per media item in the recorded payloads), so 100
 * messages with a few attachments each come to 2-4 MB: 32 MiB leaves about 8x headroom. It also
 * bounds memory, which a body costs several times over (bytes, text, parsed objects): unbounded,
 * a 100 MB answer took 657 MB, a 400 MB one 2.2 GB and an endless one 3 GB before failing.
 */
export const maxApiBodyBytes = 32 * 1024 * 1024

/**
 * What a request costs when the provider reports no credits for it: 1, as design §8 says (OFAuth
 * reports nothing; a refused or cut-off answer reports nothing either, and may still have been
 * charged). A 401 or 429 counts 0: the request was turned away before any work, FansMetric
 * documents both as free, and OnlyFansAPI sends 0 for them.
 */
export function unreportedCredits(status: number | null): number {
  return status === 401 || status === 429 ? 0 : 1
}

/**
 * The deepest JSON nesting accepted: 64 levels. Real answers nest at most 10 (the recorded Fansly
 * timeline page), so this is 6x headroom; far below it is what breaks: the raw JSON kept in the
 * catalog goes through JSON.stringify, which overflows the stack at about 4,000 levels, and a
 * 5,000-deep answer stopped a sync with "Maximum call stack size exceeded" naming nothing.
 * (JSON.parse itself is not recursive in V8 and copes.)
 */
export const maxJsonDepth = 64

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`)
  const usage: UsageCounters = { requests: 0, credits: 0 }
  let rateLimit: RateLimitState | null = null
  let gate: RequestGate | null = null
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
    ...options.authHeaders,
  }
  /** One line naming the provider and the route asked, the key redacted. */
  const failure = (
    route: string,
    problem: string,
    status: number | null,
    retryable: boolean,
  ): ProviderError =>
    new UpstreamError(
      options.provider,
      redact(`${options.provider}: GET ${route}: ${problem}`, options.secrets),
      status,
      retryable,
    )

  async function getJson(
    pathOrUrl: string,
    query?: Query,
    extraHeaders?: Readonly<Record<string, string>>,
  ): Promise<JsonResponse> {
    const target = resolveTarget(base, pathOrUrl, query)
    const route = target.path.split('?')[0] ?? target.path
    // Before the request, so a refused one is neither made nor counted.
    gate?.()
    usage.requests += 1
    const tooBig = new AbortController()
    const request = got(target.url, {
      method: 'GET',
      headers: extraHeaders ? { ...headers, ...extraHeaders } : headers,
      responseType: 'buffer',
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: options.timeoutMs ?? defaultTimeoutMs },
      signal: tooBig.signal,
      // Only when the path holds a `.` or `..` id, which URL parsing would resolve away.
      ...(target.path !== target.url.pathname + target.url.search && {
        request: requestWithPath(target.path),
      }),
    })
    // The announced length (when not compressed) is checked before the body; the bytes read, as they come.
    // on() hands back the same request promise, which is awaited (and its rejection handled) below.
    void request.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
      if (progress.transferred > maxApiBodyBytes || (progress.total ?? 0) > maxApiBodyBytes) tooBig.abort()
    })
    let response
    try {
      response = await request
    } catch (error) {
      usage.credits += unreportedCredits(null)
      if (tooBig.signal.aborted) throw failure(route, tooLarge, null, false)
      throw networkError(options, route, error)
    }
    const now = Date.now()
    const status = response.statusCode
    if (response.rawBody.length > maxApiBodyBytes) throw failure(route, tooLarge, status, false)
    const text = utf8.decode(response.rawBody)
    const depth = jsonDepthExceeds(text, maxJsonDepth)
    const body = depth ? undefined : parseJsonOrUndefined(text)
    usage.credits += readCredits(response.headers, body) ?? unreportedCredits(status)
    rateLimit = readRateLimit(response.headers, body, now) ?? rateLimit
    if (status >= 200 && status < 300) {
      if (depth)
        throw failure(route, `answer nested deeper than ${maxJsonDepth} levels (maxJsonDepth)`, status, false)
      if (body === undefined) {
        throw failure(
          route,
          `HTTP ${status} with a body that is not JSON (${response.rawBody.length} bytes)`,
          status,
          false,
        )
      }
      return { status, headers: response.headers, body, url: response.url }
    }
    throw errorForStatus(options.provider, status, response.headers, body ?? text, options.secrets, now)
  }

  return {
    provider: options.provider,
    baseUrl: base.href,
    getJson,
    isOwnUrl: (url: string): boolean => sameOrigin(base, url),
    authHeaders: options.authHeaders,
    usage,
    get rateLimit(): RateLimitState | null {
      return rateLimit
    },
    setGate(next: RequestGate | null): void {
      gate = next
    },
  }
}

const utf8 = new TextDecoder()
const tooLarge = `answer larger than ${maxApiBodyBytes / 1024 / 1024} MiB (maxApiBodyBytes): not read further`

function sameOrigin(base: URL, url: string): boolean {
  try {
    return new URL(url).origin === base.origin
  } catch {
    return false
  }
}

/** `undefined` means "not JSON" (null is valid JSON). */
function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** True when arrays and objects nest deeper than `limit` (one pass over the text, strings skipped). */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return false
}

/** Transient by nature: a reset, a timeout, a body cut short. */
function networkError(options: HttpClientOptions, route: string, error: unknown): ProviderError {
  const code = error instanceof RequestError ? error.code : 'ERR'
  // got's messages can quote the whole URL; the route is enough.
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\s*in "[^"]*"$/, '')
  return new UpstreamError(
    options.provider,
    redact(`${options.provider}: GET ${route}: request failed (${code}): ${detail}`, options.secrets),
    null,
    true,
  )
}
