// Who may talk to the server. Checks, in this order:
//  1. Host header: only the names this server was reached by legitimately. A DNS-rebinding page
//     reaches us under its own host name, so a foreign Host is refused before anything else.
//  2. Origin on state-changing requests: a cross-site page cannot POST even if it guessed the port.
//  3. The per-run token, in a header only (Authorization: Bearer, or X-Chatkeep-Token). Never a
//     cookie: cookies ignore ports, so one set here would go to every other server on 127.0.0.1.
//     Never a URL either (URLs end up in logs and history). The page keeps the token itself.
//  4. /media also takes the media key in `?key=`, for <img> and <video>, which cannot send
//     headers: a second random value that reads archived files and does nothing else.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { networkInterfaces } from 'node:os'
import { MEDIA_KEY_PARAM } from '../../shared/media-url'

export interface AccessPolicy {
  readonly token: string
  /** Grants GET/HEAD on /media only; the page learns it from /api/session. */
  readonly mediaKey: string
  /** host:port values a request may name in its Host header. */
  readonly allowedHosts: ReadonlySet<string>
}

const loopbackNames = ['127.0.0.1', 'localhost', '[::1]']
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]'])

function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address
}

/** A wildcard bind means "reachable on this machine's addresses": those, and no other names. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) =>
    (list ?? []).map((entry) => bracketed(entry.address)),
  )
}

export function createAccessPolicy(
  host: string,
  port: number,
  token: string,
  mediaKey: string,
): AccessPolicy {
  const names = new Set(loopbackNames)
  if (wildcardHosts.has(host)) for (const address of interfaceAddresses()) names.add(address)
  else names.add(bracketed(host))
  const allowedHosts = new Set([...names].map((name) => `${name}:${port}`.toLowerCase()))
  return { token, mediaKey, allowedHosts }
}

export function hostAllowed(req: IncomingMessage, policy: AccessPolicy): boolean {
  const host = req.headers.host
  return host !== undefined && policy.allowedHosts.has(host.toLowerCase())
}

/** Requests without Origin come from non-browser clients, which still need the token. */
export function originAllowed(req: IncomingMessage, policy: AccessPolicy): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  return parsed.protocol === 'http:' && policy.allowedHosts.has(parsed.host.toLowerCase())
}

function secretMatches(candidate: string | null | undefined, secret: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false
  const a = Buffer.from(candidate)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization
  if (header === undefined) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? null
}

function headerToken(req: IncomingMessage): string | null {
  const value = req.headers['x-chatkeep-token']
  return typeof value === 'string' ? value : null
}

/** The token, from a header: what every /api request needs. */
export function requestAuthorized(req: IncomingMessage, policy: AccessPolicy): boolean {
  return [bearer(req), headerToken(req)].some((candidate) => secretMatches(candidate, policy.token))
}

/** /media: the token in a header, or the media key in the URL of a GET or HEAD. */
export function mediaAuthorized(req: IncomingMessage, url: URL, policy: AccessPolicy): boolean {
  if (requestAuthorized(req, policy)) return true
  const readOnly = req.method === 'GET' || req.method === 'HEAD'
  return readOnly && secretMatches(url.searchParams.get(MEDIA_KEY_PARAM), policy.mediaKey)
}
