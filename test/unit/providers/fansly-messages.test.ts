import { describe, expect, it } from 'vitest'
import {
  bundleMediaIds,
  chunkIds,
  indexById,
  messageAttachments,
  missingAccountMediaIds,
} from '../../../src/main/providers/fansly-attachments'
import {
  nextBeforeCursor,
  oldestMessageId,
  toProviderMessages,
} from '../../../src/main/providers/fansly-messages'
import { preparePage } from '../../../src/main/providers/fansly-page'
import {
  type FanslyAccountMedia,
  type FanslyMessage,
  fanslyAccountMediaSchema,
  fanslyBundleSchema,
  fanslyMessageSchema,
} from '../../../src/main/providers/fansly-schemas'
import { fanslyTimeToIso } from '../../../src/main/providers/fansly-values'
import { spanOfTimes } from '../../../src/main/providers/message-span'
import { cloneFixture, loadFanslyFixture } from './fansly-fixtures'

const recorded = (): Record<string, unknown> =>
  cloneFixture(
    (loadFanslyFixture('fansly-messages-1.json') as { response: Record<string, unknown> }).response,
  )

function timelineMedia(): FanslyAccountMedia[] {
  const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown[] } }
  return body.response.accountMedia.map((item) => fanslyAccountMediaSchema.parse(cloneFixture(item)))
}

function message(
  id: string,
  attachments: Array<[number, string]> = [],
  extra: Partial<FanslyMessage> = {},
): FanslyMessage {
  return fanslyMessageSchema.parse({
    id,
    content: `text ${id}`,
    groupId: 'g1',
    senderId: '300000000000000001',
    createdAt: 1733811915,
    attachments: attachments.map(([contentType, contentId], pos) => ({ contentType, contentId, pos })),
    ...extra,
  })
}

const context = { chatId: 'g1', creatorAccountId: '300000000000000001', partnerAccountId: null }

describe('attachment resolution', () => {
  it('resolves the recorded message to its accountMedia and keeps text and raw as sent', () => {
    const page = recorded() as { messages: unknown[]; accountMedia: unknown[] }
    const prepared = preparePage(page)
    const [msg] = toProviderMessages(prepared, new Map(), {
      ...context,
      creatorAccountId: null,
      partnerAccountId: null,
    })
    expect(msg).toMatchObject({
      id: '720752212945612800',
      chatId: '300000000000000004',
      text: 'Testing new camera setup with lighting',
      price: null,
      isFree: true,
      senderId: '300000000000000003',
      createdAt: new Date(1733811915 * 1000).toISOString(),
    })
    expect(msg?.media.map((m) => m.providerMediaId)).toEqual(['720419390651346944'])
    expect(msg?.raw).toEqual(page.messages[0])
    expect(msg?.media[0]?.raw).toEqual(page.accountMedia[0])
  })

  it('skips tips, posts, tip goals, stories, polls and unknown content types without error', () => {
    const msg = message('10', [
      [7, '1'],
      [8, '2'],
      [7100, '3'],
      [32001, '4'],
      [42001, '5'],
      [99999, '6'],
      [1, '545951655619731457'],
    ])
    expect(messageAttachments(msg, new Map()).refs).toEqual([
      { accountMediaId: '545951655619731457', bundle: null },
    ])
    // A message with only a tip carries no media and is not listed.
    const prepared = preparePage({ messages: [message('11', [[7, '1']])] })
    expect(toProviderMessages(prepared, new Map(), context)).toEqual([])
  })

  it('expands bundles by bundleContent order, else accountMediaIds, and prices a bundle once', () => {
    const [locked, , , open] = timelineMedia()
    const bundle = fanslyBundleSchema.parse({
      id: 'b1',
      accountMediaIds: ['x', 'y'],
      bundleContent: [
        { accountMediaId: open?.id, pos: 1 },
        { accountMediaId: locked?.id, pos: 0 },
      ],
      permissions: { permissionFlags: [{ flags: 1, price: 12000, metadata: '' }] },
      access: false,
    })
    expect(bundleMediaIds(bundle)).toEqual([locked?.id, open?.id])
    expect(bundleMediaIds({ ...bundle, bundleContent: [] })).toEqual(['x', 'y'])
    const page = {
      messages: [
        message('20', [
          [2, 'b1'],
          [2, 'missing-bundle'],
        ]),
      ],
      accountMedia: [locked, open],
      accountMediaBundles: [bundle],
    }
    const prepared = preparePage(page)
    expect(prepared.attachments[0]?.missingBundleIds).toEqual(['missing-bundle'])
    const [msg] = toProviderMessages(prepared, new Map(), context)
    // The bundle the page left out is a failed placeholder saying so.
    expect(msg?.media).toHaveLength(3)
    expect(msg?.media[2]).toMatchObject({
      providerMediaId: 'bundle:missing-bundle',
      problem: 'onlyfansapi-fansly: bundle missing-bundle of message 20 was not returned by the provider',
    })
    expect(msg?.price).toBe(12)
    expect(msg?.isFree).toBe(false)
    expect(msg?.media[0]?.accessRules).toEqual([expect.objectContaining({ kind: 'ppv', price: 12 })])
  })

  it('sums the cheapest price of each separately sold item', () => {
    const [locked, lockedPhoto] = timelineMedia()
    const page = {
      messages: [
        message('30', [
          [1, locked?.id ?? ''],
          [1, lockedPhoto?.id ?? ''],
        ]),
      ],
      accountMedia: [locked, lockedPhoto],
    }
    // $7.50 for a fan without the tier ($3 with it) + no PPV on the photo.
    const [msg] = toProviderMessages(preparePage(page), new Map(), context)
    expect(msg).toMatchObject({ price: 7.5, subscriberPrice: 3, isFree: false })
  })

  it('lists ids missing from the page once, for one batched fetch, and uses the fetched items', () => {
    const media = timelineMedia()
    const page = {
      messages: [
        message('41', [
          [1, media[0]?.id ?? ''],
          [1, media[1]?.id ?? ''],
        ]),
        message('40', [
          [1, media[1]?.id ?? ''],
          [1, media[2]?.id ?? ''],
        ]),
      ],
      accountMedia: [media[2]],
    }
    const prepared = preparePage(page)
    const missing = missingAccountMediaIds(prepared.attachments, prepared.included)
    expect(missing).toEqual([media[0]?.id, media[1]?.id])
    const fetched = indexById([media[0], media[1]].filter((m): m is FanslyAccountMedia => m !== undefined))
    const messages = toProviderMessages(prepared, fetched, context)
    expect(messages.map((m) => m.media.length)).toEqual([2, 2])
  })

  it('filters by media type and decides who sent it', () => {
    const media = timelineMedia()
    const page = {
      messages: [
        message(
          '51',
          [
            [1, media[0]?.id ?? ''],
            [1, media[2]?.id ?? ''],
          ],
          { senderId: 'fan' },
        ),
      ],
      accountMedia: media,
    }
    const prepared = preparePage(page)
    const [videosOnly] = toProviderMessages(prepared, new Map(), {
      ...context,
      types: new Set(['video'] as const),
    })
    expect(videosOnly?.media.map((m) => m.type)).toEqual(['video'])
    expect(videosOnly?.fromCreator).toBe(false)
    const byPartner = toProviderMessages(prepared, new Map(), {
      chatId: 'g1',
      creatorAccountId: null,
      partnerAccountId: 'other',
    })
    expect(byPartner[0]?.fromCreator).toBe(true)
  })

  it('chunks ids for the account-media batch endpoint', () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(i))
    expect(chunkIds(ids, 50).map((c) => c.length)).toEqual([50, 50, 20])
    expect(chunkIds([], 50)).toEqual([])
  })
})

describe('before-cursor paging', () => {
  const page = (...ids: string[]): FanslyMessage[] => ids.map((id) => message(id))

  it('uses the oldest id of the page, whatever order the page is in', () => {
    expect(oldestMessageId(page('900', '800', '700'))).toBe('700')
    expect(oldestMessageId(page('700', '900', '800'))).toBe('700')
    // Snowflakes beyond 2^53 compare exactly.
    expect(oldestMessageId(page('720752212945612801', '720752212945612800'))).toBe('720752212945612800')
    // Non-numeric (sanitized) ids: the last one, since pages come newest first.
    expect(oldestMessageId(page('MESSAGE_B', 'MESSAGE_A'))).toBe('MESSAGE_A')
  })

  it('stops on an empty page', () => {
    expect(nextBeforeCursor([], '700')).toBeNull()
    expect(nextBeforeCursor([], null)).toBeNull()
  })

  it('stops when the cursor repeats or does not move older', () => {
    expect(nextBeforeCursor(page('900', '800'), null)).toBe('800')
    expect(nextBeforeCursor(page('799', '700'), '800')).toBe('700')
    expect(nextBeforeCursor(page('900', '800'), '800')).toBeNull()
    expect(nextBeforeCursor(page('950', '900'), '800')).toBeNull()
    expect(nextBeforeCursor(page('MSG_X'), 'MSG_X')).toBeNull()
  })

  it('terminates a provider that ignores `before` and returns the same page forever', () => {
    const stuck = page('300', '200', '100')
    let cursor: string | null = null
    let requests = 0
    do {
      requests += 1
      cursor = nextBeforeCursor(stuck, cursor)
    } while (cursor !== null && requests < 100)
    expect(requests).toBe(2)
  })
})

describe('message span', () => {
  it('covers every message of the recorded page, text-only ones included (seconds, ms, floats)', () => {
    const page = recorded() as { messages: Array<Record<string, unknown>> }
    const first = page.messages[0] ?? {}
    // A text-only message an hour older, its time in milliseconds.
    page.messages.push({ ...first, id: '720752212945612700', attachments: [], createdAt: 1733808315000 })
    const times = page.messages.map((m) => Date.parse(fanslyTimeToIso(m['createdAt']) ?? ''))
    expect(preparePage(page).span).toEqual({
      newest: new Date(Math.max(...times)).toISOString(),
      oldest: new Date(Math.min(...times)).toISOString(),
    })
    expect(preparePage({ messages: [] }).span).toBeNull()
  })

  it('skips times it cannot read, and is null when none can be read', () => {
    expect(spanOfTimes(['2024-05-02T00:00:00Z', null, 'not a date', '2024-05-01T00:00:00.500Z'])).toEqual({
      newest: '2024-05-02T00:00:00.000Z',
      oldest: '2024-05-01T00:00:00.500Z',
    })
    expect(spanOfTimes([null, 'soon'])).toBeNull()
  })
})

describe('conversation fields', () => {
  const all = { ...context, textOnlyToo: true }

  it('keeps text-only messages when asked, with reply and tip from either place', () => {
    const page = preparePage({
      messages: [
        message('62', [], { inReplyTo: '61', totalTipAmount: 5000 }),
        message('61', [[7, 't1']], { inReplyTo: '' }),
        message('60', [], { inReplyTo: null }),
      ],
      tips: [
        { id: 't1', amount: 2500 },
        { id: 'unrelated', amount: 1 },
      ],
    })
    expect(toProviderMessages(page, new Map(), context)).toEqual([])
    const messages = toProviderMessages(page, new Map(), all)
    expect(messages.map((m) => [m.id, m.replyToId, m.tip, m.media.length, m.isMassMessage])).toEqual([
      ['62', '61', 5, 0, null],
      ['61', null, 2.5, 0, null],
      ['60', null, null, 0, null],
    ])
  })

  it('catalogues an attachment that resolves to nothing as failed, saying why', () => {
    const [media] = timelineMedia()
    const page = preparePage({
      messages: [
        message('70', [
          [1, 'gone'],
          [1, media?.id ?? ''],
          [1, 'broken'],
        ]),
      ],
      accountMedia: [media, { id: 'broken', accountId: '1' }],
    })
    const [msg] = toProviderMessages(page, new Map(), all)
    expect(msg?.media.map((m) => [m.providerMediaId, m.problem ?? 'ok'])).toEqual([
      ['gone', 'onlyfansapi-fansly: attachment gone of message 70 was not returned by the provider'],
      [media?.id, 'ok'],
      [
        'broken',
        expect.stringMatching(/^onlyfansapi-fansly: unexpected response at accountMedia\[1\]\.media/),
      ],
    ])
    // What /account-media/{ids} returned unreadable is named the same way.
    const fetchedBad = toProviderMessages(
      preparePage({ messages: [message('71', [[1, 'later']])] }),
      new Map(),
      {
        ...all,
        fetchedUnreadable: new Map([
          ['later', 'onlyfansapi-fansly: unexpected response at response[0].media'],
        ]),
      },
    )
    expect(fetchedBad[0]?.media[0]?.problem).toBe(
      'onlyfansapi-fansly: unexpected response at response[0].media',
    )
  })

  it('paid when every priced offer was bought, unknown when one does not say', () => {
    const [locked] = timelineMedia()
    const bought = preparePage({
      messages: [message('80', [[1, locked?.id ?? '']])],
      accountMedia: [{ ...locked, purchased: true }],
    })
    expect(toProviderMessages(bought, new Map(), all)[0]).toMatchObject({ price: 7.5, paid: true })
    // The recording says purchased: false.
    const notBought = preparePage({
      messages: [message('81', [[1, locked?.id ?? '']])],
      accountMedia: [locked],
    })
    expect(toProviderMessages(notBought, new Map(), all)[0]?.paid).toBe(false)
    const { purchased: _purchased, ...silent } = locked ?? { purchased: null }
    const unknown = preparePage({
      messages: [message('82', [[1, locked?.id ?? '']])],
      accountMedia: [silent],
    })
    expect(toProviderMessages(unknown, new Map(), all)[0]?.paid).toBeNull()
  })
})
