// Who may talk to the server. Three checks, in this order:
//  1. Host header: only the names this server was reached by legitimately. A DNS-rebinding page
//     reaches us under its own host name, so a foreign Host is refused before anything else.
//  2. Origin on state-changing requests: a cross-site page cannot POST even if it guessed the port.
//  3. The per-run token: header for scripts, ?token= on GET (EventSource and <img>/<video> cannot
//     send headers), or an HttpOnly SameSite=Strict cookie set when the app page is opened with it.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { networkInterfaces } from 'node:os'

export interface AccessPolicy {
  readonly token: string
  readonly cookieName: string
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

export function createAccessPolicy(host: string, port: number, token: string): AccessPolicy {
  const names = new Set(loopbackNames)
  if (wildcardHosts.has(host)) for (const address of interfaceAddresses()) names.add(address)
  else names.add(bracketed(host))
  const allowedHosts = new Set([...names].map((name) => `${name}:${port}`.toLowerCase()))
  // Cookies ignore ports, so two servers on one machine must not overwrite each other's cookie.
  return { token, cookieName: `chatkeep_token_${port}`, allowedHosts }
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

export function tokenMatches(candidate: string | null | undefined, policy: AccessPolicy): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false
  const a = Buffer.from(candidate)
  const b = Buffer.from(policy.token)
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

export function cookieToken(req: IncomingMessage, cookieName: string): string | null {
  const header = req.headers.cookie
  if (header === undefined) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim()
  }
  return null
}

export function requestAuthorized(req: IncomingMessage, url: URL, policy: AccessPolicy): boolean {
  const readOnly = req.method === 'GET' || req.method === 'HEAD'
  const candidates = [
    bearer(req),
    headerToken(req),
    cookieToken(req, policy.cookieName),
    readOnly ? url.searchParams.get('token') : null,
  ]
  return candidates.some((candidate) => tokenMatches(candidate, policy))
}

export function sessionCookie(policy: AccessPolicy): string {
  return `${policy.cookieName}=${policy.token}; Path=/; HttpOnly; SameSite=Strict`
}
