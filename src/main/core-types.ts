// What the transports (Electron IPC, serve-mode HTTP, the CLI) get from the core: handlers for
// every contract channel, a push-event bus, and a way to turn a catalog media id into a file path.
import type { EventName, EventPayload, Handlers } from '../shared/contract'
import type { MediaFileKind } from '../shared/media-url'
import type { KeyCheck } from './keys/key-check'
import type { SettingsStore } from './settings'
import type { SyncControl } from './sync/control'

export type { MediaFileKind }

export type Transport = 'electron' | 'http' | 'cli'

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  /** Returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
}

export interface MediaFile {
  /** Absolute path, already checked to lie inside the data folder's file store. */
  readonly path: string
  readonly mime: string
  readonly size: number
}

export interface Core {
  readonly dataDir: string
  readonly handlers: Handlers
  readonly events: EventBus
  /** Null for unknown ids, items without that file, or anything outside the store. */
  resolveMediaFile(mediaId: number, kind: MediaFileKind): Promise<MediaFile | null>
  readonly settings: SettingsStore
  /** The process's syncs (service and schedule); null where syncing is not offered. */
  readonly sync: SyncControl | null
  /** Ends running syncs cleanly (bounded wait), then closes the catalog. */
  close(): Promise<void>
}

export interface CoreOptions {
  readonly dataDir: string
  readonly transport: Transport
  /** Where API keys come from: the OS keychain in the app, the environment in the CLI. */
  readonly secrets?: SecretSource
  /** Where keys entered in the app are kept: Electron safeStorage, or serve's session memory. */
  readonly keyStore?: KeyStore
  /** Names the environment variable a provider's key may come from instead. */
  readonly envKeyName?: (provider: string) => string | undefined
  readonly env?: NodeJS.ProcessEnv
  /** The OS folder picker (Electron's dialog); absent in serve mode, where the path is typed. */
  readonly folderPicker?: FolderPicker
  /** Where a first export is suggested to go (e.g. Documents/Chatkeep Export). */
  readonly suggestedExportFolder?: string
  /** The desktop's file manager (Electron's shell); absent in serve mode, where a browser shows paths. */
  readonly desktopShell?: DesktopShell
  /** "Test key": one cheap call to the provider (keys/key-check.ts); absent where nothing syncs. */
  readonly keyCheck?: KeyCheck
}

/** What the desktop app asks of the OS file manager. Only paths the core resolved reach it. */
export interface DesktopShell {
  /** Opens a folder in the file manager; rejects with the OS's reason when it cannot. */
  openFolder(path: string): Promise<void>
  /** Opens the file's folder in the file manager with the file selected. */
  showItem(path: string): void
}

export interface FolderPicker {
  /** Resolves with the chosen folder, or null when the user cancelled. */
  pick(defaultPath: string | null): Promise<string | null>
}

/**
 * Where keys typed in the app go: the desktop's keychain, or serve's memory for one session. Keys
 * go in and are never handed back to the renderer.
 */
export interface KeyStore extends SecretSource {
  readonly kind: 'keychain' | 'session'
  unavailableReason(): Promise<string | null>
  hasApiKey(provider: string, accountExternalId: string): Promise<boolean>
  setApiKey(provider: string, accountExternalId: string, apiKey: string): Promise<void>
  deleteApiKey(provider: string, accountExternalId: string): Promise<boolean>
}

/** Keys never enter SQLite, logs or the renderer; the core asks for one only when it syncs. */
export interface SecretSource {
  getApiKey(provider: string, accountExternalId: string): Promise<string | null>
}
