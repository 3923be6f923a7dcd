// The core every transport shares: the catalog, the handlers, the event bus and the media-file
// resolver. The Electron entry, serve mode and the CLI each open one with their own options.
import { createHandlers } from './api/handlers'
import { openCatalog } from './catalog/catalog'
import type { Core, CoreOptions, MediaFile, MediaFileKind } from './core-types'
import { openRemovedAccounts } from './accounts/removed-accounts'
import { createEventBus } from './event-bus'
import { createSettingsStore } from './settings'
import { FileStore } from './store/file-store'
import { createSyncControl, type SyncSetup } from './sync/control'
import { markDeadRunsInterrupted } from './sync/interrupted-runs'
import { appVersion } from './version'

export { appVersion }

export interface OpenCoreOptions extends CoreOptions {
  /** Syncs from this transport (the app, serve); absent: syncing is not offered. */
  readonly sync?: SyncSetup
}

const thumbKinds = ['thumb', 'squarePreview', 'preview'] as const

export async function openCore(options: OpenCoreOptions): Promise<Core> {
  const catalog = openCatalog(options.dataDir)
  // Work that was under way when the last process died goes back to the queue; runs whose account
  // no live process is syncing (the CLI may be, in another terminal) are marked interrupted.
  catalog.jobs.resetRunning()
  await markDeadRunsInterrupted(catalog, options.dataDir)
  const events = createEventBus()
  const settings = createSettingsStore(options.dataDir)
  const removedAccounts = openRemovedAccounts(options.dataDir)
  const sync = options.sync
    ? createSyncControl(
        { catalog, dataDir: options.dataDir, events, settings, removedAccounts },
        options.sync,
      )
    : null
  // Read-only use of the store: serving files creates nothing in the data folder.
  const store = await FileStore.open(options.dataDir, { create: false })

  async function resolveMediaFile(mediaId: number, kind: MediaFileKind): Promise<MediaFile | null> {
    if (!Number.isSafeInteger(mediaId) || mediaId <= 0) return null
    const candidates = kind === 'full' ? (['full'] as const) : thumbKinds
    for (const variant of candidates) {
      const file = catalog.media.file(mediaId, variant)
      if (!file) continue
      // The store refuses anything missing or outside its shards (a planted symlink included).
      const path = await store.absPath(file.relPath).catch(() => null)
      if (path) return { path, mime: file.mime, size: file.size }
    }
    return null
  }

  const handlers = createHandlers({
    catalog,
    dataDir: options.dataDir,
    transport: options.transport,
    version: appVersion,
    events,
    sync,
    settings,
    ...(options.keyStore && { keyStore: options.keyStore }),
    ...(options.envKeyName && { envKeyName: options.envKeyName }),
    ...(options.env && { env: options.env }),
    ...(options.folderPicker && { folderPicker: options.folderPicker }),
    ...(options.suggestedExportFolder && { suggestedExportFolder: options.suggestedExportFolder }),
    removedAccounts,
    resolveMediaFile,
    ...(options.desktopShell && { desktopShell: options.desktopShell }),
    ...(options.keyCheck && { keyCheck: options.keyCheck }),
  })

  return {
    dataDir: options.dataDir,
    handlers,
    events,
    resolveMediaFile,
    settings,
    sync,
    // Syncs end (cancelled, their ends written, bounded) before the catalog closes under them.
    close: async () => {
      await sync?.stop()
      catalog.close()
    },
  }
}
