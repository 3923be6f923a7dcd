// Work an earlier sync left behind in the chats being synced: downloads cut short (resumed from
// the stored item, refreshing URLs that expired), items that were not ready, and failures.
import type { Catalog } from '../catalog/catalog'
import { applyMedia, type WorkItem } from './ingest'
import { expectedSize } from './media-plan'
import type { RefreshBatcher } from './refresh-batcher'
import { parseStoredMedia } from './stored-media'

export interface LeftoverDeps {
  readonly catalog: Catalog
  readonly accountId: number
  readonly chatIds: readonly number[]
  /** Items this sync already listed and queued. */
  readonly seen: ReadonlySet<number>
  readonly refresher: RefreshBatcher
  readonly enqueue: (item: WorkItem) => void
}

export async function resumeLeftovers(deps: LeftoverDeps): Promise<void> {
  const { catalog } = deps
  const toRefresh = new Map<string, Map<string, number>>()
  for (const row of catalog.syncWork.mediaNeedingWork(deps.accountId, deps.chatIds)) {
    if (deps.seen.has(row.mediaRowId) || row.chatExternalId === null) continue
    const stored = parseStoredMedia(row.itemJson)
    // A pending item's stored URLs may still work, and an expired one is refreshed on demand;
    // not-ready and failed items need the provider's current word first.
    if (stored && row.status !== 'not_ready' && row.status !== 'failed') {
      const item = catalog.transaction(() =>
        applyMedia(catalog, row.mediaRowId, stored, row.chatExternalId ?? '', row.status),
      )
      deps.enqueue(item)
      continue
    }
    const ids = toRefresh.get(row.chatExternalId) ?? new Map<string, number>()
    ids.set(row.providerMediaId, row.mediaRowId)
    toRefresh.set(row.chatExternalId, ids)
  }
  for (const [chatId, ids] of toRefresh) {
    const fresh = await deps.refresher.refreshMany(chatId, [...ids.keys()])
    for (const [providerMediaId, mediaRowId] of ids) {
      const media = fresh.get(providerMediaId)
      if (!media) continue
      const item = catalog.transaction(() => {
        const previous = catalog.media.getById(mediaRowId)
        catalog.media.refresh(mediaRowId, { ...media, size: expectedSize(media, 'full'), item: media })
        return applyMedia(catalog, mediaRowId, media, chatId, previous?.status ?? null)
      })
      deps.enqueue(item)
    }
  }
}
