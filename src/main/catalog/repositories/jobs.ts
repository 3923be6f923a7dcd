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

/** What a sync needs to know of a job it may start: whether it is open, and when it is due. */
export type OpenJobRef = Pick<JobRow, 'id' | 'kind' | 'status' | 'attempts' | 'retryAfter'>

const columns = `j.id, j.media_id AS mediaId, j.kind, j.status, j.attempts, j.retry_after AS retryAfter,
  j.last_error AS lastError, j.expected_size AS expectedSize`

/**
 * Download jobs are rows, so a crash or a kill loses no work: see design §6. A job's row owns its
 * retry state: `attempts` so far and `retry_after` (epoch ms) before which it is not started again
 * (download/retry-policy.ts decides, sync/download-retries.ts writes).
 */
export class JobsRepository {
  private readonly ensureStmt
  private readonly resetRunningStmt
  private readonly setStatusStmt
  private readonly doneStmt
  private readonly failStmt
  private readonly getStmt
  private readonly forMediaStmt
  private readonly unfinishedStmt

  constructor(db: Db) {
    // A job that failed in an earlier sync is given a fresh start: every later sync retries it.
    this.ensureStmt = db.prepare<[number, string, number | null, string, string], OpenJobRef>(
      `INSERT INTO jobs (media_id, kind, expected_size, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (media_id, kind) DO UPDATE SET
         expected_size = coalesce(excluded.expected_size, expected_size),
         status = CASE WHEN status IN ('failed', 'skipped') THEN 'pending' ELSE status END,
         attempts = CASE WHEN status IN ('failed', 'skipped') THEN 0 ELSE attempts END,
         retry_after = CASE WHEN status IN ('failed', 'skipped') THEN NULL ELSE retry_after END,
         updated_at = excluded.updated_at
       RETURNING id, kind, status, attempts, retry_after AS retryAfter`,
    )
    this.resetRunningStmt = db.prepare(`UPDATE jobs SET status = 'pending' WHERE status = 'running'`)
    this.setStatusStmt = db.prepare<[string, string, number]>(
      `UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?`,
    )
    this.doneStmt = db.prepare<[string, number]>(
      `UPDATE jobs SET status = 'done', last_error = NULL, retry_after = NULL, updated_at = ? WHERE id = ?`,
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

  /**
   * Creates the job, or reopens one that failed in an earlier sync (every later sync retries it);
   * returns its row, so a sync learns what to start without a query per item.
   */
  ensure(mediaId: number, kind: VariantKind, expectedSize: number | null): OpenJobRef {
    const now = new Date().toISOString()
    return this.ensureStmt.get(mediaId, kind, expectedSize, now, now)!
  }

  /** At start-up: whatever was running when the process died goes back to the queue. */
  resetRunning(): number {
    return this.resetRunningStmt.run().changes
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

  /** The file is stored: no error or retry time is left on the row. */
  done(id: number): void {
    this.doneStmt.run(new Date().toISOString(), id)
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
