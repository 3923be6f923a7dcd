import { describe, expect, it } from 'vitest'
import { fanslyMediaType, normaliseAccountMedia } from '../../../src/main/providers/fansly-media'
import { type FanslyAccountMedia, fanslyAccountMediaSchema } from '../../../src/main/providers/fansly-schemas'
import { selectFullForQuality } from '../../../src/main/providers/fansly-variants'
import type { MediaVariant } from '../../../src/main/providers/types'
import { cloneFixture, loadFanslyFixture } from './fansly-fixtures'

function timeline(index: number): FanslyAccountMedia {
  const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown[] } }
  return fanslyAccountMediaSchema.parse(cloneFixture(body.response.accountMedia[index]))
}

function seed(): FanslyAccountMedia {
  const body = loadFanslyFixture('seed-account-media.json') as { response: unknown[] }
  return fanslyAccountMediaSchema.parse(cloneFixture(body.response[0]))
}

function messagesItem(): FanslyAccountMedia {
  const body = loadFanslyFixture('fansly-messages-1.json') as { response: { accountMedia: unknown[] } }
  return fanslyAccountMediaSchema.parse(cloneFixture(body.response.accountMedia[0]))
}

function variant(variants: readonly MediaVariant[], kind: MediaVariant['kind']): MediaVariant | undefined {
  return variants.find((v) => v.kind === kind)
}

const path = (url: string | null | undefined): string | null => (url ? new URL(url).pathname : null)

describe('normaliseAccountMedia', () => {
  it('takes the original MP4 for full and frames for thumb/preview, never the HLS playlist', () => {
    const media = normaliseAccountMedia(timeline(3))
    expect(media).toMatchObject({
      providerMediaId: '520119822613229569',
      type: 'video',
      canView: true,
      isReady: true,
      drm: false,
      width: 664,
      height: 1144,
      durationSec: 4.543333,
      createdAt: new Date(1685500589 * 1000).toISOString(),
    })
    const full = variant(media.variants, 'full')
    expect(path(full?.url)).toBe('/300000000000000001/520119787817279488.mp4')
    expect(full).toMatchObject({ mime: 'video/mp4', quality: 'source' })
    // The smallest frame that is still thumbnail-sized, and the largest frame as poster.
    expect(path(variant(media.variants, 'thumb')?.url)).toMatch(/\.jpe?g$/)
    expect(variant(media.variants, 'preview')?.mime).toBe('image/jpeg')
    expect(media.variants.every((v) => v.mime !== 'application/vnd.apple.mpegurl')).toBe(true)
  })

  it('offers lower MP4 renditions when a quality is asked for', () => {
    const item = timeline(3)
    expect(selectFullForQuality(item.media, 'video', '240')?.quality).toBe('240')
    expect(path(selectFullForQuality(item.media, 'video', '240')?.url)).toBe(
      '/300000000000000001/520119787817279490.mp4',
    )
    // 480x826 is the 720 bucket (short side 480 is nearer 720 than 240).
    expect(selectFullForQuality(item.media, 'video', '720')?.url).toContain('/520119787817279489.mp4')
    expect(selectFullForQuality(item.media, 'video', 'source')?.quality).toBe('source')
  })

  it('catalogues a locked video with its teaser as thumb and preview, and no full URL', () => {
    const media = normaliseAccountMedia(timeline(0))
    expect(media.canView).toBe(false)
    expect(media.isReady).toBe(true)
    expect(variant(media.variants, 'full')).toMatchObject({ url: null, mime: 'video/mp4' })
    const preview = variant(media.variants, 'preview')
    // The teaser's own file is the preview; its smallest usable resized copy the thumb.
    expect(path(preview?.url)).toBe('/300000000000000001/545951638595055616.jpeg')
    expect(path(variant(media.variants, 'thumb')?.url)).toBe('/300000000000000001/545951638595055620.jpeg')
    expect(media.accessRules.map((r) => r.kind)).toEqual([
      'subscription',
      'subscription',
      'ppv',
      'subscription',
      'ppv',
      'follow',
    ])
  })

  it('catalogues a locked photo without preview as locked with no URL at all', () => {
    const media = normaliseAccountMedia(timeline(1))
    expect(media.canView).toBe(false)
    expect(media.variants).toEqual(
      [
        { kind: 'full', url: null, width: 1086, height: 1080, size: null, mime: 'image/jpeg', quality: null },
      ].map((v) => ({ ...v, width: media.width, height: media.height })),
    )
  })

  it('picks the original image for full and a resized copy for thumb', () => {
    const media = normaliseAccountMedia(timeline(2))
    expect(media.type).toBe('photo')
    expect(media.durationSec).toBeNull()
    expect(path(variant(media.variants, 'full')?.url)).toBe('/300000000000000001/525981530565124096.jpeg')
    const thumb = variant(media.variants, 'thumb')
    expect(Math.min(thumb?.width ?? 0, thumb?.height ?? 0)).toBeGreaterThanOrEqual(240)
    expect(variant(media.variants, 'preview')).toBeUndefined()
  })

  it('handles variants without a `locations` key (messages recording)', () => {
    const media = normaliseAccountMedia(messagesItem())
    expect(variant(media.variants, 'full')?.url).toBe(
      'https://cdn3.fansly.com/300000000000000002/720419390651346944.mp4',
    )
    expect(variant(media.variants, 'thumb')).toBeUndefined()
    expect(media.durationSec).toBe(43.883)
  })

  it('treats a video still transcoding (status != 1) as not ready, not failed', () => {
    const item = seed()
    item.media.status = 2
    item.media.locations = []
    for (const v of item.media.variants ?? []) v.locations = []
    const media = normaliseAccountMedia(item)
    expect(media).toMatchObject({ isReady: false, hasError: false, canView: true, drm: false })
    expect(variant(media.variants, 'full')?.url).toBeNull()
    // Without `access`, a transcoding video is still not treated as locked.
    delete item.access
    expect(normaliseAccountMedia(item).canView).toBe(true)
  })

  it('reads the seed body: MP4 original, jpeg frame, HLS recorded but not chosen', () => {
    const media = normaliseAccountMedia(seed())
    expect(media).toMatchObject({ type: 'video', width: 1280, height: 720, durationSec: 3000, canView: true })
    expect(path(variant(media.variants, 'full')?.url)).toBe('/800000000000000001/925889471688232961.mp4')
    expect(path(variant(media.variants, 'thumb')?.url)).toBe('/800000000000000001/925889471688232962.jpeg')
  })

  it('records an HLS-only video as not downloadable (drm), keeping the playlist as its full variant', () => {
    const item = timeline(3)
    item.media.locations = []
    for (const v of item.media.variants ?? []) if (v.type !== 102) v.locations = []
    const media = normaliseAccountMedia(item)
    expect(media).toMatchObject({ drm: true, hasError: false, canView: true })
    const full = variant(media.variants, 'full')
    expect(full?.mime).toBe('application/vnd.apple.mpegurl')
    expect(full?.url).toContain('.m3u8')
  })

  it('flags a viewable, ready item that has no file at all as errored', () => {
    const item = timeline(2)
    item.media.locations = []
    for (const v of item.media.variants ?? []) v.locations = []
    expect(normaliseAccountMedia(item)).toMatchObject({
      canView: true,
      isReady: true,
      hasError: true,
      drm: false,
    })
    expect(normaliseAccountMedia(timeline(1))).toMatchObject({ canView: false, hasError: false })
  })

  it('decides audio and gif by MIME type and survives odd metadata', () => {
    const item = seed()
    item.media.mimetype = 'audio/mpeg'
    item.media.type = 3
    item.media.metadata = '{"duration":"12.5"}'
    expect(normaliseAccountMedia(item)).toMatchObject({ type: 'audio', durationSec: 12.5 })
    item.media.mimetype = 'image/gif'
    item.media.type = 1
    item.media.metadata = ''
    expect(fanslyMediaType(item.media)).toBe('gif')
    item.media.metadata = null
    item.media.width = null
    expect(normaliseAccountMedia(item)).toMatchObject({ type: 'gif', width: null, durationSec: null })
  })
})
