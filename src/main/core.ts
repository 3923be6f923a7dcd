// The core every transport shares: the catalog, the handlers, the event bus and the media-file
// resolver. The Electron entry, serve mode and the CLI each open one with their own options.
import { realpathSync } from 'node:fs'
import { join, sep } from 'node:path'
import { createHandlers } from './api/handlers'
import { openCatalog } from './catalog/catalog'
import type { Core, CoreOptions, MediaFile, MediaFileKind } from './core-types'
import { createEventBus } from './event-bus'
import { createSettingsStore } from './settings'
import { createSyncControl, type SyncSetup } from './sync/control'
import { appVersion } from './version'

export { appVersion }

export interface OpenCoreOptions extends CoreOptions {
  /** Syncs from this transport (the app, serve); absent: syncing is not offered. */
  readonly sync?: SyncSetup
}

const thumbKinds = ['thumb', 'squarePreview', 'preview'] as const

export async function openCore(options: OpenCoreOptions): Promise<Core> {
  const catalog = openCatalog(options.dataDir)
  // Work that was under way when the last process died goes back to the queue.
  catalog.jobs.resetRunning()
  catalog.syncRuns.abandonRunning()
  const events = createEventBus()
  const settings = createSettingsStore(options.dataDir)
  const sync = options.sync
    ? createSyncControl({ catalog, dataDir: options.dataDir, events, settings }, options.sync)
    : null
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
  })
  const filesRoot = join(options.dataDir, 'files')

  function resolveMediaFile(mediaId: number, kind: MediaFileKind): MediaFile | null {
    if (!Number.isSafeInteger(mediaId) || mediaId <= 0) return null
    const candidates = kind === 'full' ? (['full'] as const) : thumbKinds
    for (const variant of candidates) {
      const file = catalog.media.file(mediaId, variant)
      if (!file) continue
      const path = containedPath(filesRoot, file.relPath)
      if (path) return { path, mime: file.mime, size: file.size }
    }
    return null
  }

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

/** The real path of a catalogued file, or null when it is missing or resolves outside the store. */
export function containedPath(filesRoot: string, relPath: string): string | null {
  try {
    const root = realpathSync(filesRoot)
    const real = realpathSync(join(root, relPath.replace(/^files[\\/]/, '')))
    return real.startsWith(root + sep) ? real : null
  } catch {
    return null
  }
}
