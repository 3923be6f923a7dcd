// The syncs of a long-running process (the desktop app, `serve`): the service, the schedule that
// feeds it, and one status for both, pushed as `sync:jobs` whenever either changes. The core
// builds it when it opens and stops it, before the catalog closes, when it closes.
import type { SyncStatus } from '../../shared/contract'
import type { RemovedAccounts } from '../accounts/removed-accounts'
import type { Catalog } from '../catalog/catalog'
import type { EventBus } from '../core-types'
import type { SettingsStore } from '../settings'
import { FileStore } from '../store/file-store'
import type { AdapterFor } from './adapter-source'
import { SyncSchedule, type Clock } from './schedule'
import { createSyncService, type SyncService, type SyncServiceDeps } from './service'

export interface SyncSetup {
  readonly adapterFor: AdapterFor
  /** How this process is named to another one refused while it syncs: "the Chatkeep app". */
  readonly command: string
  /** Run the "every N hours" schedule from the settings (the app and serve). */
  readonly schedule?: boolean
  readonly clock?: Clock
  readonly runDeps?: SyncServiceDeps['runDeps']
  readonly log?: (line: string) => void
}

export interface SyncControl {
  readonly service: SyncService
  readonly schedule: SyncSchedule | null
  status(): SyncStatus
  /** Stops the schedule, then the service (awaited, bounded: service.ts `stop`). */
  stop(graceMs?: number): Promise<void>
}

const off = { everyHours: null, lastRunAt: null, nextRunAt: null } as const

export function createSyncControl(
  parts: {
    readonly catalog: Catalog
    readonly dataDir: string
    readonly events: EventBus
    readonly settings: SettingsStore
    /** Left out of "all accounts" (the schedule, Sync all). */
    readonly removedAccounts?: RemovedAccounts
  },
  setup: SyncSetup,
): SyncControl {
  const { catalog, events, settings, removedAccounts } = parts
  const service = createSyncService({
    catalog,
    openStore: () => FileStore.open(parts.dataDir),
    adapterFor: setup.adapterFor,
    command: setup.command,
    events,
    defaults: () => {
      const set = settings.get()
      return {
        concurrency: set.concurrency,
        quality: set.videoQuality,
        mode: set.archiveMode,
        maxCredits: set.maxCredits,
      }
    },
    ...(setup.runDeps && { runDeps: setup.runDeps }),
    ...(setup.log && { log: setup.log }),
    ...(removedAccounts && { skip: (account) => removedAccounts.has(account) }),
  })
  let schedule: SyncSchedule | null = null
  const status = (): SyncStatus => ({
    jobs: service.status().map((job) => ({ ...job })),
    schedule: schedule?.status() ?? off,
  })
  const publish = (): void => events.emit('sync:jobs', status())
  service.onChange(publish)
  let unsubscribe = (): void => undefined
  if (setup.schedule) {
    const created = new SyncSchedule({
      everyHours: () => settings.get().syncEveryHours,
      lastRunAt: () => catalog.syncRuns.lastStartedBy('schedule'),
      syncAll: async () => void (await service.start({ accountIds: 'all', trigger: 'schedule' })),
      onChange: publish,
      ...(setup.clock && { clock: setup.clock }),
      ...(setup.log && { log: setup.log }),
    })
    schedule = created
    unsubscribe = settings.onChange(() => created.refresh())
    created.refresh()
  }
  return {
    service,
    get schedule() {
      return schedule
    },
    status,
    async stop(graceMs) {
      unsubscribe()
      schedule?.stop()
      await service.stop(graceMs)
    },
  }
}
