import { describe, expect, it } from 'vitest'
import {
  accessRule as rule,
  type AccessTypePayload,
  decodeAccessTypeRules,
  decodeFanslyAccessRules,
  ppvPrices,
} from '../../../src/main/providers/fansly-access-rules'
import { fanslyAccountMediaSchema } from '../../../src/main/providers/fansly-schemas'
import { loadFanslyFixture } from './fansly-fixtures'

function timelineMedia(index: number): ReturnType<typeof fanslyAccountMediaSchema.parse> {
  const body = loadFanslyFixture('fansly-timeline-1.json') as { response: { accountMedia: unknown[] } }
  return fanslyAccountMediaSchema.parse(body.response.accountMedia[index])
}

describe('decodeFanslyAccessRules on recorded permissions', () => {
  it('decodes the timeline’s four OR-ed sets (flags 4, 4, 5, 3; prices 3000 and 7500)', () => {
    const item = timelineMedia(0)
    expect(decodeFanslyAccessRules(item.permissions)).toEqual([
      rule(0, 4, 'subscription', { tierId: '362457155397230593', tierName: 'Everything Inclusive VIP' }),
      rule(1, 4, 'subscription', { tierId: '362441615689654275', tierName: 'Uncensored VIP' }),
      rule(2, 5, 'ppv', { price: 3 }),
      rule(2, 5, 'subscription', { tierId: '362441618499842048', tierName: 'Mild tease 🥰' }),
      rule(3, 3, 'ppv', { price: 7.5 }),
      rule(3, 3, 'follow'),
    ])
  })

  it('decodes "any tier" (empty tier id) OR follow, with metadata "" on the follow set', () => {
    expect(decodeFanslyAccessRules(timelineMedia(2).permissions)).toEqual([
      rule(0, 4, 'subscription'),
      rule(1, 2, 'follow'),
    ])
    // metadata "" (not "{}") on a subscription set still decodes.
    expect(decodeFanslyAccessRules(timelineMedia(1).permissions)).toEqual([rule(0, 4, 'subscription')])
  })

  it('does not turn accountPermissionFlags (what the viewer holds) into rules', () => {
    const body = loadFanslyFixture('fansly-messages-1.json') as { response: { accountMedia: unknown[] } }
    const item = fanslyAccountMediaSchema.parse(body.response.accountMedia[0])
    expect(item.permissions?.accountPermissionFlags?.flags).toBe(6)
    expect(decodeFanslyAccessRules(item.permissions)).toEqual([rule(0, 2, 'follow')])
  })

  it('decodes the get-account-media seed (flags 8, metadata "") as a list rule without id', () => {
    const body = loadFanslyFixture('seed-account-media.json') as { response: unknown[] }
    const item = fanslyAccountMediaSchema.parse(body.response[0])
    expect(decodeFanslyAccessRules(item.permissions)).toEqual([rule(0, 8, 'list')])
  })

  it('keeps unknown bits as an `unknown` row with the raw flags, never throwing', () => {
    const rules = decodeFanslyAccessRules({
      permissionFlags: [
        { flags: 1 | 64, price: 2500, metadata: '{"1":"{\\"price\\":2500}","64":"not json {' },
      ],
    })
    expect(rules).toEqual([rule(0, 65, 'ppv', { price: 2.5 }), rule(0, 65, 'unknown')])
    expect(decodeFanslyAccessRules({ permissionFlags: [{ flags: 1024, metadata: null }] })).toEqual([
      rule(0, 1024, 'unknown'),
    ])
  })

  it('reads list metadata and a limited-time window (seconds or milliseconds)', () => {
    const rules = decodeFanslyAccessRules({
      permissionFlags: [
        {
          flags: 8,
          metadata: JSON.stringify({ 8: JSON.stringify({ listId: '77', listLabel: 'VIP Fans' }) }),
          validAfter: 1781708661247,
          validBefore: '1782399840',
        },
      ],
    })
    expect(rules).toEqual([
      rule(0, 8, 'list', { listId: '77', listLabel: 'VIP Fans' }),
      rule(0, 8, 'limited_time', {
        validAfter: new Date(1781708661247).toISOString(),
        validBefore: new Date(1782399840000).toISOString(),
      }),
    ])
  })

  it('treats a set that asks nothing as free for all, and no permissions as no rules', () => {
    expect(decodeFanslyAccessRules({ permissionFlags: [{ flags: 1, price: 5000 }, { flags: 0 }] })).toEqual(
      [],
    )
    expect(decodeFanslyAccessRules(undefined)).toEqual([])
    expect(decodeFanslyAccessRules(null, { permissionFlags: 1, price: 9990 })).toEqual([
      rule(0, 1, 'ppv', { price: 9.99 }),
    ])
  })
})

describe('decodeAccessTypeRules on the media-permissions seed examples', () => {
  const examples = loadFanslyFixture('seed-permissions-examples.json') as AccessTypePayload[]

  it('decodes every example exactly', () => {
    expect(examples.map((example) => decodeAccessTypeRules(example))).toEqual([
      [rule(0, 1, 'ppv', { price: 5.99 })],
      [rule(0, 1, 'ppv', { price: 4.99 })],
      [rule(0, 4, 'subscription', { tierId: 'subscription_tier_id', tierName: 'Gold VIP' })],
      [
        rule(0, 4, 'subscription', { tierId: 'subscription_tier_id', tierName: 'Gold VIP' }),
        rule(1, 1, 'ppv', { price: 5 }),
        rule(2, 8, 'list', { listId: 'list_id', listLabel: 'Close Friends' }),
      ],
      [
        rule(0, 4, 'subscription', { tierId: 'subscription_tier_id', tierName: 'Gold VIP' }),
        rule(0, 4, 'limited_time', { validBefore: new Date(1729483920 * 1000).toISOString() }),
      ],
      [
        rule(0, 15, 'ppv', { price: 10 }),
        rule(0, 15, 'subscription', { tierId: 'subscription_tier_id', tierName: 'Sugar Daddy' }),
        rule(0, 15, 'follow'),
        rule(0, 15, 'list', { listId: 'list_id', listLabel: 'VIP Fans' }),
        rule(0, 15, 'limited_time', {
          validAfter: new Date(1781708661247).toISOString(),
          validBefore: new Date(1782399840000).toISOString(),
        }),
      ],
    ])
  })

  it('ignores root-level fields when a permissions array is given', () => {
    const rules = decodeAccessTypeRules({
      access_type: ['ppv'],
      price: 99,
      permissions: [{ access_type: ['follow'] }],
    })
    expect(rules).toEqual([rule(0, 2, 'follow')])
  })

  it('prices an item at what a fan without a subscription pays, the subscriber price beside it', () => {
    // The timeline item: tier AND $3 OR follow AND $7.50 (sets 2 and 3 of four).
    expect(ppvPrices(decodeFanslyAccessRules(timelineMedia(0).permissions))).toEqual({
      price: 7.5,
      subscriberPrice: 3,
    })
    expect(ppvPrices([rule(0, 2, 'follow')])).toEqual({ price: null, subscriberPrice: null })
  })

  it('"PPV $3.50 with a tier" OR "PPV $8.50" is $8.50, with $3.50 for subscribers', () => {
    const rules = decodeFanslyAccessRules({
      permissionFlags: [
        {
          flags: 5,
          price: 3500,
          metadata: JSON.stringify({ 4: JSON.stringify({ subscriptionTierId: '7' }) }),
        },
        { flags: 1, price: 8500, metadata: '' },
      ],
    })
    expect(ppvPrices(rules)).toEqual({ price: 8.5, subscriberPrice: 3.5 })
    // Cheaper without a subscription: no subscriber price to show.
    const reversed = decodeFanslyAccessRules({
      permissionFlags: [
        { flags: 5, price: 9000, metadata: '' },
        { flags: 1, price: 2000, metadata: '' },
      ],
    })
    expect(ppvPrices(reversed)).toEqual({ price: 2, subscriberPrice: null })
    // Sold only to subscribers: that is the price, there is no cheaper one.
    const tierOnly = decodeFanslyAccessRules({ permissionFlags: [{ flags: 5, price: 4000, metadata: '' }] })
    expect(ppvPrices(tierOnly)).toEqual({ price: 4, subscriberPrice: null })
  })
})
