// Where an API request goes: a relative path joins the base URL (keeping its path prefix), an
// absolute URL (a provider's next_page) keeps only its path and query, re-rooted on the base so
// the key never goes to a host the caller did not configure. Every path segment stays literal:
// a chat id `.` or `..` (or `%2e` forms of them) is sent as `%2E` / `%2E%2E`, where URL parsing
// would resolve it away and ask for another endpoint (`chats/../media` is `media`).
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http'
import { request as httpsRequest } from 'node:https'

export type QueryValue = string | number | boolean | null | undefined

export interface RequestTarget {
  /** The URL got is given (URL parsing has resolved any dot segments in it). */
  readonly url: URL
  /** Path and query exactly as they must go on the wire. */
  readonly path: string
}

export function resolveTarget(
  base: URL,
  pathOrUrl: string,
  query?: Readonly<Record<string, QueryValue>>,
): RequestTarget {
  // Split by hand: URL parsing would resolve dot segments before we could see them.
  const absolute = /^https?:\/\/[^/?#\\]*/i.exec(pathOrUrl)
  const rest = (absolute ? pathOrUrl.slice(absolute[0].length) : pathOrUrl).replace(/#.*$/s, '')
  const queryAt = rest.indexOf('?')
  const rawPath = (queryAt < 0 ? rest : rest.slice(0, queryAt)).replace(/^[/\\]+/, '')
  const segments = rawPath.split(/[/\\]/).map(encodeSegment)
  const url = new URL(segments.join('/') + (queryAt < 0 ? '' : rest.slice(queryAt)), base)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
  }
  return { url, path: `${base.pathname}${segments.join('/')}${url.search}` }
}

/** The URL of `resolveTarget` (what a caller that only reads it needs). */
export function resolveUrl(base: URL, pathOrUrl: string, query?: Readonly<Record<string, QueryValue>>): URL {
  return resolveTarget(base, pathOrUrl, query).url
}

/** A got `request` function that sends `path` as given instead of the URL's resolved path. */
export function requestWithPath(
  path: string,
): (url: URL, options: RequestOptions, callback?: (response: IncomingMessage) => void) => ClientRequest {
  return (url, options, callback) =>
    (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { ...options, path }, callback)
}

/** One segment as URL parsing would encode it, except that dot segments stay literal. */
function encodeSegment(segment: string): string {
  const dots = segment.replace(/%2e/gi, '.')
  if (dots === '.' || dots === '..') return '%2E'.repeat(dots.length)
  return new URL(`http://x/${segment}`).pathname.slice(1)
}
