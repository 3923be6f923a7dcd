import type { SyncProgress } from '../../shared/domain'
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

/** Runs syncs in the background of the app or serve mode; progress goes out on the event bus. */
export interface SyncController {
  start(request: {
    accountId: number
    chatIds?: readonly number[]
    full: boolean
  }): Promise<{ runId: number }>
  status(): readonly SyncProgress[]
}

export interface HandlerDeps {
  readonly catalog: Catalog
  readonly dataDir: string
  readonly transport: Transport
  readonly version: string
  readonly events: EventBus
  readonly sync: SyncController | null
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
