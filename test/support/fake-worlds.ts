// Fake provider worlds that several test files start alike, named once.
import type { FakeProvidersOptions } from '../fake-providers/server'

/**
 * Whole conversations: no special items (locked, DRM, errored), zero or one item a message so text-only
 * messages are common, and small files so syncs stay quick. Tests add their seed and sizes.
 */
export const conversationWorld: FakeProvidersOptions = {
  specials: false,
  mediaPerMessage: [0, 1],
  fileSizes: [2_000, 3_000],
}
