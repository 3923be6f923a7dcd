// Inputs for the catalog's repositories as a sync would hand them over, for tests and seeds that
// write rows directly: each builder fills what the test does not care about, so a test names only
// the fields it asserts on.
import type { Catalog } from '../../src/main/catalog/catalog'
import type { ChatInput } from '../../src/main/catalog/repositories/chats'
import type { MediaInput } from '../../src/main/catalog/repositories/media'
import type { MessageInput } from '../../src/main/catalog/repositories/messages'
import { providerMedia } from './provider-media'

/** A chat with fan id `fan<key>`, username `fan_user_<key>` and name `Fan Number <key>`. */
export function chatRow(key: string | number, overrides: Partial<ChatInput> = {}): ChatInput {
  return {
    externalId: `chat${key}`,
    fanId: `fan${key}`,
    fanUsername: `fan_user_${key}`,
    fanName: `Fan Number ${key}`,
    lastMessageAt: null,
    raw: {},
    ...overrides,
  }
}

/** A chat the provider listed with nothing about its fan (as a bare page ingest sees it). */
export function bareChat(externalId: string): ChatInput {
  return { externalId, fanId: null, fanUsername: null, fanName: null, lastMessageAt: null, raw: null }
}

/** A free text message from the creator. */
export function messageRow(
  externalId: string,
  text: string,
  createdAt: string,
  overrides: Partial<MessageInput> = {},
): MessageInput {
  return {
    externalId,
    text,
    price: null,
    isFree: true,
    fromCreator: true,
    senderId: null,
    createdAt,
    raw: {},
    ...overrides,
  }
}

/** The provider's ready, viewable photo (test/support/provider-media.ts) as the catalog stores it. */
export function mediaRow(providerMediaId: string, overrides: Partial<MediaInput> = {}): MediaInput {
  const { variants: _variants, accessRules: _rules, raw: _raw, ...facts } = providerMedia({ providerMediaId })
  return { ...facts, size: null, item: {}, ...overrides }
}

/**
 * Catalogs `media` as sent in one message at `position`, the way a sync stores an attachment: the
 * item sorted by the message's date (its price as paid for it there), then linked to the message.
 * Returns the media row id.
 */
export function attachMedia(
  catalog: Catalog,
  accountId: number,
  seenIn: { readonly messageId: number; readonly sortAt: string; readonly price?: number | null },
  media: MediaInput,
  position = 0,
): number {
  const row = catalog.media.upsert(accountId, media, { ...seenIn, price: seenIn.price ?? null })
  catalog.messages.linkMedia(seenIn.messageId, row.id, position)
  return row.id
}
