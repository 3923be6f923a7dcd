import type { SyncController } from '../api/deps'
import type { Catalog } from '../catalog/catalog'
import type { Core } from '../core-types'

/**
 * Serve mode's sync controller. Until the sync engine is wired in, there is none, and the
 * sync:start channel answers "unavailable" instead of pretending.
 */
export function createSyncFactory(
  _env: NodeJS.ProcessEnv,
  _log: (line: string) => void,
): ((catalog: Catalog, core: Pick<Core, 'events' | 'dataDir'>) => SyncController) | undefined {
  return undefined
}
