// Live numbers of one sync run, shaped as the contract's SyncProgress for the CLI bars, the
// app's sync panel and the sync_runs row.
import type { ProviderId, SyncPhase, SyncProgress } from '../../shared/domain'
import type { SyncCounters } from '../catalog/repositories/sync-runs'

interface ChatCounts {
  label: string
  mediaSeen: number
  done: number
  total: number
  bytes: number
  failed: number
  unchanged: boolean
  /** Why the chat could not be read, when it could not. */
  error?: string
}

export class ProgressTracker {
  readonly counters = {
    requests: 0,
    credits: 0,
    bytes: 0,
    mediaSeen: 0,
    downloaded: 0,
    alreadyHad: 0,
    locked: 0,
    drm: 0,
    notReady: 0,
    failed: 0,
    messagesSeen: 0,
    messagesNew: 0,
  }
  phase: SyncPhase = 'listing'
  error: string | null = null
  private readonly chats = new Map<string, ChatCounts>()
  private totalBytes = 0

  constructor(
    readonly runId: number,
    readonly provider: ProviderId,
    readonly account: string,
  ) {}

  chat(chatId: string, label?: string): ChatCounts {
    let counts = this.chats.get(chatId)
    if (!counts) {
      counts = {
        label: label ?? chatId,
        mediaSeen: 0,
        done: 0,
        total: 0,
        bytes: 0,
        failed: 0,
        unchanged: false,
      }
      this.chats.set(chatId, counts)
    } else if (label) counts.label = label
    return counts
  }

  /** The chat was skipped: nothing new since its last complete sync. */
  unchanged(chatId: string): void {
    this.chat(chatId).unchanged = true
  }

  /** The chat's pages could not be read; the run goes on with the others. */
  chatFailed(chatId: string, error: string): void {
    this.chat(chatId).error = error
  }

  expect(chatId: string, bytes: number | null): void {
    this.chat(chatId).total++
    this.totalBytes += bytes ?? 0
  }

  finished(chatId: string, bytes: number, ok: boolean): void {
    const chat = this.chat(chatId)
    chat.done++
    chat.bytes += bytes
    if (!ok) chat.failed++
  }

  snapshot(rate: { bytesPerSecond: number; etaSeconds: number | null }): SyncProgress {
    return {
      runId: this.runId,
      provider: this.provider,
      account: this.account,
      phase: this.phase,
      ...this.counters,
      totalBytes: Math.max(this.totalBytes, this.counters.bytes),
      bytesPerSecond: rate.bytesPerSecond,
      etaSeconds: rate.etaSeconds,
      chats: [...this.chats].map(([chatId, c]) => ({ chatId, ...c })),
      error: this.error,
    }
  }

  asCounters(): SyncCounters {
    return { ...this.counters }
  }
}
