// The syncs as the core reports them, shared by every screen (the header's indicator, the Sync
// page): the jobs and the schedule from sync:status, replaced by each sync:jobs event, and each
// running job's numbers kept fresh by sync:progress. One subscription however many components
// read it; it ends when the last one unmounts.
import { useSyncExternalStore } from 'react'
import type { SyncJob, SyncStatus } from '../../../shared/contract'
import type { SyncProgress } from '../../../shared/domain'
import { call, subscribe } from '../../bridge'

export interface SyncState {
  readonly status: SyncStatus | null
  readonly error: Error | null
}

let state: SyncState = { status: null, error: null }
const listeners = new Set<() => void>()
let stop: (() => void) | null = null

function set(next: SyncState): void {
  state = next
  for (const listener of listeners) listener()
}

function withProgress(status: SyncStatus, progress: SyncProgress): SyncStatus {
  if (!status.jobs.some((job) => job.runId === progress.runId)) return status
  return {
    ...status,
    jobs: status.jobs.map((job) => (job.runId === progress.runId ? { ...job, progress } : job)),
  }
}

/** How far a run got: progress only grows within a run, so the larger of two reports is the newer. */
function reach(progress: SyncProgress): number {
  return progress.requests + progress.downloaded + progress.alreadyHad + progress.failed
}

function start(): () => void {
  // Progress that arrives before the first sync:status answer is kept for it, not dropped: the
  // event stream opens first and a busy run reports at once.
  const early = new Map<number, SyncProgress>()
  const offJobs = subscribe('sync:jobs', (status) => set({ status, error: null }))
  const offProgress = subscribe('sync:progress', (progress) => {
    if (state.status) set({ ...state, status: withProgress(state.status, progress) })
    else early.set(progress.runId, progress)
  })
  call('sync:status', {}).then(
    (answer) => {
      // An event that came first is newer than this answer.
      if (state.status !== null) return
      let status = answer
      for (const progress of early.values()) {
        const job = status.jobs.find((candidate) => candidate.runId === progress.runId)
        if (job && (!job.progress || reach(job.progress) <= reach(progress))) {
          status = withProgress(status, progress)
        }
      }
      early.clear()
      set({ status, error: null })
    },
    (error: unknown) => set({ ...state, error: error as Error }),
  )
  return () => {
    offJobs()
    offProgress()
    state = { status: null, error: null }
  }
}

function subscribeStore(listener: () => void): () => void {
  listeners.add(listener)
  stop ??= start()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      stop?.()
      stop = null
    }
  }
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(subscribeStore, () => state)
}

export function isActive(job: SyncJob): boolean {
  return job.state === 'queued' || job.state === 'running' || job.state === 'paused'
}

/** The account's queued, running or paused job, if any. */
export function activeJobOf(jobs: readonly SyncJob[], accountId: number): SyncJob | undefined {
  return jobs.find((job) => job.accountId === accountId && isActive(job))
}

/** Media finished out of media seen, 0–100, or null before anything was seen. */
export function percentDone(job: SyncJob): number | null {
  const p = job.progress
  if (!p || p.mediaSeen === 0) return null
  return Math.floor((100 * (p.downloaded + p.alreadyHad + p.failed)) / Math.max(p.mediaSeen, 1))
}

/** Cancel, pause or resume the account's sync; failures are shown by the caller. */
export function control(action: 'cancel' | 'pause' | 'resume', accountId: number): Promise<unknown> {
  return call(`sync:${action}`, { accountId })
}
