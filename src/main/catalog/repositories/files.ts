import type { Db } from '../db'

export interface FileRow {
  readonly id: number
  readonly sha256: string
  readonly size: number
  readonly mime: string
  readonly relPath: string
}

const columns = `id, sha256, size, mime, rel_path AS relPath`

export class FilesRepository {
  private readonly insertStmt
  private readonly bySha
  private readonly allStmt
  private readonly countStmt
  private readonly linksStmt
  private readonly unlinkStmt
  private readonly deleteStmt
  private readonly reopenMediaStmt
  private readonly reopenJobStmt
  private readonly exclusiveStmt
  private readonly deleteUnusedStmt

  constructor(db: Db) {
    this.exclusiveStmt = db.prepare<[number, number], FileRow>(
      `SELECT ${columns} FROM files f
       WHERE f.id IN (SELECT mf.file_id FROM media_files mf JOIN media m ON m.id = mf.media_id
                      WHERE m.account_id = ?)
         AND NOT EXISTS (SELECT 1 FROM media_files mf JOIN media m ON m.id = mf.media_id
                         WHERE mf.file_id = f.id AND m.account_id <> ?)
       ORDER BY f.id`,
    )
    this.deleteUnusedStmt = db.prepare<[number]>(
      `DELETE FROM files WHERE id = ? AND NOT EXISTS (SELECT 1 FROM media_files WHERE file_id = files.id)`,
    )
    this.insertStmt = db.prepare<[string, number, string, string, string]>(
      `INSERT INTO files (sha256, size, mime, rel_path, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING`,
    )
    this.bySha = db.prepare<[string], FileRow>(`SELECT ${columns} FROM files WHERE sha256 = ?`)
    this.allStmt = db.prepare<[], FileRow>(`SELECT ${columns} FROM files ORDER BY id`)
    this.linksStmt = db.prepare<[number], { mediaId: number; kind: string }>(
      `SELECT media_id AS mediaId, kind FROM media_files WHERE file_id = ?`,
    )
    this.unlinkStmt = db.prepare<[number]>(`DELETE FROM media_files WHERE file_id = ?`)
    this.deleteStmt = db.prepare<[number]>(`DELETE FROM files WHERE id = ?`)
    this.reopenMediaStmt = db.prepare<[string, number]>(
      `UPDATE media SET status = 'pending', updated_at = ? WHERE id = ? AND status = 'downloaded'`,
    )
    this.reopenJobStmt = db.prepare<[number, string, string, string]>(
      `INSERT INTO jobs (media_id, kind, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (media_id, kind) DO UPDATE SET status = 'pending', attempts = 0, retry_after = NULL,
         last_error = 'the archived file was missing or damaged', updated_at = excluded.updated_at`,
    )
    this.countStmt = db.prepare<[], { n: number; bytes: number }>(
      `SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM files`,
    )
  }

  /** Identical bytes are one row however many media items point at them. */
  add(file: Omit<FileRow, 'id'>): FileRow {
    this.insertStmt.run(file.sha256, file.size, file.mime, file.relPath, new Date().toISOString())
    const row = this.bySha.get(file.sha256)
    if (!row) throw new Error(`file ${file.sha256} vanished after insert`)
    return row
  }

  getBySha(sha256: string): FileRow | undefined {
    return this.bySha.get(sha256)
  }

  all(): IterableIterator<FileRow> {
    return this.allStmt.iterate()
  }

  /**
   * The catalog stops claiming a file that is missing or damaged: its media go back to pending with
   * open jobs, so the next sync downloads them again. Returns the media ids affected.
   */
  forget(fileId: number): readonly number[] {
    const now = new Date().toISOString()
    const links = this.linksStmt.all(fileId)
    this.unlinkStmt.run(fileId)
    this.deleteStmt.run(fileId)
    for (const link of links) {
      if (link.kind === 'full') this.reopenMediaStmt.run(now, link.mediaId)
      this.reopenJobStmt.run(link.mediaId, link.kind, now, now)
    }
    return [...new Set(links.map((l) => l.mediaId))]
  }

  /** The files only this account's media use (what deleting its archive frees). */
  exclusiveTo(accountId: number): readonly FileRow[] {
    return this.exclusiveStmt.all(accountId, accountId)
  }

  /** Deletes the row when no media item uses the file any more; true when it went. */
  deleteIfUnused(fileId: number): boolean {
    return this.deleteUnusedStmt.run(fileId).changes > 0
  }

  totals(): { readonly files: number; readonly bytes: number } {
    const row = this.countStmt.get()
    return { files: row?.n ?? 0, bytes: row?.bytes ?? 0 }
  }
}
