// The one interface every provider adapter implements (design §4). Adapters know HTTP shapes and
// nothing of SQL; the sync engine knows this interface and nothing of any provider's JSON.
import type { AccessRule, MediaType, ProviderId, VariantKind, VideoQuality } from '../../shared/domain'

/** A file a provider offers for a media item: the original or one of its previews. */
export interface MediaVariant {
  readonly kind: VariantKind
  /** Null when the provider withholds it (locked, DRM) or has not produced it yet. */
  readonly url: string | null
  readonly width: number | null
  readonly height: number | null
  readonly size: number | null
  readonly mime: string | null
  /** For videos: which rendition this is. */
  readonly quality: VideoQuality | null
}

export interface ProviderMedia {
  /** The provider's own id; for Fansly the accountMedia id (what /account-media/{ids} takes). */
  readonly providerMediaId: string
  readonly type: MediaType
  readonly width: number | null
  readonly height: number | null
  readonly durationSec: number | null
  readonly createdAt: string | null
  readonly canView: boolean
  readonly isReady: boolean
  readonly hasError: boolean
  readonly drm: boolean
  readonly variants: readonly MediaVariant[]
  readonly accessRules: readonly AccessRule[]
  /** The provider's JSON for this media item, kept verbatim for the catalog. */
  readonly raw: unknown
  /**
   * Set when the item could not be read or resolved: one line naming the provider and the field
   * path (or "not returned by the provider"). Such an item is a placeholder: its id is the
   * provider's when it had one, its type a guess, it has no variants, and it is catalogued as
   * failed so the user sees it and a later sync tries again. Absent on every readable item.
   */
  readonly problem?: string
}

export interface ProviderMessage {
  readonly id: string
  readonly chatId: string
  /** Plain text: OnlyFans HTML already turned into text (links kept as text); never rendered as HTML. */
  readonly text: string
  /** What a fan without a subscription pays to unlock it, in USD; null when free. */
  readonly price: number | null
  /** Fansly: the price for a subscriber when a tier makes it cheaper; null otherwise or unknown. */
  readonly subscriberPrice: number | null
  readonly isFree: boolean
  /** For a priced message: true once the fan bought it, false while not; null when free or unknown. */
  readonly paid: boolean | null
  /** Amount tipped with this message in USD; null when none or unknown. */
  readonly tip: number | null
  /** True when the account owner (the creator) sent it, false when the fan did. */
  readonly fromCreator: boolean
  readonly senderId: string | null
  readonly createdAt: string
  /** The provider's id of the message this one answers; null when none or not given. */
  readonly replyToId: string | null
  /** True when it came from a mass message (one message sent to many fans); null when unknown. */
  readonly isMassMessage: boolean | null
  readonly media: readonly ProviderMedia[]
  readonly raw: unknown
}

export interface ProviderChat {
  readonly id: string
  readonly fanId: string | null
  readonly fanUsername: string | null
  readonly fanName: string | null
  readonly lastMessageAt: string | null
  /**
   * The newest message's id as the chat list gives it, or null when it does not. A sync that saw
   * this id last time knows nothing was sent since and skips the chat's pages.
   */
  readonly lastMessageId: string | null
  readonly raw: unknown
}

/** Opaque to the caller: hand back what the previous page returned to get the next one. */
export type PageCursor = string

export interface Page<T> {
  readonly items: readonly T[]
  /** Null on the last page. */
  readonly next: PageCursor | null
  /**
   * When a page of messages read more than its items (Fansly pages every message and keeps those
   * with media): the times of the newest and oldest message it read, ISO 8601; null when it read
   * none. Absent when the items are all the page read.
   */
  readonly span?: MessageSpan | null
  /**
   * Items of the page that could not be read at all (no usable id or date): one line each naming
   * the provider and the field path. The rest of the page is returned; the sync reports these.
   */
  readonly problems?: readonly string[]
}

export interface MessageSpan {
  readonly newest: string
  readonly oldest: string
}

export interface ListMessagesOptions {
  readonly cursor?: PageCursor | null
}

export interface ListMediaOptions {
  readonly type?: 'photos' | 'videos' | 'audios'
  readonly cursor?: PageCursor | null
}

/** Everything needed to fetch one file: the downloader adds nothing but Range. */
export interface DownloadRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** Epoch milliseconds after which the URL is known to be refused, when it can be read from it. */
  readonly expiresAt: number | null
  /**
   * What the provider charges for the file, in credits per started megabyte (10^6 bytes), when it
   * charges by size: OnlyFansAPI's download endpoint, 3 for a file its cache does not hold yet.
   * Absent for free downloads (a CDN). The sync's credit cap counts the uncached price.
   */
  readonly creditsPerMegabyte?: number
}

export interface AdapterContext {
  /** The provider's account id (acct_…, a Fansly account id, an OnlyFans numeric id). */
  readonly account: string
  /** OFAuth's connection id (conn_…). */
  readonly connectionId?: string
}

/**
 * Run before every API request an adapter makes; throws to refuse the request (the sync's credit
 * cap does). It sees no URL or key.
 */
export type RequestGate = () => void

/** What one adapter call cost, summed per sync run. */
export interface UsageCounters {
  requests: number
  credits: number
}

export interface RateLimitState {
  readonly limitMinute: number | null
  readonly remainingMinute: number | null
  readonly resetAt: number | null
}

export interface ProviderAdapter {
  readonly id: ProviderId
  listChats(ctx: AdapterContext, cursor?: PageCursor | null): Promise<Page<ProviderChat>>
  /**
   * Every message of a chat, text-only ones included, newest first, each with the media it
   * carries; `--media-only` syncs use listChatMedia instead. See README for each provider's route.
   */
  listChatMessages(
    ctx: AdapterContext,
    chatId: string,
    options?: ListMessagesOptions,
  ): Promise<Page<ProviderMessage>>
  /** A chat's messages that carry media, newest first. */
  listChatMedia(
    ctx: AdapterContext,
    chatId: string,
    options?: ListMediaOptions,
  ): Promise<Page<ProviderMessage>>
  /** Picks the URL for one variant; `quality` is a preference for videos, falling back to what exists. */
  resolveDownload(
    ctx: AdapterContext,
    media: ProviderMedia,
    kind: VariantKind,
    quality?: VideoQuality,
  ): DownloadRequest | null
  /**
   * Fresh copies of media whose URLs expired or that were not ready. Batches where the provider
   * allows it (Fansly: one request for many ids). Ids it cannot find are absent from the map.
   */
  refreshMedia(
    ctx: AdapterContext,
    chatId: string,
    providerMediaIds: readonly string[],
  ): Promise<ReadonlyMap<string, ProviderMedia>>
  /**
   * Present only where asking again for many items of the whole account is one cheap request
   * (Fansly's `/account-media/{ids}`): a sync then polls items still transcoding (not ready) a few
   * times before it ends, instead of leaving them for the next sync. Same answer as refreshMedia.
   */
  pollMedia?(
    ctx: AdapterContext,
    providerMediaIds: readonly string[],
  ): Promise<ReadonlyMap<string, ProviderMedia>>
  /**
   * Requests made and credits spent so far by this adapter instance: what the provider reported,
   * else 1 per request (0 for a 401 or 429; see `unreportedCredits` in http.ts).
   */
  readonly usage: Readonly<UsageCounters>
  /** Installs a check run before each of this adapter's API requests; null removes it. */
  meter(gate: RequestGate | null): void
  readonly rateLimit: RateLimitState | null
}

export interface AdapterOptions {
  readonly apiKey: string
  /** Replaces the API origin (tests, the demo, or a provider's new host). */
  readonly baseUrl?: string
  readonly userAgent?: string
}
