// A provider media item for tests: a ready, viewable photo with no variants unless the test says;
// and a provider message: a free text message from the creator, no media unless the test says.
import type { ProviderMedia, ProviderMessage } from '../../src/main/providers/types'

export function providerMedia(overrides: Partial<ProviderMedia> = {}): ProviderMedia {
  return {
    providerMediaId: '1',
    type: 'photo',
    width: null,
    height: null,
    durationSec: null,
    createdAt: null,
    canView: true,
    isReady: true,
    hasError: false,
    drm: false,
    variants: [],
    accessRules: [],
    raw: {},
    ...overrides,
  }
}

/** Message `id` of chat `chat1`, dated second `id` of 2024-01-01. */
export function providerMessage(id: string, overrides: Partial<ProviderMessage> = {}): ProviderMessage {
  return {
    id,
    chatId: 'chat1',
    text: `text ${id}`,
    price: null,
    subscriberPrice: null,
    isFree: true,
    paid: null,
    tip: null,
    fromCreator: true,
    senderId: null,
    createdAt: `2024-01-01T00:00:${id.padStart(2, '0')}.000Z`,
    replyToId: null,
    isMassMessage: null,
    media: [],
    raw: { id },
    ...overrides,
  }
}
