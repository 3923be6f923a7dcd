// A provider media item for tests: a ready, viewable photo with no variants unless the test says.
import type { ProviderMedia } from '../../src/main/providers/types'

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
