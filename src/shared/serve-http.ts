// The HTTP surface of `chatkeep serve` as the server and the renderer's bridge both know it.
// Authentication is by header only (see src/main/server/auth.ts): no cookie ever carries it.

/** The printed URL's query parameter: the page reads the token from it once, then drops it. */
export const SERVE_TOKEN_PARAM = 'token'

/** Every contract channel is `POST /api/<channel>`. */
export function channelPath(channel: string): string {
  return `/api/${channel}`
}

/** Push events as server-sent events. */
export const EVENTS_PATH = '/api/events'

/** What the page learns once it has the token: the read-only key its media URLs carry. */
export const SESSION_PATH = '/api/session'

export interface ServeSession {
  readonly mediaKey: string
}

/** The request header that carries the token. */
export function authorizationHeader(token: string): { readonly Authorization: string } {
  return { Authorization: `Bearer ${token}` }
}
