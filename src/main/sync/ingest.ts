// Writes what a provider page says into the catalog, one transaction per page, and says which
// files still need downloading. Knows the catalog and the provider types; no HTTP.
import type { MediaStatus, VariantKind } from '../../shared/domain'
import type { Catalog } from '../catalog/catalog'
import type { OpenJobRef } from '../catalog/repositories/jobs'
import type { ProviderMedia, ProviderMessage } from '../providers/types'
import { expectedSize, statusFor, variantsToArchive } from './media-plan'

export interface WorkItem {
  readonly mediaRowId: number
  readonly media: ProviderMedia
  readonly chatExternalId: string
  readonly kinds: readonly VariantKind[]
  /** The job row of each of `kinds`, as `ensure` left it: the downloads to start, or wait for. */
  readonly jobs: readonly OpenJobRef[]
  /** Status before this page was ingested; 'downloaded' means the archive already had it. */
  readonly previousStatus: MediaStatus | null
  readonly status: MediaStatus
}

export interface PageResult {
  /**
   * True when the page has messages and every one was archived before: where an incremental sync
   * stops. An empty page (a provider may page text-only messages) proves nothing.
   */
  readonly allKnown: boolean
  readonly newMessages: number
  readonly items: readonly WorkItem[]
}

/** Applies one provider media item to its row: flags, access rules, status and download jobs. */
export function applyMedia(
  catalog: Catalog,
  mediaRowId: number,
  media: ProviderMedia,
  chatExternalId: string,
  previousStatus: MediaStatus | null,
): WorkItem {
  if (media.accessRules.length > 0 || previousStatus !== null)
    catalog.media.replaceAccessRules(mediaRowId, media.accessRules)
  // One look at the files already stored for the row, and none for a row this page just created:
  // a lookup per variant was a third of what ingesting a page cost.
  const stored = new Set(
    previousStatus === null ? [] : catalog.media.files(mediaRowId).map((file) => file.kind),
  )
  const status: MediaStatus = stored.has('full') ? 'downloaded' : statusFor(media)
  if (status !== previousStatus) catalog.media.setStatus(mediaRowId, status)
  const kinds = variantsToArchive(media, status).filter((kind) => !stored.has(kind))
  const jobs = kinds.map((kind) => catalog.jobs.ensure(mediaRowId, kind, expectedSize(media, kind)))
  return { mediaRowId, media, chatExternalId, kinds, jobs, previousStatus, status }
}

/** One sortable form for every provider's dates (seconds, milliseconds, offsets, 'Z'). */
export function isoDate(value: string | null): string | null {
  if (value === null) return null
  const time = Date.parse(value)
  return Number.isNaN(time) ? value : new Date(time).toISOString()
}

export function ingestPage(
  catalog: Catalog,
  accountId: number,
  chat: { readonly id: number; readonly externalId: string },
  messages: readonly ProviderMessage[],
): PageResult {
  return catalog.transaction(() => {
    let newMessages = 0
    const items: WorkItem[] = []
    for (const message of messages) {
      if (!catalog.messages.exists(chat.id, message.id)) newMessages++
      const createdAt = isoDate(message.createdAt) ?? message.createdAt
      const row = catalog.messages.upsert(chat.id, {
        externalId: message.id,
        text: message.text,
        price: message.price,
        isFree: message.isFree,
        fromCreator: message.fromCreator,
        senderId: message.senderId,
        createdAt,
        raw: message.raw,
      })
      message.media.forEach((media, position) => {
        const previous = catalog.media.get(accountId, media.providerMediaId)
        const size = expectedSize(media, 'full')
        const record = catalog.media.upsert(
          accountId,
          { ...media, createdAt: isoDate(media.createdAt), size, raw: media },
          { messageId: row.id, sortAt: createdAt, price: message.price },
        )
        catalog.messages.linkMedia(row.id, record.id, position)
        items.push(applyMedia(catalog, record.id, media, chat.externalId, previous?.status ?? null))
      })
    }
    return { allKnown: messages.length > 0 && newMessages === 0, newMessages, items }
  })
}
