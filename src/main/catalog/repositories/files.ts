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

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string, string]>(
      `INSERT INTO files (sha256, size, mime, rel_path, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO NOTHING`,
    )
    this.bySha = db.prepare<[string], FileRow>(`SELECT ${columns} FROM files WHERE sha256 = ?`)
    this.allStmt = db.prepare<[], FileRow>(`SELECT ${columns} FROM files ORDER BY id`)
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

  totals(): { readonly files: number; readonly bytes: number } {
    const row = this.countStmt.get()
    return { files: row?.n ?? 0, bytes: row?.bytes ?? 0 }
  }
}
