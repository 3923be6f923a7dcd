import type { ProviderId } from '../../../shared/domain'
import type { Db } from '../db'

export interface SyncCounters {
  readonly requests: number
  readonly credits: number
  readonly bytes: number
  readonly mediaSeen: number
  readonly downloaded: number
  readonly alreadyHad: number
  readonly locked: number
  readonly drm: number
  readonly notReady: number
  readonly failed: number
  /** Messages read from the provider's pages, and those new to the archive (migration 0005). */
  readonly messagesSeen: number
  readonly messagesNew: number
}

export interface RunningAccount {
  readonly accountId: number
  readonly provider: ProviderId
  readonly externalId: string
}

export type SyncRunStatus = 'running' | 'done' | 'failed' | 'cancelled'

/** What started a run: a person in the app or serve, the app's schedule, or `chatkeep sync`. */
export type SyncTrigger = 'user' | 'schedule' | 'cli'

/** A chat the run could not read, and why (one line). */
export interface FailedChat {
  readonly chat: string
  readonly label: string
  readonly error: string
}

/** How a run ended, written once when it does. */
export interface SyncRunEnd extends SyncCounters {
  readonly status: Exclude<SyncRunStatus, 'running'>
  readonly error: string | null
  /** Items left for a later sync (downloads cut short, waiting their turn). */
  readonly pending: number
  readonly failedChats: readonly FailedChat[]
}

export interface SyncRunRow extends SyncCounters {
  readonly id: number
  readonly accountId: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly status: SyncRunStatus
  readonly full: boolean
  readonly error: string | null
  readonly trigger: SyncTrigger | null
  readonly pending: number
  readonly failedChats: readonly FailedChat[]
}

/** A run with its account, newest first, for the history page. */
export interface SyncHistoryRow extends SyncRunRow {
  readonly provider: ProviderId
  readonly account: string
  readonly accountLabel: string | null
}

const columns = `r.id, r.account_id AS accountId, r.started_at AS startedAt, r.finished_at AS finishedAt,
  r.status, r.full, r.requests, r.credits, r.bytes, r.media_seen AS mediaSeen, r.downloaded,
  r.already_had AS alreadyHad, r.locked, r.drm, r.not_ready AS notReady, r.failed,
  r.messages_seen AS messagesSeen, r.messages_new AS messagesNew, r.error, r.trigger,
  r.pending, r.failed_chats AS failedChats`

type StoredRow<T> = Omit<T, 'full' | 'failedChats'> & { full: number; failedChats: string | null }

function parseFailedChats(json: string | null): readonly FailedChat[] {
  if (json === null) return []
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? (parsed as FailedChat[]) : []
  } catch {
    return []
  }
}

function fromStored<T extends SyncRunRow>(row: StoredRow<T>): T {
  return { ...row, full: row.full === 1, failedChats: parseFailedChats(row.failedChats) } as T
}

export class SyncRunsRepository {
  private readonly startStmt
  private readonly progressStmt
  private readonly finishStmt
  private readonly getStmt
  private readonly lastStmt
  private readonly runningAccountsStmt
  private readonly interruptStmt
  private readonly historyStmt
  private readonly lastStartStmt

  constructor(db: Db) {
    this.startStmt = db.prepare<[number, string, number, string | null]>(
      `INSERT INTO sync_runs (account_id, started_at, full, trigger) VALUES (?, ?, ?, ?)`,
    )
    const counters = `requests = @requests, credits = @credits, bytes = @bytes, media_seen = @mediaSeen,
         downloaded = @downloaded, already_had = @alreadyHad, locked = @locked, drm = @drm,
         not_ready = @notReady, failed = @failed, messages_seen = @messagesSeen,
         messages_new = @messagesNew`
    this.progressStmt = db.prepare(`UPDATE sync_runs SET ${counters} WHERE id = @id`)
    this.finishStmt = db.prepare(
      `UPDATE sync_runs SET ${counters}, status = @status, finished_at = @finishedAt, error = @error,
         pending = @pending, failed_chats = @failedChats
       WHERE id = @id`,
    )
    this.getStmt = db.prepare<[number], StoredRow<SyncRunRow>>(
      `SELECT ${columns} FROM sync_runs r WHERE r.id = ?`,
    )
    this.lastStmt = db.prepare<[], { at: string | null }>(`SELECT max(finished_at) AS at FROM sync_runs`)
    this.runningAccountsStmt = db.prepare<[], RunningAccount>(
      `SELECT DISTINCT a.id AS accountId, a.provider, a.external_id AS externalId
       FROM sync_runs r JOIN accounts a ON a.id = r.account_id WHERE r.status = 'running'`,
    )
    this.interruptStmt = db.prepare<[number]>(
      `UPDATE sync_runs SET status = 'cancelled', error = 'interrupted'
       WHERE status = 'running' AND account_id = ?`,
    )
    this.historyStmt = db.prepare<
      [{ accountId: number | null; before: number | null; limit: number }],
      StoredRow<SyncHistoryRow>
    >(
      `SELECT ${columns}, a.provider, a.external_id AS account, a.label AS accountLabel
       FROM sync_runs r JOIN accounts a ON a.id = r.account_id
       WHERE (@accountId IS NULL OR r.account_id = @accountId) AND (@before IS NULL OR r.id < @before)
       ORDER BY r.id DESC LIMIT @limit`,
    )
    this.lastStartStmt = db.prepare<[string], { at: string | null }>(
      `SELECT max(started_at) AS at FROM sync_runs WHERE trigger = ?`,
    )
  }

  start(accountId: number, full: boolean, trigger: SyncTrigger | null = null): number {
    return Number(
      this.startStmt.run(accountId, new Date().toISOString(), full ? 1 : 0, trigger).lastInsertRowid,
    )
  }

  /** The counters so far of a run still going. */
  update(id: number, counters: SyncCounters): void {
    this.progressStmt.run({ id, ...counters })
  }

  finish(id: number, end: SyncRunEnd): void {
    const { failedChats, ...rest } = end
    this.finishStmt.run({
      id,
      ...rest,
      finishedAt: new Date().toISOString(),
      failedChats: failedChats.length > 0 ? JSON.stringify(failedChats) : null,
    })
  }

  get(id: number): SyncRunRow | undefined {
    const row = this.getStmt.get(id)
    return row && fromStored(row)
  }

  /** Runs newest first: of one account or all, older than the run id `before` when given. */
  history(options: { accountId?: number; before?: number; limit: number }): readonly SyncHistoryRow[] {
    return this.historyStmt
      .all({ accountId: options.accountId ?? null, before: options.before ?? null, limit: options.limit })
      .map((row) => fromStored(row))
  }

  /** When the last run of this trigger started (ISO 8601), or null: the schedule's "last run". */
  lastStartedBy(trigger: SyncTrigger): string | null {
    return this.lastStartStmt.get(trigger)?.at ?? null
  }

  lastFinishedAt(): string | null {
    return this.lastStmt.get()?.at ?? null
  }

  /** Accounts with a run still marked running (whose process may or may not be alive). */
  runningAccounts(): readonly RunningAccount[] {
    return this.runningAccountsStmt.all()
  }

  /** Marks the account's running runs interrupted: for a caller that knows their process is gone. */
  markInterrupted(accountId: number): number {
    return this.interruptStmt.run(accountId).changes
  }
}
