import { describe, expect, it } from 'vitest'
import { nextChatsOffset, readChatsPage, toProviderChats } from '../../../src/main/providers/fansly-chats'
import { hasArrayKey, locatePayload } from '../../../src/main/providers/fansly-envelope'
import { normaliseAccountMedia } from '../../../src/main/providers/fansly-media'
import { fanslyAccountMediaSchema } from '../../../src/main/providers/fansly-schemas'
import { createOnlyFansApiFanslyAdapter } from '../../../src/main/providers/onlyfansapi-fansly'
import { encodeCloudFrontPolicy } from '../../../src/main/providers/signed-url'
import type { ProviderMedia } from '../../../src/main/providers/types'
import { cloneFixture, loadFanslyFixture } from './fansly-fixtures'

const adapter = createOnlyFansApiFanslyAdapter({
  apiKey: 'sk_test_fansly_key',
  baseUrl: 'https://api.example.test',
})
const ctx = { account: 'fansly_acct_1' }

function timeline(index: number): ProviderMedia {
  const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown[] } }
  return normaliseAccountMedia(
    fanslyAccountMediaSchema.parse(cloneFixture(body.response.accountMedia[index])),
  )
}

describe('resolveDownload', () => {
  it('sends IP-bound full media through the provider’s download proxy with the key', () => {
    const media = timeline(3)
    const full = media.variants.find((v) => v.kind === 'full')
    const request = adapter.resolveDownload(ctx, media, 'full')
    expect(request?.url).toBe(`https://api.example.test/api/fansly/fansly_acct_1/media/download/${full?.url}`)
    expect(request?.headers).toEqual({ authorization: 'Bearer sk_test_fansly_key' })
    // Expiry read from the embedded CloudFront Policy (2023-09-05, as the README says).
    expect(new Date(request?.expiresAt ?? 0).toISOString().slice(0, 10)).toBe('2023-09-05')
  })

  it('fetches a teaser whose Policy has no IP condition directly, without the key', () => {
    const media = timeline(0)
    const request = adapter.resolveDownload(ctx, media, 'preview')
    expect(request?.url.startsWith('https://cdn3.fansly.com/')).toBe(true)
    expect(request?.headers).toEqual({})
    expect(new Date(request?.expiresAt ?? 0).toISOString().slice(0, 10)).toBe('2023-11-08')
  })

  it('returns null for a locked item’s full file and an absent kind', () => {
    expect(adapter.resolveDownload(ctx, timeline(0), 'full')).toBeNull()
    expect(adapter.resolveDownload(ctx, timeline(2), 'squarePreview')).toBeNull()
  })

  it('honours a quality preference for videos', () => {
    const request = adapter.resolveDownload(ctx, timeline(3), 'full', '240')
    expect(request?.url).toContain('/520119787817279490.mp4')
  })

  it('sends CloudFront cookies for an HLS location signed in metadata', () => {
    const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown[] } }
    const item = fanslyAccountMediaSchema.parse(cloneFixture(body.response.accountMedia[3]))
    item.media.locations = []
    for (const v of item.media.variants ?? []) if (v.type !== 102) v.locations = []
    const request = adapter.resolveDownload(ctx, normaliseAccountMedia(item), 'full')
    expect(request?.headers['cookie']).toMatch(
      /^CloudFront-Policy=[^;]+; CloudFront-Signature=[^;]+; CloudFront-Key-Pair-Id=/,
    )
    expect(request?.expiresAt).toBeGreaterThan(Date.UTC(2023, 7, 1))
  })

  it('keeps URLs already on the API origin and proxies unsigned CDN URLs', () => {
    const media = timeline(2)
    const own = {
      ...media,
      variants: [
        { ...media.variants[0]!, url: 'https://api.example.test/api/fansly/fansly_acct_1/media/download/x' },
      ],
    }
    expect(adapter.resolveDownload(ctx, own, 'full')?.headers).toEqual({
      authorization: 'Bearer sk_test_fansly_key',
    })
    const unsigned = {
      ...media,
      variants: [{ ...media.variants[0]!, url: 'https://cdn3.fansly.com/1/2.mp4' }],
    }
    expect(adapter.resolveDownload(ctx, unsigned, 'full')?.url).toContain(
      '/media/download/https://cdn3.fansly.com/1/2.mp4',
    )
    const policy = encodeCloudFrontPolicy({
      Statement: [{ Condition: { DateLessThan: { 'AWS:EpochTime': 2_000_000_000 } } }],
    })
    const open = {
      ...media,
      variants: [{ ...media.variants[0]!, url: `https://cdn3.fansly.com/1/2.jpeg?Policy=${policy}` }],
    }
    expect(adapter.resolveDownload(ctx, open, 'full')).toMatchObject({
      headers: {},
      expiresAt: 2_000_000_000_000,
    })
  })
})

describe('chat list', () => {
  const body = {
    data: {
      data: [
        {
          account_id: 'a',
          groupId: '11',
          partnerAccountId: '21',
          partnerUsername: 'fan_one',
          lastMessageId: '91',
        },
        { groupId: '12', partnerAccountId: '22', partnerUsername: null },
      ],
      aggregationData: {
        accounts: [{ id: '22', username: 'fan_two', displayName: 'Fan Two' }],
        groups: [{ id: '11', lastMessage: { createdAt: 1733811915 } }],
      },
    },
    _meta: { _credits: { used: 1 } },
  }

  it('maps groups to chats with the partner as the fan', () => {
    const page = readChatsPage(locatePayload(body, hasArrayKey('data'), ['data'])).page
    expect(toProviderChats(page).map(({ raw: _raw, ...chat }) => chat)).toEqual([
      {
        id: '11',
        fanId: '21',
        fanUsername: 'fan_one',
        fanName: null,
        lastMessageAt: new Date(1733811915000).toISOString(),
        lastMessageId: '91',
      },
      {
        id: '12',
        fanId: '22',
        fanUsername: 'fan_two',
        fanName: 'Fan Two',
        lastMessageAt: null,
        lastMessageId: null,
      },
    ])
  })

  it('reads the other chats when one cannot be read, naming it, and pages by what came', () => {
    const data = (body.data as { data: unknown[] }).data
    const broken = { ...body, data: { ...body.data, data: [{ partnerAccountId: '23' }, ...data] } }
    const { page, problems } = readChatsPage(locatePayload(broken, hasArrayKey('data'), ['data']))
    expect(toProviderChats(page).map((c) => c.id)).toEqual(['11', '12'])
    expect(problems).toEqual([
      'onlyfansapi-fansly: unexpected response at data.data[0].groupId: Invalid input: expected string, received undefined (field missing)',
    ])
    // Three entries came: the next page starts after all three.
    expect(nextChatsOffset(broken, page, 0, 3)).toBe(3)
  })

  it('pages by offset until a short page, hasMore:false or next_page:null', () => {
    const page = readChatsPage(locatePayload(body, hasArrayKey('data'), ['data'])).page
    expect(nextChatsOffset(body, page, 0, 2)).toBe(2)
    expect(nextChatsOffset(body, page, 0, 3)).toBeNull()
    expect(nextChatsOffset(body, { ...page, hasMore: true }, 4, 100)).toBe(6)
    expect(nextChatsOffset(body, { ...page, hasMore: false }, 0, 2)).toBeNull()
    expect(nextChatsOffset({ _pagination: { next_page: null } }, page, 0, 2)).toBeNull()
    expect(nextChatsOffset(body, { ...page, data: [], listed: 0 }, 0, 2)).toBeNull()
  })
})
