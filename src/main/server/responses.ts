// Small helpers for answering: every response carries the security headers, and JSON answers use
// the contract's Result envelope so both transports look the same to the renderer.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ErrorCode, Result } from '../../shared/contract'

/** The app's own pages and scripts: nothing inline, nothing remote. */
export const appCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Archived files are data, never documents: a stray HTML or SVG file must not run script. */
export const mediaCsp = "default-src 'none'; sandbox"

export function setSecurityHeaders(res: ServerResponse, csp: string = appCsp): void {
  res.setHeader('Content-Security-Policy', csp)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

const statusOf: Readonly<Record<ErrorCode, number>> = {
  bad_input: 400,
  not_found: 404,
  forbidden: 403,
  internal: 500,
  unavailable: 503,
}

export function httpStatusFor(code: ErrorCode): number {
  return statusOf[code]
}

export function sendJson<T>(res: ServerResponse, status: number, body: Result<T>): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.setHeader('Cache-Control', 'no-store')
  res.end(text)
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } })
}

/**
 * An answer given without reading the request's body (refused, or the body is not wanted): the
 * connection closes after it, so a client cannot hold the socket by trickling a body nobody reads.
 */
export function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.setHeader('Connection', 'close')
  sendError(res, status, code, message)
}

export function sendText(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(message))
  res.end(message)
}

export function isHead(req: IncomingMessage): boolean {
  return req.method === 'HEAD'
}
