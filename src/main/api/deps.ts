import type { Catalog } from '../catalog/catalog'
import type { RemovedAccounts } from '../accounts/removed-accounts'
import type {
  DesktopShell,
  EventBus,
  FolderPicker,
  KeyStore,
  MediaFile,
  MediaFileKind,
  Transport,
} from '../core-types'
import type { KeyCheck } from '../keys/key-check'
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
  /** Accounts removed with their archive kept. */
  readonly removedAccounts: RemovedAccounts
  /** A catalog media id to its stored file, through the store (null when there is none). */
  readonly resolveMediaFile: (mediaId: number, kind: MediaFileKind) => Promise<MediaFile | null>
  readonly desktopShell?: DesktopShell
  readonly keyCheck?: KeyCheck
}
