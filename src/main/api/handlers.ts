// One function per contract channel, transport-agnostic: Electron IPC and serve-mode HTTP both
// call these after validating input with the channel's schema.
import type { Handlers } from '../../shared/contract'
import { createAccountHandlers } from './account-handlers'
import { createConversationHandlers } from './conversation-handlers'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'
import { createExportHandlers } from './export-handlers'
import { mediaDetail } from './media-detail'
import { syncCost } from './sync-cost'

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
    'accounts:list': async () =>
      catalog.accounts.list().map((a) => ({
        id: a.id,
        provider: a.provider,
        externalId: a.externalId,
        label: a.label,
        connectionId: a.connectionId,
        lastSyncedAt: a.lastSyncedAt,
        chats: a.chats,
        media: a.media,
      })),
    'chats:list': async ({ accountId }) => catalog.chats.summaries(accountId).map((c) => ({ ...c })),
    'media:search': async (query) => {
      const page = catalog.gallery.search(query)
      return { total: page.total, rows: [...page.rows] }
    },
    'media:get': async ({ id }) => mediaDetail(catalog, id),
    ...createConversationHandlers(deps),
    'sync:start': async (request) => {
      if (!deps.sync) throw new ApiError('unavailable', 'Syncing is not available in this mode.')
      if (!catalog.accounts.getById(request.accountId)) {
        throw new ApiError('not_found', `No account with id ${request.accountId}.`)
      }
      return deps.sync.start(request)
    },
    'sync:status': async () =>
      deps.sync ? deps.sync.status().map((p) => ({ ...p, chats: [...p.chats] })) : [],
    'sync:cost': async ({ accountId }) => syncCost(catalog, deps.settings, accountId),
    ...createAccountHandlers(deps),
    ...createExportHandlers(deps),
  }
}
