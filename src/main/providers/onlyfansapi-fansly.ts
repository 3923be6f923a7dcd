// OnlyFansAPI.com's Fansly API (closed beta): chats are messaging groups, messages page with
// the `before` cursor, attachments resolve to accountMedia in the same page or through the
// batched `/account-media/{ids}` call (one credit per call), and files come through the
// provider's download proxy unless their signature is not IP-bound.
import { providerMeta } from '../../shared/providers'
import type { MediaType, VariantKind, VideoQuality } from '../../shared/domain'
import type {
  AdapterContext,
  AdapterOptions,
  DownloadRequest,
  ListMediaOptions,
  ListMessagesOptions,
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
import { decodeCursor, encodeCursor } from './paging'
import { chunkIds, missingAccountMediaIds } from './fansly-attachments'
import { nextChatsOffset, readChatsPage, toProviderChats } from './fansly-chats'
import { buildDownloadRequest } from './fansly-download'
import { hasArrayKey, locatePayload, parseOrDrift } from './fansly-envelope'
import { normaliseAccountMedia } from './fansly-media'
import { type MessageContext, nextBeforeCursor, toProviderMessages } from './fansly-messages'
import { preparePage, readAccountMediaList } from './fansly-page'
import {
  type FanslyAccountMedia,
  type FanslyMedia,
  fanslyAccountMediaListSchema,
  fanslyAccountMediaSchema,
  fanslyLinkedAccountsSchema,
} from './fansly-schemas'
import { selectFullForQuality } from './fansly-variants'
import { isPlaceholderId } from './unreadable-media'

const provider = 'onlyfansapi-fansly' as const
export const defaultOnlyFansApiBaseUrl = 'https://app.onlyfansapi.com'
/** The documented maxima: fewer, larger pages cost fewer credits. */
export const fanslyChatsPageSize = 100
export const fanslyMessagesPageSize = providerMeta[provider].conversationCost.messagesPerPage
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
    const offset = Number(decodeCursor(provider, ['offset'], cursor)?.value ?? 0)
    const response = await http.getJson(`${accountPath(ctx)}/chats`, { limit: fanslyChatsPageSize, offset })
    const located = locatePayload(response.body, hasArrayKey('data'), ['data'])
    const { page, problems } = readChatsPage(located)
    const chats = toProviderChats(page)
    for (const chat of chats) partners.set(chat.id, chat.fanId)
    const nextOffset = nextChatsOffset(response.body, page, offset, fanslyChatsPageSize)
    return {
      items: chats,
      next: nextOffset === null ? null : encodeCursor('offset', nextOffset),
      ...(problems.length > 0 && { problems }),
    }
  }

  interface FetchedMedia {
    readonly items: Map<string, FanslyAccountMedia>
    /** Entries returned but unreadable, by id, with the reason. */
    readonly unreadable: Map<string, string>
  }

  async function fetchAccountMedia(ctx: AdapterContext, ids: readonly string[]): Promise<FetchedMedia> {
    const fetched: FetchedMedia = { items: new Map(), unreadable: new Map() }
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
      const located = locatePayload(body, Array.isArray, ['response'])
      const list = parseOrDrift(fanslyAccountMediaListSchema, located)
      const read = readAccountMediaList(list, located.path)
      for (const item of read.items) fetched.items.set(item.id, item)
      for (const [id, why] of read.unreadable) fetched.unreadable.set(id, why)
    }
    return fetched
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

  /**
   * One messages page, every referenced accountMedia resolved (from the page, else one batched
   * `/account-media/{ids}` call per 50 ids). `textOnlyToo` keeps messages without media.
   */
  async function readMessages(
    ctx: AdapterContext,
    chatId: string,
    cursor: PageCursor | null | undefined,
    keep: Pick<MessageContext, 'types' | 'textOnlyToo'>,
  ): Promise<Page<ProviderMessage>> {
    const before = cursor ?? null
    const response = await http.getJson(`${accountPath(ctx)}/chats/${encodeURIComponent(chatId)}/messages`, {
      limit: fanslyMessagesPageSize,
      before,
    })
    const located = locatePayload(response.body, hasArrayKey('messages'), ['data'])
    const prepared = preparePage(located.value, located.path)
    const missing = missingAccountMediaIds(prepared.attachments, prepared.included)
    const fetched = missing.length > 0 ? await fetchAccountMedia(ctx, missing) : null
    const partner = partners.get(chatId) ?? null
    const hasSender =
      prepared.messages.length > 0 &&
      (keep.textOnlyToo || prepared.attachments.some((a) => a.refs.length > 0))
    const creator = partner === null && hasSender ? await creatorId(ctx) : null
    const items = toProviderMessages(prepared, fetched?.items ?? new Map(), {
      chatId,
      creatorAccountId: creator,
      partnerAccountId: partner,
      ...keep,
      ...(fetched && { fetchedUnreadable: fetched.unreadable }),
    })
    const hasMore =
      located.value !== null && typeof located.value === 'object'
        ? (located.value as Record<string, unknown>)['hasMore']
        : undefined
    // Every message id on the page, readable or not, so an unreadable one never ends paging early.
    const next =
      hasMore === false
        ? null
        : nextBeforeCursor(
            prepared.ids.map((id) => ({ id })),
            before,
          )
    return {
      items,
      next,
      // Text-only messages are read but are not items of a media listing: the sync needs their
      // times to know how far back a page reached.
      ...(!keep.textOnlyToo && { span: prepared.span }),
      ...(prepared.problems.length > 0 && { problems: prepared.problems }),
    }
  }

  const listChatMedia = (
    ctx: AdapterContext,
    chatId: string,
    listOptions: ListMediaOptions = {},
  ): Promise<Page<ProviderMessage>> =>
    readMessages(ctx, chatId, listOptions.cursor, {
      types: listOptions.type ? typeFilters[listOptions.type] : null,
    })

  const listChatMessages = (
    ctx: AdapterContext,
    chatId: string,
    listOptions: ListMessagesOptions = {},
  ): Promise<Page<ProviderMessage>> => readMessages(ctx, chatId, listOptions.cursor, { textOnlyToo: true })

  async function refreshMedia(
    ctx: AdapterContext,
    _chatId: string,
    providerMediaIds: readonly string[],
  ): Promise<ReadonlyMap<string, ProviderMedia>> {
    // A missing bundle's placeholder has no accountMedia id to ask for.
    const ids = providerMediaIds.filter((id) => !isPlaceholderId(id))
    const fetched = ids.length > 0 ? await fetchAccountMedia(ctx, ids) : null
    const out = new Map<string, ProviderMedia>()
    for (const id of ids) {
      const item = fetched?.items.get(id)
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
      {
        apiBase: http.baseUrl,
        account: ctx.account,
        authHeaders: http.authHeaders,
        isOwnUrl: http.isOwnUrl,
        creditsPerMegabyte: providerMeta[provider].conversationCost.downloadCreditsPerMegabyte ?? 0,
      },
      variant,
      files,
    )
  }

  return {
    id: provider,
    listChats,
    listChatMessages,
    listChatMedia,
    resolveDownload,
    refreshMedia,
    // /account-media/{ids} is account-wide: the chat plays no part in it.
    pollMedia: (ctx, ids) => refreshMedia(ctx, '', ids),
    get usage(): Readonly<UsageCounters> {
      return http.usage
    },
    get rateLimit(): RateLimitState | null {
      return http.rateLimit
    },
    meter: (gate) => http.setGate(gate),
  }
}
