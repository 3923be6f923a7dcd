// The shapes of the fake dataset (see dataset.ts for how they are built).
import type { ProviderId, VariantKind, VideoQuality } from '../../src/shared/domain'
import type { FileSpec } from './bytes'

export type FakeMediaType = 'photo' | 'video' | 'audio'
export type FakeMediaState = 'ok' | 'locked' | 'drm' | 'not_ready' | 'error'
/**
 * How the provider mangles an item, apart from its state: `malformed` is sent without its `type`
 * (OnlyFans family) or without its `media` object (Fansly); `withheld` is a Fansly attachment left
 * out of the page and of `/account-media/{ids}`.
 */
export type FakeMediaFault = 'malformed' | 'withheld'
export type SizeRange = readonly [min: number, max: number]

export interface FakeMedia {
  readonly id: string
  readonly provider: ProviderId
  readonly type: FakeMediaType
  state: FakeMediaState
  /** Size of the full file in bytes (the served file is never smaller than the real clip). */
  readonly size: number
  readonly width: number
  readonly height: number
  readonly durationSec: number
  readonly createdAt: number
  /** Price in USD when locked (PPV). */
  readonly price: number | null
  fault: FakeMediaFault | null
}

export interface FakeMessage {
  readonly id: string
  readonly chatId: string
  readonly text: string
  readonly fromCreator: boolean
  readonly senderId: string
  /** Epoch milliseconds. */
  readonly createdAt: number
  readonly price: number | null
  readonly mediaIds: readonly string[]
  /** USD the fan tipped with this message; null on most messages. */
  readonly tip: number | null
  /** The message this one answers, when it is a reply. */
  readonly replyToId: string | null
  /** Sent to many fans at once (a mass message). */
  readonly isMass: boolean
}

export interface FakeFan {
  readonly id: string
  readonly username: string
  readonly name: string
}

export interface FakeChat {
  /** The fan's user id (OnlyFans family) or the groupId (Fansly). */
  readonly id: string
  readonly fan: FakeFan
  /** Oldest first; routes serve them newest first. */
  readonly messages: FakeMessage[]
}

export interface FakeAccount {
  readonly provider: ProviderId
  /** What goes in the URL path (acct_…, a Fansly account id); for OFAuth the OnlyFans user id. */
  readonly id: string
  /** The creator's own platform user id (the sender of creator messages). */
  readonly userId: string
  readonly username: string
  /** OFAuth only: the conn_… sent as x-connection-id. */
  readonly connectionId: string | null
  /** FansMetric: the OnlyFans session is lost (424). */
  readonly syncLost: boolean
  readonly chats: FakeChat[]
}

export interface DatasetOptions {
  readonly seed?: number
  readonly chats?: number
  readonly messagesPerChat?: number
  /** Exact count, or a [min, max] range per message. */
  readonly mediaPerMessage?: number | SizeRange
  /** Bytes of the full file, one range for all types or one per type. */
  readonly fileSizes?: SizeRange | Partial<Readonly<Record<FakeMediaType, SizeRange>>>
  /** Which media types to generate (default all three). */
  readonly mediaTypes?: readonly FakeMediaType[]
  /** Locked, DRM, not-ready, errored and shared media (default true; benchmarks turn it off). */
  readonly specials?: boolean
}

export interface AddMessageOptions {
  readonly mediaCount?: number
  readonly types?: readonly FakeMediaType[]
  readonly text?: string
  readonly fromCreator?: boolean
  readonly state?: FakeMediaState
  /** Re-send media that already exists (e.g. in another chat). */
  readonly mediaIds?: readonly string[]
  /** How the provider mangles the new media (see FakeMediaFault). */
  readonly fault?: FakeMediaFault
  readonly tip?: number
  readonly replyToId?: string
  readonly isMass?: boolean
}

export interface Dataset {
  readonly options: Readonly<Required<Omit<DatasetOptions, 'fileSizes'>>>
  readonly accounts: readonly FakeAccount[]
  account(provider: ProviderId, id: string): FakeAccount | undefined
  accountByConnection(connectionId: string): FakeAccount | undefined
  chat(account: FakeAccount, chatId: string): FakeChat | undefined
  media(id: string): FakeMedia | undefined
  allMedia(provider?: ProviderId): FakeMedia[]
  /** Media ids the chat's messages carry, deduplicated, newest message first. */
  chatMediaIds(account: FakeAccount, chatId: string): string[]
  fileSpec(mediaId: string, kind: VariantKind, quality?: VideoQuality): FileSpec
  expectedSha256(mediaId: string, kind?: VariantKind, quality?: VideoQuality): string
  expectedSize(mediaId: string, kind?: VariantKind, quality?: VideoQuality): number
  addMessage(
    provider: ProviderId,
    accountId: string,
    chatId: string,
    options?: AddMessageOptions,
  ): FakeMessage
  markReady(mediaId: string): void
  /**
   * A video still transcoding: not ready until it has been asked for `polls` times through
   * Fansly's `/account-media/{ids}`; the answer to the last of those polls is ready.
   */
  readyAfterPolls(mediaId: string, polls: number): void
  /** Called by the routes for each id a `/account-media` request names (counts the polls above). */
  notePoll(mediaId: string): void
  setState(mediaId: string, state: FakeMediaState): void
  setFault(mediaId: string, fault: FakeMediaFault | null): void
  /** Deletes a message upstream (the creator or fan unsent it); its media stay in the dataset. */
  deleteMessage(provider: ProviderId, accountId: string, chatId: string, messageId: string): void
}
