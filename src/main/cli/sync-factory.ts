import type { SyncController } from '../api/deps'
import type { Catalog } from '../catalog/catalog'
import type { SyncParts } from '../core'
import type { SecretSource } from '../core-types'
import { createAdapter } from '../providers/registry'
import { createSyncController, envSecretSource } from '../sync/controller'

/**
 * Serve mode's sync controller: keys from `secrets` (serve: this session's, then the environment's;
 * by default the environment's, as for `chatkeep sync`); CHATKEEP_BASE_URL points every provider
 * at another origin (the demo's local fake).
 */
export function createSyncFactory(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  secrets: SecretSource = envSecretSource(env),
): (catalog: Catalog, core: SyncParts) => SyncController {
  return (catalog, core) =>
    createSyncController({
      catalog,
      dataDir: core.dataDir,
      events: core.events,
      settings: core.settings,
      secrets,
      createAdapter,
      ...(env.CHATKEEP_BASE_URL && { baseUrl: env.CHATKEEP_BASE_URL }),
      log,
      command: 'chatkeep serve',
    })
}
