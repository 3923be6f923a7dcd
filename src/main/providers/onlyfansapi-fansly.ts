// OnlyFansAPI.com's Fansly API (closed beta): chats are messaging groups, messages page with
// the `before` cursor, attachments resolve to accountMedia in the same page or through the
// batched `/account-media/{ids}` call (one credit per call), and files come through the
// provider's download proxy unless their signature is not IP-bound.
import type { MediaType, VariantKind, VideoQuality } from '../../shared/domain'
import type {
  AdapterContext,
  AdapterOptions,
  DownloadRequest,
  ListMediaOptions,
  Page,
  PageCursor,
  ProviderAdapter,
  ProviderChat,
  ProviderMedia,
  ProviderMessage,
  RateLimitState,
  UsageCounters,
} from './types'
import { NotFound, SchemaDrift } from './errors'
import { createHttpClient } from './http'
import { assertCursorAdvances, parseOffsetCursor } from './paging'
import { chunkIds, indexById, missingAccountMediaIds } from './fansly-attachments'
import { nextChatsOffset, toProviderChats } from './fansly-chats'
import { buildDownloadRequest } from './fansly-download'
import { hasArrayKey, locatePayload, parseOrDrift } from './fansly-envelope'
import { normaliseAccountMedia } from './fansly-media'
import { messageSpan, nextBeforeCursor, preparePage, toProviderMessages } from './fansly-messages'
import {
  type FanslyAccountMedia,
  type FanslyMedia,
  fanslyAccountMediaListSchema,
  fanslyAccountMediaSchema,
  fanslyChatsPageSchema,
  fanslyLinkedAccountsSchema,
  fanslyMessagesPageSchema,
} from './fansly-schemas'
import { selectFullForQuality } from './fansly-variants'

const provider = 'onlyfansapi-fansly' as const
export const defaultOnlyFansApiBaseUrl = 'https://app.onlyfansapi.com'
/** The documented maxima: fewer, larger pages cost fewer credits. */
export const fanslyChatsPageSize = 100
export const fanslyMessagesPageSize = 100
/** Ids per `/account-media/{ids}` call: one credit whatever the count, but URLs must stay short. */
export const fanslyAccountMediaBatchSize = 50

const typeFilters: Readonly<Record<NonNullable<ListMediaOptions['type']>, ReadonlySet<MediaType>>> = {
  photos: new Set<MediaType>(['photo', 'gif']),
  videos: new Set<MediaType>(['video']),
  audios: new Set<MediaType>(['audio']),
}

export function createOnlyFansApiFanslyAdapter(options: AdapterOptions): ProviderAdapter {
  const http = createHttpClient({
    provider,
    baseUrl: options.baseUrl ?? defaultOnlyFansApiBaseUrl,
    authHeaders: { authorization: `Bearer ${options.apiKey}` },
    secrets: [options.apiKey],
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  })
  /** groupId -> the fan's Fansly id, learnt from the chat list. */
  const partners = new Map<string, string | null>()
  /** OnlyFansAPI account id -> the creator's Fansly id, looked up once when needed. */
  const creatorIds = new Map<string, Promise<string | null>>()

  const accountPath = (ctx: AdapterContext): string => `api/fansly/${encodeURIComponent(ctx.account)}`

  async function listChats(ctx: AdapterContext, cursor?: PageCursor | null): Promise<Page<ProviderChat>> {
    const offset = parseOffsetCursor(provider, cursor)
    const response = await http.getJson(`${accountPath(ctx)}/chats`, { limit: fanslyChatsPageSize, offset })
    const located = locatePayload(response.body, hasArrayKey('data'), ['data'])
    const page = parseOrDrift(fanslyChatsPageSchema, located)
    const chats = toProviderChats(page)
    for (const chat of chats) partners.set(chat.id, chat.fanId)
    const nextOffset = nextChatsOffset(response.body, page, offset, fanslyChatsPageSize)
    const next = nextOffset === null ? null : String(nextOffset)
    assertCursorAdvances(provider, `chats of ${ctx.account}`, cursor, next)
    return { items: chats, next }
  }

  async function fetchAccountMedia(
    ctx: AdapterContext,
    ids: readonly string[],
  ): Promise<Map<string, FanslyAccountMedia>> {
    const found = new Map<string, FanslyAccountMedia>()
    for (const chunk of chunkIds([...new Set(ids)], fanslyAccountMediaBatchSize)) {
      const path = `${accountPath(ctx)}/account-media/${chunk.map(encodeURIComponent).join(',')}`
      let body: unknown
      try {
        body = (await http.getJson(path)).body
      } catch (error) {
        // Every id of the batch deleted or unknown: they are simply absent from the result.
        if (error instanceof NotFound) continue
        throw error
      }
      const list = parseOrDrift(
        fanslyAccountMediaListSchema,
        locatePayload(body, Array.isArray, ['response']),
      )
      for (const [id, item] of indexById(list)) found.set(id, item)
    }
    return found
  }

  function creatorId(ctx: AdapterContext): Promise<string | null> {
    let pending = creatorIds.get(ctx.account)
    if (!pending) {
      pending = lookupCreatorId(ctx)
      creatorIds.set(ctx.account, pending)
    }
    return pending
  }

  async function lookupCreatorId(ctx: AdapterContext): Promise<string | null> {
    try {
      const response = await http.getJson('api/fansly/accounts')
      const accounts = parseOrDrift(
        fanslyLinkedAccountsSchema,
        locatePayload(response.body, Array.isArray, ['data']),
      )
      const mine = accounts.find((a) => a.id === ctx.account)
      return mine?.fansly_id != null ? String(mine.fansly_id) : null
    } catch (error) {
      // Only used to tell who sent a message; never worth failing a sync over a changed shape.
      if (error instanceof NotFound || error instanceof SchemaDrift) return null
      throw error
    }
  }

  async function listChatMedia(
    ctx: AdapterContext,
    chatId: string,
    listOptions: ListMediaOptions = {},
  ): Promise<Page<ProviderMessage>> {
    const before = listOptions.cursor ?? null
    const response = await http.getJson(`${accountPath(ctx)}/chats/${encodeURIComponent(chatId)}/messages`, {
      limit: fanslyMessagesPageSize,
      before,
    })
    const located = locatePayload(response.body, hasArrayKey('messages'), ['data'])
    const page = parseOrDrift(fanslyMessagesPageSchema, located)
    const prepared = preparePage(page)
    const missing = missingAccountMediaIds(prepared.attachments, prepared.included)
    const fetched =
      missing.length > 0 ? await fetchAccountMedia(ctx, missing) : new Map<string, FanslyAccountMedia>()
    const partner = partners.get(chatId) ?? null
    const hasMedia = prepared.attachments.some((a) => a.refs.length > 0)
    const creator = partner === null && hasMedia ? await creatorId(ctx) : null
    const items = toProviderMessages(prepared, fetched, {
      chatId,
      creatorAccountId: creator,
      partnerAccountId: partner,
      types: listOptions.type ? typeFilters[listOptions.type] : null,
    })
    const hasMore = page['hasMore']
    const next = hasMore === false ? null : nextBeforeCursor(page.messages, before)
    // Text-only messages are read but are no items: the sync needs their times to know how far
    // back a page reached.
    return { items, next, span: messageSpan(page.messages) }
  }

  async function refreshMedia(
    ctx: AdapterContext,
    _chatId: string,
    providerMediaIds: readonly string[],
  ): Promise<ReadonlyMap<string, ProviderMedia>> {
    const fetched = await fetchAccountMedia(ctx, providerMediaIds)
    const out = new Map<string, ProviderMedia>()
    for (const id of providerMediaIds) {
      const item = fetched.get(id)
      if (item) out.set(id, normaliseAccountMedia(item))
    }
    return out
  }

  function resolveDownload(
    ctx: AdapterContext,
    media: ProviderMedia,
    kind: VariantKind,
    quality?: VideoQuality,
  ): DownloadRequest | null {
    const raw = fanslyAccountMediaSchema.safeParse(media.raw)
    const files: FanslyMedia[] = raw.success
      ? [raw.data.media, ...(raw.data.preview ? [raw.data.preview] : [])]
      : []
    let variant = media.variants.find((v) => v.kind === kind && v.url !== null) ?? null
    if (kind === 'full' && quality && media.type === 'video' && raw.success) {
      variant = selectFullForQuality(raw.data.media, media.type, quality) ?? variant
    }
    if (!variant) return null
    return buildDownloadRequest(
      { apiBase: http.baseUrl, account: ctx.account, authHeaders: http.authHeaders, isOwnUrl: http.isOwnUrl },
      variant,
      files,
    )
  }

  return {
    id: provider,
    listChats,
    listChatMedia,
    resolveDownload,
    refreshMedia,
    get usage(): Readonly<UsageCounters> {
      return http.usage
    },
    get rateLimit(): RateLimitState | null {
      return http.rateLimit
    },
  }
}
