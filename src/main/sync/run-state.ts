// What the parts of one sync run share: whom it is for, its counters and problem lines, how it
// asks the provider (retries, pause, cancel, the credit cap), and how it stops. The first error
// that ends the run wins; `stopping` is what every loop checks. The credit cap is not an error:
// once it refuses a request no new chat or leftover is read (`capped`), while the downloads
// already queued, whose price it reserved, finish.
import type { Catalog } from '../catalog/catalog'
import { DownloadCancelled } from '../download/errors'
import type { AdapterContext, ProviderAdapter } from '../providers/types'
import { withApiRetry } from './api-retry'
import { CreditBudget, type CreditCapReached } from './credit-budget'
import { asDiskFull } from './disk-full'
import { PauseGate, untilAborted } from './pause-gate'
import { ProblemList } from './problem-list'
import { ProgressTracker } from './progress-tracker'
import type { FailedChat, SyncDeps, SyncRequest } from './types'

export class RunState {
  readonly tracker: ProgressTracker
  readonly problems = new ProblemList()
  readonly failedChats: FailedChat[] = []
  readonly ctx: AdapterContext
  readonly gate: PauseGate
  readonly budget: CreditBudget
  /** Aborts when the run is cancelled from outside (deps.signal), never for its own errors. */
  readonly signal: AbortSignal
  private readonly controller = new AbortController()
  private fatalError: Error | null = null
  private readonly stopListeners: Array<() => void> = []
  private readonly detach: () => void

  constructor(
    readonly runId: number,
    readonly accountId: number,
    readonly request: SyncRequest,
    readonly deps: SyncDeps,
  ) {
    this.tracker = new ProgressTracker(runId, request.provider, request.account)
    this.ctx = {
      account: request.account,
      ...(request.connectionId && { connectionId: request.connectionId }),
    }
    this.gate = deps.gate ?? new PauseGate()
    this.budget = new CreditBudget(request.maxCredits ?? null, () => deps.adapter.usage.credits)
    // Every API request of the run (listing, refreshes, polls) asks the cap first.
    deps.adapter.meter(this.budget.beforeRequest)
    this.signal = this.controller.signal
    const outer = deps.signal
    const abort = (): void => {
      const reason: unknown = outer?.reason
      this.controller.abort(reason instanceof Error ? reason : new DownloadCancelled('Sync cancelled.'))
    }
    if (outer?.aborted) abort()
    outer?.addEventListener('abort', abort, { once: true })
    this.signal.addEventListener('abort', () => this.fail(this.signal.reason), { once: true })
    this.detach = () => {
      outer?.removeEventListener('abort', abort)
      deps.adapter.meter(null)
    }
  }

  get catalog(): Catalog {
    return this.deps.catalog
  }

  get adapter(): ProviderAdapter {
    return this.deps.adapter
  }

  get fatal(): Error | null {
    return this.fatalError
  }

  /** True once the run is ending: cancelled, or an error that concerns every chat. */
  get stopping(): boolean {
    return this.fatalError !== null
  }

  /** The credit cap refused a request: read nothing more, let queued downloads finish. */
  get capped(): CreditCapReached | null {
    return this.budget.reached
  }

  get cancelled(): boolean {
    return this.signal.aborted
  }

  /** Ends the run with this error (the first one is kept); listeners stop their work. */
  fail(error: unknown): void {
    if (this.fatalError) return
    const mapped = asDiskFull(error)
    this.fatalError = mapped instanceof Error ? mapped : new Error(String(mapped))
    for (const listener of this.stopListeners.splice(0)) listener()
  }

  onStop(listener: () => void): void {
    if (this.fatalError) listener()
    else this.stopListeners.push(listener)
  }

  /**
   * One provider call: it waits while the run is paused, waits out rate limits and retries passing
   * failures (api-retry.ts), and is abandoned at once when the run is cancelled.
   */
  readonly call = async <T>(fn: () => Promise<T>): Promise<T> => {
    await this.gate.wait(this.signal)
    return untilAborted(withApiRetry(fn, { ...this.deps.apiRetry, signal: this.signal }), this.signal)
  }

  /** Rethrows what ended the run, if anything did. */
  throwIfStopped(): void {
    if (this.fatalError) throw this.fatalError
  }

  close(): void {
    this.detach()
  }
}
