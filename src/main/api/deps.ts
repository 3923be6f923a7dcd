import type { Catalog } from '../catalog/catalog'
import type { EventBus, FolderPicker, KeyStore, Transport } from '../core-types'
import type { SettingsStore } from '../settings'
import type { SyncControl } from '../sync/control'

export interface HandlerDeps {
  readonly catalog: Catalog
  readonly dataDir: string
  readonly transport: Transport
  readonly version: string
  readonly events: EventBus
  readonly sync: SyncControl | null
  readonly settings: SettingsStore
  readonly keyStore?: KeyStore
  readonly envKeyName?: (provider: string) => string | undefined
  readonly env?: NodeJS.ProcessEnv
  readonly folderPicker?: FolderPicker
  readonly suggestedExportFolder?: string
}
