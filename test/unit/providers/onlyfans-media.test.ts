import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SchemaDrift } from '../../../src/main/providers/errors'
import { normalizeOnlyFansMedia } from '../../../src/main/providers/onlyfans-media'
import { normalizeOnlyFansMessage } from '../../../src/main/providers/onlyfans-message'
import { pickVariant } from '../../../src/main/providers/onlyfans-family'
import type { ProviderMedia } from '../../../src/main/providers/types'

type Json = Record<string, unknown>
function load(path: string): Json {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/providers/${path}`, import.meta.url), 'utf8'),
  ) as Json
}
function mediaOf(path: string, key = 'media'): unknown[] {
  return load(path)[key] as unknown[]
}
const url = (m: ProviderMedia, kind: string, quality?: string): string | null | undefined =>
  m.variants.find((v) => v.kind === kind && (quality === undefined || v.quality === quality))?.url

describe('normalizeOnlyFansMedia on real payloads', () => {
  it('modern files.* (websocket message, Expires URLs)', () => {
    const [raw] = (load('payloads/onlyfans-ws-chat-message-1.json')['api2_chat_message'] as Json)[
      'media'
    ] as unknown[]
    const m = normalizeOnlyFansMedia('onlyfansapi', raw, 'media[0]')
    expect(m).toMatchObject({
      providerMediaId: '3950387999',
      type: 'photo',
      canView: true,
      drm: false,
      isReady: true,
    })
    expect(m.width).toBe(1170)
    expect(m.createdAt).toBeNull()
    expect(url(m, 'full')).toMatch(/^https:\/\/cdn2\.onlyfans\.com\/files\/8\/8f\//)
    expect(url(m, 'thumb')).toMatch(/300x300/)
    expect(url(m, 'squarePreview')).toMatch(/960x960/)
    expect(m.variants.find((v) => v.kind === 'full')?.mime).toBe('image/jpeg')
    expect(m.raw).toBe(raw)
  })

  it('old flat shape: src/preview/thumb/source/info, locked video without squarePreview', () => {
    const [photo, video] = mediaOf('payloads/onlyfans-message-1.json')
    const p = normalizeOnlyFansMedia('fansmetric', photo, 'media[0]')
    expect(url(p, 'full')).toBe('https://cdn2.onlyfans.com')
    expect([p.width, p.height]).toEqual([600, 338])
    const v = normalizeOnlyFansMedia('fansmetric', video, 'media[1]')
    expect(v).toMatchObject({ type: 'video', canView: false, durationSec: 872 })
    expect(url(v, 'full')).toBeNull()
    expect(v.variants.some((x) => x.kind === 'squarePreview')).toBe(false)
  })

  it('video:{mp4} and populated videoSources give source, 720 and 240', () => {
    const [raw] = mediaOf('payloads/onlyfans-message-2.json')
    const m = normalizeOnlyFansMedia('ofauth', raw, 'media[0]')
    expect(url(m, 'full', 'source')).toBe('https://url.com')
    expect(url(m, 'full', '720')).toBe('https://url.com')
    expect(url(m, 'full', '240')).toBe('https://url.com')
    expect(m.durationSec).toBe(1037)
  })

  it('locked PPV with every URL null', () => {
    const [raw] = mediaOf('payloads/onlyfans-message-3.json')
    const m = normalizeOnlyFansMedia('onlyfansapi', raw, 'media[0]')
    expect(m.canView).toBe(false)
    expect(m.variants.every((v) => v.url === null)).toBe(true)
  })

  it('transitional post shape: flat full + files.preview only', () => {
    const [raw] = mediaOf('payloads/onlyfans-post-1.json')
    const m = normalizeOnlyFansMedia('onlyfansapi', raw, 'media[0]')
    expect(url(m, 'full')).toBe('https://url.com')
    expect(url(m, 'preview')).toBe('https://url.com')
    expect([m.width, m.height]).toEqual([2320, 3088])
  })

  it('story files.source instead of files.full, map-shaped sources', () => {
    const [raw] = mediaOf('payloads/onlyfans-story-1.json')
    const m = normalizeOnlyFansMedia('onlyfansapi', raw, 'media[0]')
    expect(url(m, 'full')).toBe('https://url.com')
    expect([m.width, m.height]).toEqual([1258, 1390])
  })

  it('custom-policy modern post', () => {
    const [raw] = mediaOf('payloads/onlyfans-post-2.json')
    const m = normalizeOnlyFansMedia('onlyfansapi', raw, 'media[0]')
    expect(url(m, 'full')).toContain('Policy=')
  })

  it('DRM video: drm true, no full URL, thumbs kept', () => {
    const [raw] = mediaOf('payloads/onlyfans-post-drm-1.json')
    const m = normalizeOnlyFansMedia('onlyfansapi', raw, 'media[0]')
    expect(m).toMatchObject({ type: 'video', drm: true, canView: true, durationSec: 32 })
    expect(url(m, 'full')).toBeNull()
    expect(url(m, 'thumb')).toMatch(/frame_0\.jpg/)
    expect(pickVariant(m, 'full')).toBeNull()
  })
})

describe('messages from real payloads and provider seeds', () => {
  it('parses every real message and the seeds of all three providers', () => {
    const ws = load('payloads/onlyfans-ws-chat-message-1.json')['api2_chat_message']
    const msgs = [
      ws,
      load('payloads/onlyfans-message-1.json'),
      load('payloads/onlyfans-message-2.json'),
      load('payloads/onlyfans-message-3.json'),
    ]
    for (const raw of msgs) {
      const m = normalizeOnlyFansMessage('onlyfansapi', raw, '900080948', 'm')
      expect(m.media.length).toBeGreaterThan(0)
    }
    const wsMessage = normalizeOnlyFansMessage('onlyfansapi', ws, '900080948', 'm')
    expect(wsMessage.text).toBe('Lor I’d sit am cons .. adipis el sed doei temp in utl et dolor..')
    expect(wsMessage.fromCreator).toBe(false)
    expect(wsMessage.isFree).toBe(true)
    expect(wsMessage.price).toBeNull()
    const paid = normalizeOnlyFansMessage('onlyfansapi', load('payloads/onlyfans-message-1.json'), '1', 'm')
    expect(paid.price).toBe(19.99)
    expect(paid.isFree).toBe(false)

    const ofapi = (load('seeds/onlyfansapi-chat-media.json')['data'] as Json)['list'] as unknown[]
    expect(normalizeOnlyFansMessage('onlyfansapi', ofapi[0], '5', 'data.list[0]').media[0]?.type).toBe(
      'photo',
    )
    const fm = (load('seeds/fansmetric-chat-media.json')['data'] as Json)['list'] as unknown[]
    const fmMessage = normalizeOnlyFansMessage('fansmetric', fm[0], '100000002', 'data.list[0]')
    expect(fmMessage.text).toBe('message text')
    expect(fmMessage.media[0]?.canView).toBe(true)
    const oa = load('seeds/ofauth-chat-media.json')['list'] as unknown[]
    const oaMessage = normalizeOnlyFansMessage('ofauth', oa[0], '100000001', 'list[0]')
    expect(oaMessage.fromCreator).toBe(false)
    expect(oaMessage.media.map((m) => m.canView)).toEqual([true, false])
  })
})

describe('schema drift', () => {
  const base = (): Json => JSON.parse(JSON.stringify(mediaOf('payloads/onlyfans-post-2.json')[0])) as Json

  it('missing id or type names the path and the provider', () => {
    const noId = base()
    delete noId['id']
    expect(() => normalizeOnlyFansMedia('ofauth', noId, 'list[2].media[0]')).toThrow(SchemaDrift)
    try {
      normalizeOnlyFansMedia('ofauth', noId, 'list[2].media[0]')
    } catch (error) {
      expect((error as SchemaDrift).path).toBe('list[2].media[0].id')
      expect((error as SchemaDrift).message).toContain('ofauth')
    }
    const badType = { ...base(), type: 'hologram' }
    expect(() => normalizeOnlyFansMedia('ofauth', badType, 'm')).toThrow(/m\.type/)
  })

  it('wrong types and null objects are tolerated where they are not essential', () => {
    const m = normalizeOnlyFansMedia(
      'onlyfansapi',
      { ...base(), files: { full: null, thumb: 'garbage' }, canView: 'yes' },
      'm',
    )
    expect(m.canView).toBe(true)
    expect(pickVariant(m, 'full')).toBeNull()
    const nullFiles = normalizeOnlyFansMedia('onlyfansapi', { ...base(), files: null, width: '12' }, 'm')
    expect(nullFiles.variants[0]?.url).toBeNull()
    const stringDims = base()
    ;((stringDims['files'] as Json)['full'] as Json)['width'] = '2048'
    expect(normalizeOnlyFansMedia('onlyfansapi', stringDims, 'm').width).toBe(2048)
  })

  it('extra fields are kept in raw', () => {
    const raw = { ...base(), brandNewField: { nested: true } }
    expect((normalizeOnlyFansMedia('onlyfansapi', raw, 'm').raw as Json)['brandNewField']).toEqual({
      nested: true,
    })
  })

  it('a message without a date is drift; one without media is text-only', () => {
    const msg = load('payloads/onlyfans-message-3.json')
    expect(normalizeOnlyFansMessage('fansmetric', { ...msg, media: undefined }, '1', 'x').media).toEqual([])
    expect(() =>
      normalizeOnlyFansMessage('fansmetric', { ...msg, media: 'none' }, '1', 'data.list[4]'),
    ).toThrow(/data\.list\[4\]\.media/)
    expect(() =>
      normalizeOnlyFansMessage(
        'fansmetric',
        { ...msg, createdAt: undefined, changedAt: undefined },
        '1',
        'x',
      ),
    ).toThrow(/x\.createdAt/)
  })

  it('an unreadable media item is a failed placeholder naming provider and path; the rest stays', () => {
    const msg = load('payloads/onlyfans-message-1.json')
    const [photo, video] = msg['media'] as Json[]
    const { type: _type, ...noType } = video ?? {}
    const parsed = normalizeOnlyFansMessage(
      'ofauth',
      { ...msg, media: [photo, noType, null] },
      '1',
      'list[2]',
    )
    expect(parsed.media).toHaveLength(3)
    expect(parsed.media[0]?.problem).toBeUndefined()
    expect(parsed.media[0]?.variants.length).toBeGreaterThan(0)
    // No type: its id is kept, its type guessed (a positive duration: video), its reason named.
    expect(parsed.media[1]).toMatchObject({
      providerMediaId: '665665',
      type: 'video',
      variants: [],
      hasError: true,
      problem:
        'ofauth: unexpected response at list[2].media[1].type: Invalid input: expected string, received undefined',
    })
    // Not even an object: an id from its message and position, stable across syncs.
    expect(parsed.media[2]).toMatchObject({ providerMediaId: 'unreadable:665665:2', type: 'photo' })
    expect(parsed.media[2]?.problem).toMatch(/^ofauth: unexpected response at list\[2\]\.media\[2\]/)
  })
})

describe('pickVariant', () => {
  const [raw] = mediaOf('payloads/onlyfans-message-2.json')
  const m = normalizeOnlyFansMedia('ofauth', raw, 'm')
  const withQualities: ProviderMedia = {
    ...m,
    variants: [
      {
        kind: 'full',
        url: 'https://s',
        width: null,
        height: null,
        size: null,
        mime: null,
        quality: 'source',
      },
      { kind: 'full', url: 'https://7', width: null, height: null, size: null, mime: null, quality: '720' },
      { kind: 'thumb', url: 'https://t', width: null, height: null, size: null, mime: null, quality: null },
    ],
  }
  it('prefers source, honours a 720 request, falls back when 240 is missing', () => {
    expect(pickVariant(withQualities, 'full')?.url).toBe('https://s')
    expect(pickVariant(withQualities, 'full', '720')?.url).toBe('https://7')
    expect(pickVariant(withQualities, 'full', '240')?.url).toBe('https://s')
    expect(pickVariant(withQualities, 'thumb')?.url).toBe('https://t')
    expect(pickVariant(withQualities, 'squarePreview')).toBeNull()
  })
})
