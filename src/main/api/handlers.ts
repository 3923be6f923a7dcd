// One function per contract channel, transport-agnostic: Electron IPC and serve-mode HTTP both
// call these after validating input with the channel's schema.
import type { Handlers } from '../../shared/contract'
import { createAccountHandlers } from './account-handlers'
import { createConversationHandlers } from './conversation-handlers'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'
import { createExportHandlers } from './export-handlers'
import { mediaDetail } from './media-detail'
import { createSyncHandlers } from './sync-handlers'

export function createHandlers(deps: HandlerDeps): Handlers {
  const { catalog } = deps
  return {
    'app:info': async () => ({
      name: 'Chatkeep',
      version: deps.version,
      transport: deps.transport === 'electron' ? 'electron' : 'http',
      dataDir: deps.dataDir,
      platform: process.platform,
    }),
    'catalog:stats': async () => {
      const stats = catalog.stats.stats()
      return { ...stats, byStatus: { ...stats.byStatus }, byType: { ...stats.byType } }
    },
    'chats:list': async ({ accountId }) => catalog.chats.summaries(accountId).map((c) => ({ ...c })),
    'media:search': async (query) => {
      const page = catalog.gallery.search(query)
      return {
        total: page.total,
        rows: [...page.rows],
        ...(page.capped && { capped: true }),
        ...(page.totalIsLowerBound && { totalIsLowerBound: true }),
      }
    },
    'media:get': async ({ id }) => mediaDetail(catalog, id),
    'media:showInFolder': async ({ id }) => {
      // Only a file the store resolves (inside its shards, present) ever reaches the file manager.
      const file = await deps.resolveMediaFile(id, 'full')
      if (!file) throw new ApiError('not_found', 'This item has no archived file to show.')
      if (!deps.desktopShell)
        throw new ApiError('unavailable', 'Use Download to save the file from a browser.')
      deps.desktopShell.showItem(file.path)
      return { shown: true }
    },
    ...createConversationHandlers(deps),
    ...createSyncHandlers(deps),
    ...createAccountHandlers(deps),
    ...createExportHandlers(deps),
  }
}
