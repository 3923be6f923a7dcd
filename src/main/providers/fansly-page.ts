// One Fansly messages page read entry by entry. Each message, accountMedia, bundle and tip is
// parsed on its own: a malformed message is a problem line (the rest of the page goes on), a
// malformed accountMedia or bundle becomes the reason its attachments are catalogued as failed.
import { SchemaDrift } from './errors'
import { type MessageAttachments, indexById, messageAttachments } from './fansly-attachments'
import { type Located, type PathSegment, formatPath, parseOrDrift } from './fansly-envelope'
import {
  type FanslyAccountMedia,
  type FanslyBundle,
  type FanslyMessage,
  fanslyAccountMediaSchema,
  fanslyBundleSchema,
  fanslyMessageSchema,
  fanslyMessagesPageSchema,
  fanslyTipSchema,
} from './fansly-schemas'
import { fanslyPriceToUsd, fanslyTimeToIso, isPlainObject } from './fansly-values'
import { spanOfTimes } from './message-span'
import type { MessageSpan } from './types'

export interface PreparedPage {
  /** The messages that could be read, in page order. */
  readonly messages: readonly FanslyMessage[]
  /** Every message id on the page, readable or not: where the next page starts. */
  readonly ids: readonly string[]
  /** Per message (same index): the accountMedia its attachments point at. */
  readonly attachments: readonly MessageAttachments[]
  /** accountMedia delivered with the page. */
  readonly included: ReadonlyMap<string, FanslyAccountMedia>
  /** accountMedia or bundle id -> why its entry could not be read. */
  readonly unreadable: ReadonlyMap<string, string>
  /** Tip id -> amount in USD. */
  readonly tips: ReadonlyMap<string, number>
  /** Messages left out because they could not be read (no id or no date): one line each. */
  readonly problems: readonly string[]
  /** Newest and oldest time among every message read, text-only ones included. */
  readonly span: MessageSpan | null
}

/**
 * Parses a located messages page (the value under OnlyFansAPI's `data`, or a parsed page). Only a
 * page without a `messages` list fails as a whole: nothing on it can be trusted then.
 */
export function preparePage(value: unknown, path: readonly PathSegment[] = []): PreparedPage {
  const page = parseOrDrift(fanslyMessagesPageSchema, { value, path })
  const problems: string[] = []
  const unreadable = new Map<string, string>()
  const entries = <T>(
    key: string,
    list: readonly unknown[] | null | undefined,
    read: (located: Located) => T,
    onDrift: (entry: unknown, message: string) => void,
  ): T[] =>
    (list ?? []).flatMap((entry, index) => {
      try {
        return [read({ value: entry, path: [...path, key, index] })]
      } catch (error) {
        if (!(error instanceof SchemaDrift)) throw error
        onDrift(entry, error.message)
        return []
      }
    })
  const byRawId = (entry: unknown, message: string): void => {
    const id = stringId(entry)
    if (id) unreadable.set(id, message)
    else problems.push(message)
  }

  const messages = entries(
    'messages',
    page.messages,
    (located) => {
      const message = parseOrDrift(fanslyMessageSchema, located)
      if (fanslyTimeToIso(message.createdAt) === null) {
        const at = [...located.path, 'createdAt']
        throw new SchemaDrift('onlyfansapi-fansly', formatPath(at), 'unreadable message time')
      }
      return message
    },
    (_entry, message) => problems.push(message),
  )
  const accountMedia = entries(
    'accountMedia',
    page.accountMedia,
    (located) => parseOrDrift(fanslyAccountMediaSchema, located),
    byRawId,
  )
  const bundles = indexById<FanslyBundle>(
    entries(
      'accountMediaBundles',
      page.accountMediaBundles,
      (l) => parseOrDrift(fanslyBundleSchema, l),
      byRawId,
    ),
  )
  const tips = new Map<string, number>()
  for (const tip of entries(
    'tips',
    page.tips,
    (l) => parseOrDrift(fanslyTipSchema, l),
    () => undefined,
  )) {
    const amount = fanslyPriceToUsd(tip.amount)
    if (amount !== null) tips.set(tip.id, amount)
  }
  const ids = page.messages.flatMap((entry) => {
    const id = stringId(entry)
    return id ? [id] : []
  })
  return {
    messages,
    ids,
    attachments: messages.map((message) => messageAttachments(message, bundles)),
    included: indexById(accountMedia),
    unreadable,
    tips,
    problems,
    span: spanOfTimes(messages.map((m) => fanslyTimeToIso(m.createdAt))),
  }
}

/** Parses the `/account-media/{ids}` list entry by entry; an unreadable entry's id gets its reason. */
export function readAccountMediaList(
  list: readonly unknown[],
  path: readonly PathSegment[],
): { readonly items: readonly FanslyAccountMedia[]; readonly unreadable: ReadonlyMap<string, string> } {
  const items: FanslyAccountMedia[] = []
  const unreadable = new Map<string, string>()
  list.forEach((entry, index) => {
    try {
      items.push(parseOrDrift(fanslyAccountMediaSchema, { value: entry, path: [...path, index] }))
    } catch (error) {
      if (!(error instanceof SchemaDrift)) throw error
      const id = stringId(entry)
      if (id) unreadable.set(id, error.message)
    }
  })
  return { items, unreadable }
}

/** The id of an entry that failed to parse, when it has a usable one (a snowflake string). */
function stringId(entry: unknown): string | null {
  const id = isPlainObject(entry) ? entry['id'] : null
  return typeof id === 'string' && id !== '' ? id : null
}
