// The one JSON client every adapter uses. It never retries (the sync layer owns retries and
// back-off), turns every failure into a typed ProviderError, and keeps the API key out of messages.
import got, { RequestError } from 'got'
import type { ProviderId } from '../../shared/domain'
import type { RateLimitState, UsageCounters } from './types'
import type { ProviderError } from './errors'
import { AuthError, NotFound, RateLimited, UpstreamError } from './errors'
import { type HeaderMap, readCredits, readRateLimit, retryAfterMs } from './rate-limits'

export { type HeaderMap, readCredits, readRateLimit, retryAfterMs } from './rate-limits'

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
}

const defaultTimeoutMs = 30_000
const maxMessageChars = 300

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`)
  const usage: UsageCounters = { requests: 0, credits: 0 }
  let rateLimit: RateLimitState | null = null
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
    ...options.authHeaders,
  }

  async function getJson(
    pathOrUrl: string,
    query?: Query,
    extraHeaders?: Readonly<Record<string, string>>,
  ): Promise<JsonResponse> {
    const url = resolveUrl(base, pathOrUrl, query)
    usage.requests += 1
    let response
    try {
      response = await got(url, {
        method: 'GET',
        headers: extraHeaders ? { ...headers, ...extraHeaders } : headers,
        responseType: 'text',
        throwHttpErrors: false,
        followRedirect: false,
        retry: { limit: 0 },
        timeout: { request: options.timeoutMs ?? defaultTimeoutMs },
      })
    } catch (error) {
      throw networkError(options, error)
    }
    const now = Date.now()
    const status = response.statusCode
    const text = response.body
    const body = parseJsonOrNull(text)
    const credits = readCredits(response.headers, body)
    if (credits !== null) usage.credits += credits
    rateLimit = readRateLimit(response.headers, body, now) ?? rateLimit
    if (status >= 200 && status < 300) {
      if (body === undefined) {
        throw new UpstreamError(
          options.provider,
          `${options.provider}: HTTP ${status} with a body that is not complete JSON (${text.length} bytes)`,
          status,
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
  }
}

/** Relative paths join baseUrl (keeping its path prefix); absolute URLs keep only path and query. */
export function resolveUrl(base: URL, pathOrUrl: string, query?: Query): URL {
  let url: URL
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const given = new URL(pathOrUrl)
    // Never send the key to a host the caller did not configure: re-root on our base.
    url = new URL(given.pathname.replace(/^\/+/, '') + given.search, base)
  } else {
    url = new URL(pathOrUrl.replace(/^\/+/, ''), base)
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
  }
  return url
}

function sameOrigin(base: URL, url: string): boolean {
  try {
    return new URL(url).origin === base.origin
  } catch {
    return false
  }
}

/** `undefined` means "not JSON" (null is valid JSON). */
function parseJsonOrNull(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function networkError(options: HttpClientOptions, error: unknown): ProviderError {
  const code = error instanceof RequestError ? error.code : 'ERR'
  const detail = error instanceof Error ? error.message : String(error)
  return new UpstreamError(
    options.provider,
    redact(`${options.provider}: request failed (${code}): ${detail}`, options.secrets),
    null,
  )
}

/** Maps one non-2xx response to the typed error the sync layer acts on. */
export function errorForStatus(
  provider: ProviderId,
  status: number,
  headers: HeaderMap,
  body: unknown,
  secrets: readonly string[],
  now: number = Date.now(),
): ProviderError {
  const detail = describeErrorBody(body)
  const message = redact(`${provider}: HTTP ${status}${detail ? `: ${detail}` : ''}`, secrets)
  if (status === 401 || status === 402 || status === 403 || status === 424) {
    return new AuthError(provider, message, status)
  }
  if (status === 404) return new NotFound(provider, message, status)
  if (status === 429) return new RateLimited(provider, message, retryAfterMs(headers, body, now), status)
  return new UpstreamError(provider, message, status)
}

/** The provider's own words: `error`, `type`, `code`, `message`, nested `{error:{message}}`, or text. */
export function describeErrorBody(body: unknown): string {
  if (typeof body === 'string') {
    const text = body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
    return truncate(text)
  }
  if (!isRecord(body)) return ''
  const parts: string[] = []
  const push = (value: unknown): void => {
    if ((typeof value === 'string' || typeof value === 'number') && String(value) !== '') {
      if (!parts.includes(String(value))) parts.push(String(value))
    }
  }
  const error = body['error']
  if (isRecord(error)) {
    push(error['code'])
    push(error['message'])
  } else {
    push(error)
  }
  push(body['type'])
  push(body['code'])
  push(body['message'])
  return truncate(parts.join(': '))
}

/** Replaces every secret (and its URL-encoded form) with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 4) continue
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]')
  }
  return out
}

function truncate(text: string): string {
  return text.length > maxMessageChars ? `${text.slice(0, maxMessageChars)}…` : text
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
