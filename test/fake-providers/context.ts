// What every fake route gets, and the one JSON writer (which is where truncation faults happen).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ProviderId } from '../../src/shared/domain'
import type { Dataset, FakeAccount, FakeChat } from './dataset'
import type { FaultDecision, FaultState } from './faults'

export type FakeProviderKeys = Readonly<Record<ProviderId, string>>

export interface RouteContext {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly url: URL
  /** http://127.0.0.1:PORT */
  readonly origin: string
  readonly dataset: Dataset
  readonly faults: FaultState
  readonly decision: FaultDecision
  readonly keys: FakeProviderKeys
  /** HMAC secret of the fake CDNs. */
  readonly secret: string
  readonly clientIp: string
  /** Rewrites a successful JSON answer before it is sent (hostile-api.ts's reshaping modes). */
  readonly rewriteJson?: (text: string) => string
}

/** A route answers (true) or declines (false) so the next route can try. */
export type Route = (ctx: RouteContext) => boolean | Promise<boolean>

export function sendJson(
  ctx: RouteContext,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): true {
  const json = JSON.stringify(body)
  const text = ctx.rewriteJson && status < 300 ? ctx.rewriteJson(json) : json
  const bytes = Buffer.from(text, 'utf8')
  ctx.res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(bytes.length),
    ...headers,
  })
  if (ctx.decision.truncate && status < 300) {
    ctx.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)))
    setImmediate(() => ctx.res.destroy())
    return true
  }
  ctx.res.end(bytes)
  return true
}

export function header(ctx: RouteContext, name: string): string | null {
  const value = ctx.req.headers[name.toLowerCase()]
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

export function bearer(ctx: RouteContext): string | null {
  const value = header(ctx, 'authorization')
  const match = value ? /^Bearer\s+(.+)$/i.exec(value) : null
  return match ? (match[1] ?? null) : null
}

/** Validated integer query parameter: null when absent, NaN when malformed or out of range. */
export function intParam(url: URL, name: string, min: number, max: number): number | null {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return null
  if (!/^\d+$/.test(raw)) return Number.NaN
  const value = Number(raw)
  return value < min || value > max ? Number.NaN : value
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** What the three OnlyFans wrappers serve below an account: the chat list, a chat's media, its messages. */
export interface ChatRoutes {
  readonly chats: () => true
  /** The chat an id in the path names, or true once the provider's own error has been sent. */
  readonly chat: (chatId: string) => FakeChat | true
  readonly media: (chat: FakeChat) => true
  readonly messages: (chat: FakeChat) => true
}

/** Routes `chats`, `chats/{id}/media` and `chats/{id}/messages`; undefined for any other path. */
export function routeChats(parts: readonly string[], routes: ChatRoutes): true | undefined {
  if (parts[0] !== 'chats') return undefined
  if (parts.length === 1) return routes.chats()
  const route = parts.length === 3 && (parts[2] === 'media' || parts[2] === 'messages') ? parts[2] : undefined
  if (!route) return undefined
  const chat = routes.chat(decodeURIComponent(parts[1] ?? ''))
  return chat === true ? true : routes[route](chat)
}

/**
 * `limit` (1 to `maxLimit`, `defaultLimit` when absent) and `offset` (0 when absent) of an
 * offset-paged list; undefined when either is malformed, so the caller sends its provider's error.
 */
export function offsetPaging(
  url: URL,
  maxLimit: number,
  defaultLimit: number,
): { readonly limit: number; readonly offset: number } | undefined {
  const limit = intParam(url, 'limit', 1, maxLimit) ?? defaultLimit
  const offset = intParam(url, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0
  return Number.isNaN(limit) || Number.isNaN(offset) ? undefined : { limit, offset }
}

/** The fake accounts one provider lists, in dataset order. */
export function accountsOf(ctx: RouteContext, provider: ProviderId): readonly FakeAccount[] {
  return ctx.dataset.accounts.filter((a) => a.provider === provider)
}

/** One offset page of an account's chats, most recent message first, as every fake lists them. */
export function chatPage(
  account: FakeAccount,
  offset: number,
  limit: number,
): { readonly page: readonly FakeChat[]; readonly hasMore: boolean } {
  const chats = [...account.chats].sort(
    (a, b) => (b.messages.at(-1)?.createdAt ?? 0) - (a.messages.at(-1)?.createdAt ?? 0),
  )
  return { page: chats.slice(offset, offset + limit), hasMore: offset + limit < chats.length }
}
