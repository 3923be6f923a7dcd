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
  /** The catalog row id of each message of the page, in page order. */
  readonly messageRowIds: readonly number[]
  readonly items: readonly WorkItem[]
  /** Items catalogued as failed because they could not be read or resolved: their reasons. */
  readonly problems: readonly string[]
}

/**
 * Applies one provider media item to its row: flags, access rules, status and download jobs.
 * `storedStatus` is what the row holds now when that differs from `previousStatus` (a row this
 * page just created holds the status it was inserted with), so the status is written only when it
 * changes.
 */
export function applyMedia(
  catalog: Catalog,
  mediaRowId: number,
  media: ProviderMedia,
  chatExternalId: string,
  previousStatus: MediaStatus | null,
  storedStatus: MediaStatus | null = previousStatus,
): WorkItem {
  if (media.accessRules.length > 0 || previousStatus !== null)
    catalog.media.replaceAccessRules(mediaRowId, media.accessRules)
  // One look at the files already stored for the row, and none for a row this page just created:
  // a lookup per variant was a third of what ingesting a page cost.
  const stored = new Set(
    previousStatus === null ? [] : catalog.media.files(mediaRowId).map((file) => file.kind),
  )
  const status: MediaStatus = stored.has('full') ? 'downloaded' : statusFor(media)
  if (status !== storedStatus) catalog.media.setStatus(mediaRowId, status)
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
    const createdAts = messages.map((message) => isoDate(message.createdAt) ?? message.createdAt)
    // The page's messages in one go (one INSERT for the new ones), then their media in page order.
    const rows = catalog.messages.writeMany(
      chat.id,
      messages.map((message, i) => ({
        externalId: message.id,
        text: message.text,
        price: message.price,
        isFree: message.isFree,
        fromCreator: message.fromCreator,
        senderId: message.senderId,
        createdAt: createdAts[i] ?? message.createdAt,
        raw: message.raw,
        subscriberPrice: message.subscriberPrice,
        paid: message.paid,
        tip: message.tip,
        replyToId: message.replyToId,
        isMass: message.isMassMessage,
        hasMedia: message.media.length > 0,
      })),
    )
    const newMessages = rows.filter((row) => row.inserted).length
    const messageRowIds = rows.map((row) => row.id)
    const items: WorkItem[] = []
    const problems: string[] = []
    messages.forEach((message, i) => {
      const row = rows[i]
      const createdAt = createdAts[i]
      if (row === undefined || createdAt === undefined) return
      message.media.forEach((media, position) => {
        const previous = catalog.media.get(accountId, media.providerMediaId)
        if (media.problem !== undefined) {
          const item = ingestUnreadable(catalog, accountId, row.id, position, createdAt, media, previous)
          if (item.status !== 'downloaded') problems.push(media.problem)
          items.push({ ...item, chatExternalId: chat.externalId })
          return
        }
        const size = expectedSize(media, 'full')
        // A new row is inserted with the status applyMedia would give it (no files are stored for
        // it yet), so it needs no UPDATE; a known row keeps its status until applyMedia decides.
        const record = catalog.media.upsert(
          accountId,
          { ...media, createdAt: isoDate(media.createdAt), size, status: statusFor(media), item: media },
          { messageId: row.id, sortAt: createdAt, price: message.price },
        )
        catalog.messages.linkMedia(row.id, record.id, position)
        const previousStatus = previous?.status ?? null
        items.push(applyMedia(catalog, record.id, media, chat.externalId, previousStatus, record.status))
      })
    })
    return { allKnown: messages.length > 0 && newMessages === 0, newMessages, messageRowIds, items, problems }
  })
}

/**
 * A media item the provider sent but that could not be read or resolved (`media.problem`). A new
 * one is catalogued from its placeholder as failed; a known one keeps what the archive has (a
 * guessed type or empty rules must not overwrite it) and, unless its file is archived, becomes
 * failed. The reason goes on its `full` job, where a failed item's reason is shown; every later
 * sync tries the item again (leftovers refresh failed items) and a readable copy replaces it.
 */
function ingestUnreadable(
  catalog: Catalog,
  accountId: number,
  messageRowId: number,
  position: number,
  sortAt: string,
  media: ProviderMedia,
  previous: { readonly id: number; readonly status: MediaStatus } | undefined,
): Omit<WorkItem, 'chatExternalId'> {
  const mediaRowId =
    previous?.id ??
    catalog.media.upsert(
      accountId,
      { ...media, size: null, item: media },
      { messageId: messageRowId, sortAt, price: null },
    ).id
  catalog.messages.linkMedia(messageRowId, mediaRowId, position)
  const previousStatus = previous?.status ?? null
  if (previousStatus === 'downloaded')
    return { mediaRowId, media, kinds: [], jobs: [], previousStatus, status: 'downloaded' }
  if (previousStatus !== 'failed') catalog.media.setStatus(mediaRowId, 'failed')
  const job = catalog.jobs.ensure(mediaRowId, 'full', null)
  catalog.jobs.recordFailure(job.id, media.problem ?? 'unreadable', null, false)
  return { mediaRowId, media, kinds: [], jobs: [], previousStatus, status: 'failed' }
}
