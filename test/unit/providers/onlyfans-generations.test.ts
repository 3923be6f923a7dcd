// The OnlyFans media object in each API generation, on payloads written for this test from the
// shapes the API reference and issue 15 describe (no other project's fixtures): where the duration,
// the 720p/240p renditions and the dimensions live, and what 0 means; and the message fields.
import { describe, expect, it } from 'vitest'
import { normalizeOnlyFansMedia } from '../../../src/main/providers/onlyfans-media'
import { normalizeOnlyFansMessage } from '../../../src/main/providers/onlyfans-message'
import { readDurationSec, readRenditions } from '../../../src/main/providers/onlyfans-media-fields'
import { pickVariant } from '../../../src/main/providers/onlyfans-family'
import type { ProviderMedia } from '../../../src/main/providers/types'

const cdn = (name: string): string =>
  `https://cdn2.onlyfans.com/files/a/ab/${name}?Expires=1900000000&Signature=s`

const fullUrl = (media: ProviderMedia, quality: string): string | null | undefined =>
  media.variants.find((v) => v.kind === 'full' && v.quality === quality)?.url

const video = (fields: Record<string, unknown>): ProviderMedia =>
  normalizeOnlyFansMedia('onlyfansapi', { id: 51, type: 'video', canView: true, ...fields }, 'media[0]')

describe('durations from every generation', () => {
  it('modern: top-level duration', () => {
    expect(video({ duration: 93, files: { full: { url: cdn('v.mp4') } } }).durationSec).toBe(93)
  })

  it('stories: files.source.duration when the top level says nothing', () => {
    const media = video({ files: { source: { url: cdn('s.mp4'), width: 720, height: 1280, duration: 15 } } })
    expect(media.durationSec).toBe(15)
  })

  it('flat: source.duration, and info.source.duration, when the top level says 0', () => {
    expect(
      video({ duration: 0, src: cdn('f.mp4'), source: { source: cdn('f.mp4'), duration: 41 } }).durationSec,
    ).toBe(41)
    expect(
      video({ duration: 0, files: { full: { url: cdn('m.mp4') } }, info: { source: { duration: 7.5 } } })
        .durationSec,
    ).toBe(7.5)
  })

  it('the first positive value wins, in the documented order', () => {
    expect(
      readDurationSec({
        duration: 0,
        files: { source: { duration: 12 }, full: { duration: 99 } },
        source: { duration: 98 },
        info: { source: { duration: 97 }, preview: null },
        videoSources: undefined,
      }),
    ).toBe(12)
    expect(readDurationSec({ duration: 0, files: null, source: null, info: null })).toBeNull()
  })

  it('a voice note keeps its duration; a photo has none whatever it says', () => {
    const audio = normalizeOnlyFansMedia(
      'ofauth',
      { id: 3, type: 'audio', duration: 0, source: { duration: 22 } },
      'm',
    )
    expect(audio.durationSec).toBe(22)
    expect(
      normalizeOnlyFansMedia('ofauth', { id: 4, type: 'photo', duration: 5 }, 'm').durationSec,
    ).toBeNull()
  })
})

describe('renditions from every generation', () => {
  it('modern: top-level videoSources', () => {
    const media = video({
      files: { full: { url: cdn('src.mp4'), sources: [] } },
      videoSources: { '720': cdn('720.mp4'), '240': cdn('240.mp4') },
    })
    expect([fullUrl(media, 'source'), fullUrl(media, '720'), fullUrl(media, '240')]).toEqual([
      cdn('src.mp4'),
      cdn('720.mp4'),
      cdn('240.mp4'),
    ])
  })

  it('stories: files.source.sources, a map by quality', () => {
    const media = video({
      files: { source: { url: cdn('src.mp4'), sources: { '720': cdn('720.mp4'), '240': null } } },
      videoSources: { '720': null, '240': null },
    })
    expect(fullUrl(media, '720')).toBe(cdn('720.mp4'))
    expect(fullUrl(media, '240')).toBeUndefined()
    // Asking for 240p falls back to the original, never to nothing.
    expect(pickVariant(media, 'full', '240')?.url).toBe(cdn('src.mp4'))
  })

  it('modern with objects: files.full.sources by label, else by the short side', () => {
    const media = video({
      files: {
        full: {
          url: cdn('src.mp4'),
          width: 1920,
          height: 1080,
          sources: [
            { url: cdn('a.mp4'), width: 1280, height: 720 },
            { url: cdn('b.mp4'), label: '240p', width: 0, height: 0 },
            { url: '', width: 640, height: 360 },
          ],
        },
      },
    })
    expect(media.variants.filter((v) => v.kind === 'full').map((v) => [v.quality, v.url, v.width])).toEqual([
      ['source', cdn('src.mp4'), 1920],
      ['720', cdn('a.mp4'), 1280],
      ['240', cdn('b.mp4'), null],
    ])
    expect(pickVariant(media, 'full', '720')?.url).toBe(cdn('a.mp4'))
  })

  it('the first place that offers a quality wins', () => {
    const renditions = readRenditions({
      videoSources: { '720': cdn('top-720.mp4') },
      files: {
        source: { sources: { '720': cdn('story-720.mp4'), '240': cdn('story-240.mp4') } },
        full: { sources: [{ url: cdn('obj-240.mp4'), quality: 240 }] },
      },
    })
    expect(renditions.map((r) => [r.quality, r.url])).toEqual([
      ['720', cdn('top-720.mp4')],
      ['240', cdn('story-240.mp4')],
    ])
  })

  it('a locked or DRM video offers no rendition even when URLs are lying around', () => {
    const locked = video({ canView: false, videoSources: { '720': cdn('720.mp4') } })
    expect(locked.variants.filter((v) => v.kind === 'full').map((v) => v.url)).toEqual([null])
    const drm = video({
      files: { full: { url: null }, drm: { manifest: {} } },
      videoSources: { '720': cdn('x.mp4') },
    })
    expect(drm.variants.filter((v) => v.kind === 'full')).toHaveLength(1)
  })
})

describe('width, height and size 0 mean unknown', () => {
  it('on a voice note and on a vault item without dimensions', () => {
    const audio = normalizeOnlyFansMedia(
      'fansmetric',
      { id: 9, type: 'audio', files: { full: { url: cdn('a.mp3'), width: 0, height: 0, size: 0 } } },
      'm',
    )
    expect([audio.width, audio.height, audio.variants[0]?.size]).toEqual([null, null, null])
    const photo = normalizeOnlyFansMedia(
      'fansmetric',
      {
        id: 10,
        type: 'photo',
        files: {
          full: { url: cdn('p.jpg'), width: 0, height: 0 },
          thumb: { url: cdn('t.jpg'), width: 0, height: 300 },
        },
      },
      'm',
    )
    expect([photo.width, photo.height]).toEqual([null, null])
    expect(photo.variants.find((v) => v.kind === 'thumb')).toMatchObject({ width: null, height: 300 })
  })

  it('falls back to info.source when the file slot has 0', () => {
    const media = normalizeOnlyFansMedia(
      'ofauth',
      {
        id: 11,
        type: 'photo',
        files: { full: { url: cdn('p.jpg'), width: 0, height: 0 } },
        info: { source: { width: 800, height: 600 } },
      },
      'm',
    )
    expect([media.width, media.height]).toEqual([800, 600])
  })
})

describe('message fields', () => {
  const base = {
    id: 7001,
    text: '<p>hi <a href="https://x.example/p">there</a></p>',
    createdAt: '2025-03-01T10:00:00+00:00',
    fromUser: { id: 42, _view: 's' },
    media: [],
  }
  const read = (fields: Record<string, unknown>) =>
    normalizeOnlyFansMessage('onlyfansapi', { ...base, ...fields }, '42', 'data[0]')

  it('reads a text-only fan message: plain text with its link, side and sender', () => {
    expect(read({})).toMatchObject({
      id: '7001',
      text: 'hi there (https://x.example/p)',
      fromCreator: false,
      senderId: '42',
      price: null,
      isFree: true,
      paid: null,
      tip: null,
      replyToId: null,
      isMassMessage: null,
      media: [],
    })
  })

  it('isSentByMe, when given, decides the side', () => {
    expect(read({ isSentByMe: true }).fromCreator).toBe(true)
    expect(read({ fromUser: { id: 1 }, isSentByMe: false }).fromCreator).toBe(false)
  })

  it('a tip: tipAmount, else the price of a message marked isTip', () => {
    expect(read({ isTip: true, tipAmount: 12.5 }).tip).toBe(12.5)
    expect(read({ isTip: true, price: 5 }).tip).toBe(5)
    expect(read({ isTip: false, price: 5 }).tip).toBeNull()
  })

  it('paid state of a priced message from isOpened; free messages have none', () => {
    expect(read({ price: 9.99, isFree: false, isOpened: true })).toMatchObject({ price: 9.99, paid: true })
    expect(read({ price: 9.99, isFree: false, isOpened: false }).paid).toBe(false)
    expect(read({ price: 9.99 }).paid).toBeNull()
    expect(read({ price: 0, isOpened: true }).paid).toBeNull()
  })

  it('reply-to from replyToMessage.id or replyToMessageId; mass messages from isFromQueue', () => {
    expect(read({ replyToMessage: { id: 6999 } }).replyToId).toBe('6999')
    expect(read({ replyToMessageId: '6998' }).replyToId).toBe('6998')
    expect(read({ replyToMessage: 'garbage' }).replyToId).toBeNull()
    expect(read({ isFromQueue: true }).isMassMessage).toBe(true)
    expect(read({ isFromQueue: false }).isMassMessage).toBe(false)
  })
})
