// What a sync run is asked to do, what it is given, and what it hands back. The parts of a run
// (run-sync.ts and the modules it calls) and the sync service share these.
import type { ProviderId, SyncProgress, VideoQuality } from '../../shared/domain'
import type { ArchiveMode } from '../../shared/vocabulary'
import type { Catalog } from '../catalog/catalog'
import type { FailedChat, SyncTrigger } from '../catalog/repositories/sync-runs'
import type { PaceLimits } from '../download/pace'
import type { RetryPolicy } from '../download/retry-policy'
import type { ListMediaOptions, ProviderAdapter } from '../providers/types'
import type { FileStore } from '../store/file-store'
import type { ApiRetryOptions } from './api-retry'
import type { PauseGate } from './pause-gate'

export type { FailedChat, SyncTrigger }

/**
 * The options of one sync, as `chatkeep sync` and the app pass them. A new option is added here
 * and reaches the run untouched through the service.
 */
export interface SyncOptions {
  /** Provider chat ids; empty means every chat. */
  readonly chats?: readonly string[]
  readonly type?: ListMediaOptions['type']
  readonly full?: boolean
  /** Connections at once for the sync, and the most any one host gets (hosts adapt below it). */
  readonly concurrency?: number
  /** A lower ceiling per host (tests); the host's limit still adapts under it. */
  readonly perHostConcurrency?: number
  readonly quality?: VideoQuality
  /** Whole conversations (the default) or only the messages that carry media (`--media-only`). */
  readonly mode?: ArchiveMode
  /** Stop before spending more than this many credits (`--max-credits`); absent or null: no cap. */
  readonly maxCredits?: number | null
}

export interface SyncRequest extends SyncOptions {
  readonly provider: ProviderId
  readonly account: string
  readonly connectionId?: string
}

export interface SyncDeps {
  readonly catalog: Catalog
  readonly store: FileStore
  readonly adapter: ProviderAdapter
  /** Aborting it cancels the run: downloads stop, every job stays resumable, the summary says so. */
  readonly signal?: AbortSignal
  /** Closed: no new request or download starts until it opens again. */
  readonly gate?: PauseGate
  readonly onProgress?: (progress: SyncProgress) => void
  /** Called once the run has its sync_runs row, before any request is made. */
  readonly onStart?: (runId: number) => void
  /** Recorded on the run's row for the history. */
  readonly trigger?: SyncTrigger
  readonly retryPolicy?: RetryPolicy
  readonly apiRetry?: Omit<ApiRetryOptions, 'signal'>
  /** Waits between polls of items still transcoding (transcode-poll.ts); tests shorten them. */
  readonly transcodePollsMs?: readonly number[]
  /**
   * How this process is named to another one refused while this sync holds the account's lock:
   * "chatkeep sync", "the Chatkeep app". Default "Chatkeep".
   */
  readonly command?: string
  /** How slow a download may be before it is left for later (download/pace.ts); tests shorten it. */
  readonly downloadPace?: PaceLimits
}

/**
 * How a run ended, as flags: the CLI turns them into an exit code (cli/sync-exit.ts), the app into
 * words.
 */
export interface SyncOutcome {
  /** Stopped on request (cancel, Ctrl+C, SIGTERM, quitting the app). Everything left resumes. */
  readonly cancelled: boolean
  /** The provider refused the key or its permissions. */
  readonly keyRefused: boolean
  /** Stopped at its credit cap (`error` says where): everything left resumes at the next sync. */
  readonly creditCapReached: boolean
  /**
   * Every chat was read and every media item of them is archived or can never be (locked, DRM):
   * nothing failed, nothing is waiting for the provider or for another sync.
   */
  readonly complete: boolean
}

export interface SyncSummary {
  readonly runId: number
  readonly provider: ProviderId
  readonly account: string
  readonly chats: number
  /** Chats not read because their newest message was the one the last sync saw. Not a --json key. */
  readonly unchangedChats: number
  readonly requests: number
  readonly credits: number
  readonly mediaSeen: number
  readonly downloaded: number
  readonly alreadyHad: number
  readonly bytes: number
  readonly locked: number
  readonly drm: number
  readonly notReady: number
  readonly failed: number
  readonly pending: number
  /** Messages read from the provider's pages, and those new to the archive. */
  readonly messagesSeen: number
  readonly messagesNew: number
  /** Marked deleted upstream by this run's full passes (kept in the archive). */
  readonly messagesDeletedUpstream: number
  readonly mediaDeletedUpstream: number
  /** Media whose URLs were asked for again (expired signatures, leftovers from an earlier run). */
  readonly urlRefreshes: number
  /** Not-ready items that became ready while this run polled them (transcoding videos). */
  readonly becameReady: number
  /** Files left for a later attempt (a host asked for a long wait, or was too slow). */
  readonly deferred: number
  /** When the first of them is due (ISO 8601), or null: the next sync takes them from then. */
  readonly retryAt: string | null
  /** Why the run stopped before its end; null when it went through (some chats may have failed). */
  readonly error: string | null
  /**
   * Items the provider sent that could not be read or resolved, one line each naming the provider
   * and the field path (catalogued as failed, or left out when they had no id). Capped.
   */
  readonly problems: readonly string[]
  /** Chats whose pages could not be read (a 404, an answer of the wrong shape): the others were. */
  readonly failedChats: readonly FailedChat[]
  readonly outcome: SyncOutcome
}
