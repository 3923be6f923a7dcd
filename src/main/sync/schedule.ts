// "Sync all accounts every N hours while Chatkeep is open" (off by default). The next run is N
// hours after the last scheduled one (the catalog remembers it across restarts) or, the first
// time, N hours after the schedule was turned on or the app opened; a run that fell due while
// Chatkeep was closed happens shortly after it opens. The clock is injected so tests run hours in
// milliseconds.
import type { ScheduleStatus } from '../../shared/contract'

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms)
    // A schedule alone must not keep a process (serve, a test) alive.
    timer.unref()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/**
 * How long after opening a run that fell due while Chatkeep was closed waits: the app settles
 * first, and a user who opened it to do something else is not met by a sync at once.
 */
export const catchUpDelayMs = 60_000
const hourMs = 3_600_000

export interface SyncScheduleDeps {
  /** The setting, read each time the schedule is armed: hours, or null when off. */
  readonly everyHours: () => number | null
  /** When the last scheduled run started (the catalog's sync_runs), or null. */
  readonly lastRunAt: () => string | null
  /** Starts a sync of every account (accounts already syncing keep their job). */
  readonly syncAll: () => Promise<void>
  readonly clock?: Clock
  /** Called when the next run time changes (the app shows it). */
  readonly onChange?: (status: ScheduleStatus) => void
  readonly log?: (line: string) => void
}

export class SyncSchedule {
  private readonly clock: Clock
  private timer: unknown = null
  private nextAt: number | null = null
  /** When the schedule (re)started counting: opening the app, or turning it on. */
  private armedAt: number
  /** The last time it fired in this process (the catalog may not know yet: no accounts). */
  private firedAt: number | null = null
  private hours: number | null = null
  private stopped = false

  constructor(private readonly deps: SyncScheduleDeps) {
    this.clock = deps.clock ?? systemClock
    this.armedAt = this.clock.now()
  }

  /** Arms the timer from the settings; call again when they change. */
  refresh(): void {
    if (this.stopped) return
    const hours = this.deps.everyHours()
    if (hours !== this.hours && this.hours === null) this.armedAt = this.clock.now()
    this.hours = hours
    this.clear()
    this.nextAt = hours === null ? null : this.dueAt(hours)
    if (this.nextAt !== null) {
      const wait = Math.max(0, this.nextAt - this.clock.now())
      this.timer = this.clock.setTimeout(() => void this.fire(), wait)
    }
    this.deps.onChange?.(this.status())
  }

  status(): ScheduleStatus {
    const last = this.lastAt()
    return {
      everyHours: this.hours,
      lastRunAt: last === null ? null : new Date(last).toISOString(),
      nextRunAt: this.nextAt === null ? null : new Date(this.nextAt).toISOString(),
    }
  }

  stop(): void {
    this.stopped = true
    this.clear()
    this.nextAt = null
  }

  private lastAt(): number | null {
    const stored = this.deps.lastRunAt()
    const storedAt = stored === null ? Number.NaN : Date.parse(stored)
    const candidates = [this.firedAt, Number.isNaN(storedAt) ? null : storedAt].filter(
      (t): t is number => t !== null,
    )
    return candidates.length > 0 ? Math.max(...candidates) : null
  }

  private dueAt(hours: number): number {
    const now = this.clock.now()
    const due = (this.lastAt() ?? this.armedAt) + hours * hourMs
    // Missed while closed (or the interval was shortened): soon, not at once.
    if (due <= now) return this.firedAt === null ? now + catchUpDelayMs : now
    return due
  }

  private clear(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private async fire(): Promise<void> {
    this.timer = null
    if (this.stopped) return
    this.firedAt = this.clock.now()
    try {
      await this.deps.syncAll()
    } catch (error) {
      this.deps.log?.(
        `scheduled sync did not start: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    this.refresh()
  }
}
