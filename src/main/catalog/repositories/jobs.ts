import type { VariantKind } from '../../../shared/domain'
import type { Db } from '../db'

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped'

export interface JobRow {
  readonly id: number
  readonly mediaId: number
  readonly kind: VariantKind
  readonly status: JobStatus
  readonly attempts: number
  readonly retryAfter: number | null
  readonly lastError: string | null
  readonly expectedSize: number | null
}

export interface UnfinishedDownload {
  readonly providerMediaId: string
  readonly kind: VariantKind
}

const columns = `j.id, j.media_id AS mediaId, j.kind, j.status, j.attempts, j.retry_after AS retryAfter,
  j.last_error AS lastError, j.expected_size AS expectedSize`

/** Download jobs are rows, so a crash or a kill loses no work: see design §6. */
export class JobsRepository {
  private readonly ensureStmt
  private readonly resetRunningStmt
  private readonly openForAccountStmt
  private readonly setStatusStmt
  private readonly failStmt
  private readonly getStmt
  private readonly forMediaStmt
  private readonly unfinishedStmt

  constructor(db: Db) {
    // A job that failed in an earlier sync is given a fresh start: every later sync retries it.
    this.ensureStmt = db.prepare<[number, string, number | null, string, string]>(
      `INSERT INTO jobs (media_id, kind, expected_size, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (media_id, kind) DO UPDATE SET
         expected_size = coalesce(excluded.expected_size, expected_size),
         status = CASE WHEN status IN ('failed', 'skipped') THEN 'pending' ELSE status END,
         attempts = CASE WHEN status IN ('failed', 'skipped') THEN 0 ELSE attempts END,
         retry_after = CASE WHEN status IN ('failed', 'skipped') THEN NULL ELSE retry_after END,
         updated_at = excluded.updated_at`,
    )
    this.resetRunningStmt = db.prepare(`UPDATE jobs SET status = 'pending' WHERE status = 'running'`)
    this.openForAccountStmt = db.prepare<[number], JobRow>(
      `SELECT ${columns} FROM jobs j JOIN media m ON m.id = j.media_id
       WHERE m.account_id = ? AND j.status IN ('pending', 'running') ORDER BY m.sort_at DESC, j.id`,
    )
    this.setStatusStmt = db.prepare<[string, string, number]>(
      `UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?`,
    )
    this.failStmt = db.prepare<[string, number, string | null, number | null, string, number]>(
      `UPDATE jobs SET status = ?, attempts = attempts + ?, last_error = ?, retry_after = ?, updated_at = ?
       WHERE id = ?`,
    )
    this.getStmt = db.prepare<[number], JobRow>(`SELECT ${columns} FROM jobs j WHERE j.id = ?`)
    this.forMediaStmt = db.prepare<[number], JobRow>(`SELECT ${columns} FROM jobs j WHERE j.media_id = ?`)
    this.unfinishedStmt = db.prepare<[number], UnfinishedDownload>(
      `SELECT m.provider_media_id AS providerMediaId, j.kind FROM jobs j JOIN media m ON m.id = j.media_id
       WHERE m.account_id = ? AND j.status <> 'done'`,
    )
  }

  /**
   * Every download of the account that is not done (pending, running, failed or skipped: later
   * syncs retry the last two), i.e. whose partial temp file may still be resumed.
   */
  unfinishedForAccount(accountId: number): IterableIterator<UnfinishedDownload> {
    return this.unfinishedStmt.iterate(accountId)
  }

  ensure(mediaId: number, kind: VariantKind, expectedSize: number | null): void {
    const now = new Date().toISOString()
    this.ensureStmt.run(mediaId, kind, expectedSize, now, now)
  }

  /** At start-up: whatever was running when the process died goes back to the queue. */
  resetRunning(): number {
    return this.resetRunningStmt.run().changes
  }

  openForAccount(accountId: number): readonly JobRow[] {
    return this.openForAccountStmt.all(accountId)
  }

  get(id: number): JobRow | undefined {
    return this.getStmt.get(id)
  }

  forMedia(mediaId: number): readonly JobRow[] {
    return this.forMediaStmt.all(mediaId)
  }

  setStatus(id: number, status: JobStatus): void {
    this.setStatusStmt.run(status, new Date().toISOString(), id)
  }

  /** `retryAfter` (epoch ms) keeps it pending for a later attempt; null makes it failed for this sync. */
  recordFailure(id: number, error: string, retryAfter: number | null, countAttempt = true): void {
    const status = retryAfter === null ? 'failed' : 'pending'
    this.failStmt.run(
      status,
      countAttempt ? 1 : 0,
      error.slice(0, 2000),
      retryAfter,
      new Date().toISOString(),
      id,
    )
  }
}
