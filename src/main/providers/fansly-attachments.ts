// Message attachments -> the accountMedia they point at. contentType 1 is an accountMedia id,
// 2 an accountMediaBundle (its `bundleContent` order, else `accountMediaIds`), 7 a tip (its
// amount is read from the page's `tips[]`). Aggregated posts (8), tip goals (7100), stories
// (32001) and polls (42001) carry no media and are skipped, as is any code Fansly adds later.
import type { FanslyAccountMedia, FanslyBundle, FanslyMessage } from './fansly-schemas'

export const fanslyContentTypes = {
  accountMedia: 1,
  bundle: 2,
  tip: 7,
  aggregatedPosts: 8,
  tipGoal: 7100,
  story: 32001,
  poll: 42001,
} as const

export interface AttachmentRef {
  readonly accountMediaId: string
  /** Set when the media came inside a bundle: the bundle's price and rules apply. */
  readonly bundle: FanslyBundle | null
}

export interface MessageAttachments {
  readonly refs: readonly AttachmentRef[]
  /** Bundles referenced but absent from the page; nothing documents a way to fetch one. */
  readonly missingBundleIds: readonly string[]
  /** Tips (contentType 7) the message carries, to look up in the page's `tips[]`. */
  readonly tipIds: readonly string[]
}

export function bundleMediaIds(bundle: FanslyBundle): readonly string[] {
  if (bundle.bundleContent && bundle.bundleContent.length > 0) {
    return [...bundle.bundleContent]
      .sort((a, b) => (a.pos ?? 0) - (b.pos ?? 0))
      .map((entry) => entry.accountMediaId)
  }
  return bundle.accountMediaIds ?? []
}

export function messageAttachments(
  message: FanslyMessage,
  bundles: ReadonlyMap<string, FanslyBundle>,
): MessageAttachments {
  const refs: AttachmentRef[] = []
  const missingBundleIds: string[] = []
  const tipIds: string[] = []
  const seen = new Set<string>()
  const push = (accountMediaId: string, bundle: FanslyBundle | null): void => {
    // The same media may be attached twice (alone and in a bundle): one item per message.
    if (seen.has(accountMediaId)) return
    seen.add(accountMediaId)
    refs.push({ accountMediaId, bundle })
  }
  const attachments = [...(message.attachments ?? [])].sort((a, b) => (a.pos ?? 0) - (b.pos ?? 0))
  for (const attachment of attachments) {
    if (attachment.contentType === fanslyContentTypes.accountMedia) {
      push(attachment.contentId, null)
    } else if (attachment.contentType === fanslyContentTypes.bundle) {
      const bundle = bundles.get(attachment.contentId)
      if (!bundle) {
        missingBundleIds.push(attachment.contentId)
        continue
      }
      for (const id of bundleMediaIds(bundle)) push(id, bundle)
    } else if (attachment.contentType === fanslyContentTypes.tip) {
      tipIds.push(attachment.contentId)
    }
  }
  return { refs, missingBundleIds, tipIds }
}

export function indexById<T extends { readonly id: string }>(
  items: readonly T[] | null | undefined,
): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items ?? []) map.set(item.id, item)
  return map
}

/** accountMedia ids the page references but did not include, in first-seen order, once each. */
export function missingAccountMediaIds(
  attachments: readonly MessageAttachments[],
  known: ReadonlyMap<string, FanslyAccountMedia>,
): readonly string[] {
  const missing = new Set<string>()
  for (const { refs } of attachments) {
    for (const ref of refs) if (!known.has(ref.accountMediaId)) missing.add(ref.accountMediaId)
  }
  return [...missing]
}

/** Splits ids into batches for `/account-media/{ids}` (one credit per call, whatever its size). */
export function chunkIds(ids: readonly string[], size: number): readonly (readonly string[])[] {
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size))
  return chunks
}
