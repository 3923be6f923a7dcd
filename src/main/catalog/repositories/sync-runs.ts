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

export interface SyncRunRow extends SyncCounters {
  readonly id: number
  readonly accountId: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly status: SyncRunStatus
  readonly full: boolean
  readonly error: string | null
}

const columns = `id, account_id AS accountId, started_at AS startedAt, finished_at AS finishedAt, status, full,
  requests, credits, bytes, media_seen AS mediaSeen, downloaded, already_had AS alreadyHad, locked, drm,
  not_ready AS notReady, failed, messages_seen AS messagesSeen, messages_new AS messagesNew, error`

export class SyncRunsRepository {
  private readonly startStmt
  private readonly updateStmt
  private readonly getStmt
  private readonly lastStmt
  private readonly runningAccountsStmt
  private readonly interruptStmt

  constructor(db: Db) {
    this.startStmt = db.prepare<[number, string, number]>(
      `INSERT INTO sync_runs (account_id, started_at, full) VALUES (?, ?, ?)`,
    )
    this.updateStmt = db.prepare(
      `UPDATE sync_runs SET requests = @requests, credits = @credits, bytes = @bytes, media_seen = @mediaSeen,
         downloaded = @downloaded, already_had = @alreadyHad, locked = @locked, drm = @drm,
         not_ready = @notReady, failed = @failed, messages_seen = @messagesSeen, messages_new = @messagesNew,
         status = @status, finished_at = @finishedAt, error = @error
       WHERE id = @id`,
    )
    this.getStmt = db.prepare<[number], Omit<SyncRunRow, 'full'> & { full: number }>(
      `SELECT ${columns} FROM sync_runs WHERE id = ?`,
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
  }

  start(accountId: number, full: boolean): number {
    return Number(this.startStmt.run(accountId, new Date().toISOString(), full ? 1 : 0).lastInsertRowid)
  }

  update(
    id: number,
    counters: SyncCounters,
    status: SyncRunStatus = 'running',
    error: string | null = null,
  ): void {
    const finishedAt = status === 'running' ? null : new Date().toISOString()
    this.updateStmt.run({ id, ...counters, status, finishedAt, error })
  }

  get(id: number): SyncRunRow | undefined {
    const row = this.getStmt.get(id)
    return row && { ...row, full: row.full === 1 }
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
