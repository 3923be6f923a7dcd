// Fansly access rules -> domain AccessRule rows. Each entry of `permissions.permissionFlags` is
// one rule set (sets are OR-ed); the bits inside one set are AND-ed, e.g. flags 5 = "subscribed to
// tier X AND pay $3". Bits and metadata keys, as the recordings show them:
//   1 = pay per view (`price`, metadata "1": {price}), 2 = follow, 4 = subscription
//   (metadata "4": {subscriptionTierId, subscriptionTierName}; an empty tier id means any tier).
// 8 = list is inferred (the fourth named access type; metadata "8" read for listId/listLabel).
// limited_time has no bit: it is the set's validAfter/validBefore. Anything else is kept as an
// `unknown` row with the raw flags, never an exception.
import type { AccessRule } from '../../shared/domain'
import type { FanslyPermissionFlag, FanslyPermissions } from './fansly-schemas'
import {
  fanslyPriceToUsd,
  fanslyTimeToIso,
  finiteNumber,
  isPlainObject,
  nonEmptyString,
  readJsonObject,
} from './fansly-values'

export const fanslyPermissionBits = { ppv: 1, follow: 2, subscription: 4, list: 8 } as const
const knownBits =
  fanslyPermissionBits.ppv |
  fanslyPermissionBits.follow |
  fanslyPermissionBits.subscription |
  fanslyPermissionBits.list

type RuleFields = Omit<AccessRule, 'ruleSet' | 'flags' | 'kind'>

const emptyFields: RuleFields = {
  price: null,
  tierId: null,
  tierName: null,
  listId: null,
  listLabel: null,
  validAfter: null,
  validBefore: null,
}

/** A rule with the fields its kind does not use left null: the one list of them, for tests too. */
export function accessRule(
  ruleSet: number,
  flags: number,
  kind: AccessRule['kind'],
  fields: Partial<RuleFields> = {},
): AccessRule {
  return { ruleSet, kind, flags, ...emptyFields, ...fields }
}

/** The fallback when an item has no `permissions` object: the legacy top-level flags and price. */
export interface LegacyPermission {
  readonly permissionFlags?: number | null
  readonly price?: number | null
}

/**
 * Decodes an accountMedia's (or bundle's) permissions. `accountPermissionFlags` is deliberately
 * not a rule: it is what the viewing account holds (255 on the creator's own media, 6 = follows
 * and subscribes), and `verificationFlags` says which bits of each set it satisfied.
 */
export function decodeFanslyAccessRules(
  permissions: FanslyPermissions | null | undefined,
  legacy: LegacyPermission = {},
): readonly AccessRule[] {
  const sets: readonly FanslyPermissionFlag[] =
    permissions?.permissionFlags ??
    (legacy.permissionFlags ? [{ flags: legacy.permissionFlags, price: legacy.price ?? null }] : [])
  const rules: AccessRule[] = []
  for (const [ruleSet, set] of sets.entries()) {
    const decoded = decodeRuleSet(set, ruleSet)
    // A set that asks nothing (flags 0, no time window) means anyone may view: no rule applies.
    if (decoded.length === 0) return []
    rules.push(...decoded)
  }
  return rules
}

function decodeRuleSet(set: FanslyPermissionFlag, ruleSet: number): AccessRule[] {
  const flags = set.flags
  const metadata = readJsonObject(set.metadata)
  const rule = (kind: AccessRule['kind'], fields: Partial<RuleFields> = {}): AccessRule =>
    accessRule(ruleSet, flags, kind, fields)
  const rules: AccessRule[] = []
  if (flags & fanslyPermissionBits.ppv) {
    const meta = section(metadata, fanslyPermissionBits.ppv)
    rules.push(rule('ppv', { price: fanslyPriceToUsd(set.price) ?? fanslyPriceToUsd(meta['price']) }))
  }
  if (flags & fanslyPermissionBits.follow) rules.push(rule('follow'))
  if (flags & fanslyPermissionBits.subscription) {
    const meta = section(metadata, fanslyPermissionBits.subscription)
    rules.push(
      rule('subscription', {
        tierId: nonEmptyString(meta['subscriptionTierId']),
        tierName: nonEmptyString(meta['subscriptionTierName']),
      }),
    )
  }
  if (flags & fanslyPermissionBits.list) {
    const meta = section(metadata, fanslyPermissionBits.list)
    rules.push(
      rule('list', {
        listId: nonEmptyString(meta['listId'] ?? meta['id']),
        listLabel: nonEmptyString(meta['listLabel'] ?? meta['label'] ?? meta['name']),
      }),
    )
  }
  if (flags & ~knownBits) rules.push(rule('unknown'))
  const validAfter = fanslyTimeToIso(set.validAfter)
  const validBefore = fanslyTimeToIso(set.validBefore)
  if (validAfter !== null || validBefore !== null)
    rules.push(rule('limited_time', { validAfter, validBefore }))
  return rules
}

function section(
  metadata: Readonly<Record<string, unknown>>,
  bit: number,
): Readonly<Record<string, unknown>> {
  const value = metadata[String(bit)]
  return isPlainObject(value) ? value : {}
}

/** One rule in the shape OnlyFansAPI accepts when media is attached (the media-permissions page). */
export interface AccessTypeRule {
  readonly access_type?: readonly string[]
  readonly price?: number | null
  readonly subscriptionTierId?: string | null
  readonly subscriptionTierName?: string | null
  readonly listId?: string | null
  readonly listLabel?: string | null
  readonly validAfter?: number | null
  readonly validBefore?: number | null
}

export interface AccessTypePayload extends AccessTypeRule {
  readonly permissions?: readonly AccessTypeRule[]
}

const accessTypeBits: Readonly<Record<string, number>> = {
  ppv: fanslyPermissionBits.ppv,
  follow: fanslyPermissionBits.follow,
  subscription: fanslyPermissionBits.subscription,
  list: fanslyPermissionBits.list,
  limited_time: 0,
}

/**
 * Decodes OnlyFansAPI's request form (`access_type` arrays, dollars) into the same rows, so
 * rules we sent or a future normalised read can be compared with what Fansly reports. A
 * `permissions` array replaces the root-level fields, as that page says.
 */
export function decodeAccessTypeRules(payload: AccessTypePayload): readonly AccessRule[] {
  const sets = payload.permissions && payload.permissions.length > 0 ? payload.permissions : [payload]
  const rules: AccessRule[] = []
  for (const [ruleSet, set] of sets.entries()) {
    const types = set.access_type ?? []
    const flags = types.reduce((sum, type) => sum | (accessTypeBits[type] ?? 0), 0)
    for (const type of types) {
      const base = { ...emptyFields, ruleSet, flags }
      if (type === 'ppv') rules.push({ ...base, kind: 'ppv', price: finiteNumber(set.price) })
      else if (type === 'follow') rules.push({ ...base, kind: 'follow' })
      else if (type === 'subscription')
        rules.push({
          ...base,
          kind: 'subscription',
          tierId: nonEmptyString(set.subscriptionTierId),
          tierName: nonEmptyString(set.subscriptionTierName),
        })
      else if (type === 'list')
        rules.push({
          ...base,
          kind: 'list',
          listId: nonEmptyString(set.listId),
          listLabel: nonEmptyString(set.listLabel),
        })
      else if (type === 'limited_time')
        rules.push({
          ...base,
          kind: 'limited_time',
          validAfter: fanslyTimeToIso(set.validAfter),
          validBefore: fanslyTimeToIso(set.validBefore),
        })
      else rules.push({ ...base, kind: 'unknown' })
    }
  }
  return rules
}

export interface PpvPrices {
  /** What a fan with no subscription (and on no list) pays: the cheapest set asking neither. */
  readonly price: number | null
  /** The cheapest price of all when a subscription (or list) makes it lower; else null. */
  readonly subscriberPrice: number | null
}

/**
 * The pay-per-view prices of an item, in dollars, across its OR-ed rule sets. The summary price is
 * what a fan without a subscription pays ("PPV $3.50 with a tier" OR "PPV $8.50" is $8.50); when
 * every set that sells it needs a subscription or a list, that cheapest set is the price.
 */
export function ppvPrices(rules: readonly AccessRule[]): PpvPrices {
  const sets = new Map<number, AccessRule[]>()
  for (const rule of rules) sets.set(rule.ruleSet, [...(sets.get(rule.ruleSet) ?? []), rule])
  let open: number | null = null
  let any: number | null = null
  for (const set of sets.values()) {
    const ppv = set.find((rule) => rule.kind === 'ppv' && rule.price !== null)?.price ?? null
    if (ppv === null) continue
    any = any === null ? ppv : Math.min(any, ppv)
    const needsMore = set.some((rule) => rule.kind === 'subscription' || rule.kind === 'list')
    if (!needsMore) open = open === null ? ppv : Math.min(open, ppv)
  }
  const price = open ?? any
  return { price, subscriberPrice: any !== null && price !== null && any < price ? any : null }
}
