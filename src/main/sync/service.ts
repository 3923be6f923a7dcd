// The one owner of syncs in a process: the desktop app, `serve` and `chatkeep sync` all start,
// cancel, pause and watch syncs here. A job manager: each request becomes a job, jobs wait in one
// queue and run one at a time (each run already uses every download slot it is allowed, so two at
// once would split the same bandwidth and finish no sooner), and each run has its own
// AbortController and pause gate. Download jobs themselves are catalog rows, so whatever a
// cancelled or killed run left is resumed by the next one. `stop` is the awaited end (quitting).
//
// One sync per account has two halves and no third: in this process, an account with an active
// job keeps it (a second "Sync now" gets the same job back, never a second run); across processes,
// each run holds the account's lock file (account-lock.ts, taken by run-sync.ts through
// account-session.ts), so another process is refused with one line naming this pid and command.
import type { SyncProgress } from '../../shared/domain'
import type { SyncJob } from '../../shared/contract'
import type { Catalog } from '../catalog/catalog'
import type { AccountRow } from '../catalog/repositories/accounts'
import type { EventBus } from '../core-types'
import { DownloadCancelled } from '../download/errors'
import type { FileStore } from '../store/file-store'
import { MissingKeyError, type AdapterFor } from './adapter-source'
import { resultWords, retryWords } from './outcome-words'
import { PauseGate } from './pause-gate'
import { runSync } from './run-sync'
import type { SyncDeps, SyncOptions, SyncSummary, SyncTrigger } from './types'

export interface SyncServiceDeps {
  readonly catalog: Catalog
  /** The store runs write into; opened once, at the first run. */
  readonly openStore: () => Promise<FileStore>
  readonly adapterFor: AdapterFor
  /**
   * How this process is named to another one refused while it syncs ("the Chatkeep app"): runs
   * take the account's lock file (account-lock.ts), so a second process, or a second service in
   * this one, is refused naming this pid and command.
   */
  readonly command: string
  /** Progress goes out as `sync:progress` events. */
  readonly events?: EventBus
  /** Read when each run starts: the user's concurrency, video quality, archive mode and credit cap. */
  readonly defaults?: () => SyncOptions
  /** Passed to every run (tests shorten waits). */
  readonly runDeps?: Pick<SyncDeps, 'apiRetry' | 'retryPolicy' | 'transcodePollsMs' | 'downloadPace'>
  readonly log?: (line: string) => void
  /** Accounts "all accounts" leaves out (removed with their archive kept). */
  readonly skip?: (account: AccountRow) => boolean
}

export interface SyncOrder extends Omit<SyncOptions, 'chats'> {
  readonly accountIds: readonly number[] | 'all'
  /** Provider chat ids: only with one account. */
  readonly chats?: readonly string[]
  readonly trigger: SyncTrigger
}

export interface SyncService {
  /**
   * Queues one job per account (an account already queued or running keeps its job) and resolves
   * once each job that could start at once has its run row or has failed to start.
   */
  start(order: SyncOrder): Promise<readonly SyncJob[]>
  /** Cancels the account's queued or running job; false when it has none. */
  cancel(accountId: number, reason?: string): boolean
  pause(accountId: number): boolean
  resume(accountId: number): boolean
  /** This session's jobs, oldest first: the active ones and the last few that ended. */
  status(): readonly SyncJob[]
  /** The job's summary; rejects with what kept it from running (no key, the account held). */
  finished(jobId: number): Promise<SyncSummary>
  /** Called after every job state change; returns the unsubscribe function. */
  onChange(listener: (changed: SyncJob) => void): () => void
  /**
   * Cancels every job and waits until the running one has written its end, at most `graceMs`;
   * after that the catalog may close under it (its run row is then marked interrupted at the next
   * start, and its jobs resume). Nothing starts afterwards.
   */
  stop(graceMs?: number): Promise<void>
}

/** Jobs that ended are kept for the app's panel this many at most (the history has them all). */
const keepEnded = 20
/** How long `stop` waits for a cancelled run to write its end. A cancel ends a run in well under a
 * second (requests and downloads are abandoned at once); 5 s covers a loaded machine. */
export const defaultStopGraceMs = 5_000

type Outcome = { readonly summary: SyncSummary } | { readonly error: Error }

interface Job {
  view: SyncJob
  readonly account: AccountRow
  readonly order: SyncOrder
  readonly controller: AbortController
  readonly gate: PauseGate
  readonly ended: Promise<Outcome>
  end: (outcome: Outcome) => void
  readonly begun: Promise<void>
  begin: () => void
}

const active = (job: Job): boolean => ['queued', 'running', 'paused'].includes(job.view.state)

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const jobs: Job[] = []
  const listeners = new Set<(changed: SyncJob) => void>()
  let nextId = 1
  let running: Job | null = null
  let stopping = false
  let store: Promise<FileStore> | null = null

  const changed = (job: Job, patch: Partial<SyncJob>): void => {
    job.view = { ...job.view, ...patch }
    for (const listener of listeners) listener(job.view)
  }

  const trim = (): void => {
    const ended = jobs.filter((job) => !active(job))
    for (const job of ended.slice(0, Math.max(0, ended.length - keepEnded))) jobs.splice(jobs.indexOf(job), 1)
  }

  const newJob = (account: AccountRow, order: SyncOrder): Job => {
    let end!: (outcome: Outcome) => void
    let begin!: () => void
    const ended = new Promise<Outcome>((resolve) => (end = resolve))
    const begun = new Promise<void>((resolve) => (begin = resolve))
    return {
      view: {
        id: nextId++,
        accountId: account.id,
        provider: account.provider,
        account: account.externalId,
        label: account.label ?? account.externalId,
        state: 'queued',
        trigger: order.trigger,
        queuedAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        runId: null,
        progress: null,
        error: null,
        needsKey: false,
        result: null,
        retry: null,
      },
      account,
      order,
      controller: new AbortController(),
      gate: new PauseGate(),
      ended,
      end,
      begun,
      begin,
    }
  }

  const finish = (job: Job, outcome: Outcome): void => {
    const patch: Partial<SyncJob> = { finishedAt: new Date().toISOString() }
    if ('summary' in outcome) {
      const s = outcome.summary
      const counts = { ...s, failedChats: s.failedChats.length }
      Object.assign(patch, {
        state: s.outcome.cancelled ? 'cancelled' : s.error ? 'failed' : 'done',
        error: s.error,
        needsKey: s.outcome.keyRefused,
        result: resultWords(counts),
        retry: retryWords(counts),
      } satisfies Partial<SyncJob>)
    } else {
      const cancelled = job.controller.signal.aborted
      Object.assign(patch, {
        state: cancelled ? 'cancelled' : 'failed',
        error: outcome.error.message,
        needsKey: outcome.error instanceof MissingKeyError,
      } satisfies Partial<SyncJob>)
    }
    job.end(outcome)
    job.begin()
    changed(job, patch)
    deps.log?.(`sync ${job.view.provider} ${job.view.account}: ${job.view.state}`)
  }

  const runJob = async (job: Job): Promise<void> => {
    const { catalog } = deps
    const { account, order } = job
    changed(job, { state: job.gate.paused ? 'paused' : 'running', startedAt: new Date().toISOString() })
    try {
      const adapter = await deps.adapterFor(account)
      store ??= deps.openStore()
      const opened = await store
      // Cancelled while it waited for its key or the store: no run to record.
      job.controller.signal.throwIfAborted()
      const { accountIds: _ids, trigger, ...options } = order
      const summary = await runSync(
        {
          ...deps.defaults?.(),
          ...options,
          provider: account.provider,
          account: account.externalId,
          ...(account.connectionId && { connectionId: account.connectionId }),
        },
        {
          ...deps.runDeps,
          catalog,
          store: opened,
          adapter,
          command: deps.command,
          signal: job.controller.signal,
          gate: job.gate,
          trigger,
          onStart: (runId) => {
            changed(job, { runId })
            job.begin()
          },
          onProgress: (progress: SyncProgress) => {
            job.view = { ...job.view, progress }
            deps.events?.emit('sync:progress', progress)
          },
        },
      )
      finish(job, { summary })
    } catch (error) {
      finish(job, { error: error instanceof Error ? error : new Error(String(error)) })
    }
  }

  const pump = (): void => {
    if (running || stopping) return
    const next = jobs.find((job) => job.view.state === 'queued')
    if (!next) return
    running = next
    void runJob(next).finally(() => {
      running = null
      trim()
      pump()
    })
  }

  const activeFor = (accountId: number): Job | undefined =>
    jobs.find((job) => job.view.accountId === accountId && active(job))

  const cancel = (
    accountId: number,
    reason = 'Cancelled: everything not yet archived resumes at the next sync.',
  ): boolean => {
    const job = activeFor(accountId)
    if (!job) return false
    const why = new DownloadCancelled(reason)
    job.controller.abort(why)
    // A queued job ends here; a running one ends when its run has written its summary.
    if (job.view.state === 'queued') {
      finish(job, { error: why })
      trim()
    }
    return true
  }

  return {
    async start(order) {
      if (stopping) throw new Error('Chatkeep is closing: no new sync starts.')
      const accounts =
        order.accountIds === 'all'
          ? deps.catalog.accounts.list().filter((account) => !deps.skip?.(account))
          : order.accountIds.map((id) => {
              const account = deps.catalog.accounts.getById(id)
              if (!account) throw new Error(`No account with id ${id}.`)
              return account
            })
      const made = accounts.map((account) => {
        const existing = activeFor(account.id)
        if (existing) return existing
        const job = newJob(account, order)
        jobs.push(job)
        changed(job, {})
        return job
      })
      pump()
      // The job that started at once is awaited until its run exists (or it failed to start).
      if (running && made.includes(running)) await running.begun
      return made.map((job) => job.view)
    },
    cancel,
    pause(accountId) {
      const job = activeFor(accountId)
      if (!job || job.view.state === 'queued' || !job.gate.pause()) return false
      changed(job, { state: 'paused' })
      return true
    },
    resume(accountId) {
      const job = activeFor(accountId)
      if (!job || !job.gate.resume()) return false
      changed(job, { state: 'running' })
      return true
    },
    status: () => jobs.map((job) => job.view),
    async finished(jobId) {
      const job = jobs.find((each) => each.view.id === jobId)
      if (!job) throw new Error(`No sync job ${jobId}.`)
      const outcome = await job.ended
      if ('error' in outcome) throw outcome.error
      return outcome.summary
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async stop(graceMs = defaultStopGraceMs) {
      stopping = true
      const current = running
      for (const job of jobs.filter(active)) cancel(job.view.accountId, 'Cancelled: Chatkeep closed.')
      if (!current) return
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
      await Promise.race([current.ended, late])
      clearTimeout(timer)
    },
  }
}
