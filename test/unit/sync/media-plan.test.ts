import { describe, expect, it } from 'vitest'
import type { MediaVariant, ProviderMedia } from '../../../src/main/providers/types'
import { expectedSize, statusFor, variantsToArchive } from '../../../src/main/sync/media-plan'
import { isoDate } from '../../../src/main/sync/ingest'
import { providerMedia } from '../../support/provider-media'

function variant(kind: MediaVariant['kind'], url: string | null, size: number | null = null): MediaVariant {
  return { kind, url, width: null, height: null, size, mime: null, quality: null }
}

function media(overrides: Partial<ProviderMedia> = {}): ProviderMedia {
  return providerMedia({
    variants: [
      variant('full', 'https://cdn/full', 1000),
      variant('thumb', 'https://cdn/thumb', 10),
      variant('preview', 'https://cdn/preview'),
    ],
    ...overrides,
  })
}

describe('media plan', () => {
  it.each([
    [{}, 'pending'],
    [{ canView: false }, 'locked'],
    [{ drm: true }, 'drm'],
    [{ drm: true, canView: false }, 'drm'],
    [{ isReady: false }, 'not_ready'],
    [{ hasError: true }, 'failed'],
  ] as const)('%j -> %s', (overrides, status) => {
    expect(statusFor(media(overrides))).toBe(status)
  })

  it('archives the original and one gallery thumbnail for a viewable item', () => {
    expect(variantsToArchive(media(), 'pending')).toEqual(['full', 'thumb'])
  })

  it('falls back to another preview when there is no thumb', () => {
    const m = media({
      variants: [variant('full', 'u'), variant('thumb', null), variant('squarePreview', 'sq')],
    })
    expect(variantsToArchive(m, 'pending')).toEqual(['full', 'squarePreview'])
  })

  it('archives every preview of locked and DRM items and never the withheld original', () => {
    const locked = media({
      canView: false,
      variants: [variant('full', null), variant('thumb', 't'), variant('preview', 'p')],
    })
    expect(variantsToArchive(locked, 'locked')).toEqual(['preview', 'thumb'])
    expect(variantsToArchive(locked, 'drm')).toEqual(['preview', 'thumb'])
  })

  it('not-ready and errored items get a thumbnail now and their original on a later sync', () => {
    expect(variantsToArchive(media({ isReady: false }), 'not_ready')).toEqual(['thumb'])
    expect(variantsToArchive(media({ hasError: true }), 'failed')).toEqual(['thumb'])
  })

  it('reads expected sizes only from variants that have a URL', () => {
    expect(expectedSize(media(), 'full')).toBe(1000)
    expect(expectedSize(media({ variants: [variant('full', null, 5)] }), 'full')).toBeNull()
  })

  it('normalises every provider date form to one sortable ISO string', () => {
    expect(isoDate('2025-01-01T04:00:00+00:00')).toBe('2025-01-01T04:00:00.000Z')
    expect(isoDate('2025-01-01T05:00:00+01:00')).toBe('2025-01-01T04:00:00.000Z')
    expect(isoDate('not a date')).toBe('not a date')
    expect(isoDate(null)).toBeNull()
  })
})
