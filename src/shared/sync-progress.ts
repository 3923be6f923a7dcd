// A sync run's progress before it has counted anything, for the renderer and its tests. Kept out
// of domain.ts so the renderer takes it without zod (see the renderer's import rule).
import type { SyncProgress } from './domain'

/** A run that has counted nothing yet: what the app shows for a sync queued or just started. */
export function emptySyncProgress(
  run: Pick<SyncProgress, 'provider' | 'account'> & Partial<SyncProgress>,
): SyncProgress {
  return {
    runId: 0,
    phase: 'listing',
    requests: 0,
    credits: 0,
    mediaSeen: 0,
    downloaded: 0,
    alreadyHad: 0,
    failed: 0,
    messagesSeen: 0,
    messagesNew: 0,
    bytes: 0,
    totalBytes: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    chats: [],
    error: null,
    ...run,
  }
}
