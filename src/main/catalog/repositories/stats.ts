// The zod-free word lists: the CLI's `list` opens the catalog and should not load zod to do it.
import { mediaStatuses, mediaTypes, type MediaStatus, type MediaType } from '../../../shared/vocabulary'
import type { Db } from '../db'

export interface CatalogStats {
  readonly accounts: number
  readonly chats: number
  readonly messages: number
  readonly media: number
  readonly files: number
  readonly bytes: number
  readonly byStatus: Readonly<Record<MediaStatus, number>>
  readonly byType: Readonly<Record<MediaType, number>>
  readonly lastSyncAt: string | null
}

export class StatsRepository {
  private readonly countsStmt
  private readonly statusStmt
  private readonly typeStmt

  constructor(db: Db) {
    // Counted by the 0002 triggers as rows change, so the header costs a few lookups, not a scan.
    this.countsStmt = db.prepare<
      [],
      {
        accounts: number
        chats: number
        messages: number
        media: number
        files: number
        bytes: number
        last: string | null
      }
    >(
      `SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM chats) AS chats,
         t.messages, (SELECT coalesce(sum(n), 0) FROM media_counts) AS media, t.files, t.bytes,
         (SELECT max(finished_at) FROM sync_runs) AS last
       FROM archive_totals t WHERE t.id = 1`,
    )
    this.statusStmt = db.prepare<[], { key: MediaStatus; n: number }>(
      `SELECT status AS key, sum(n) AS n FROM media_counts GROUP BY status`,
    )
    this.typeStmt = db.prepare<[], { key: MediaType; n: number }>(
      `SELECT type AS key, sum(n) AS n FROM media_counts GROUP BY type`,
    )
  }

  stats(): CatalogStats {
    const counts = this.countsStmt.get()
    const byStatus = Object.fromEntries(mediaStatuses.map((s) => [s, 0])) as Record<MediaStatus, number>
    for (const row of this.statusStmt.all()) byStatus[row.key] = row.n
    const byType = Object.fromEntries(mediaTypes.map((t) => [t, 0])) as Record<MediaType, number>
    for (const row of this.typeStmt.all()) byType[row.key] = row.n
    return {
      accounts: counts?.accounts ?? 0,
      chats: counts?.chats ?? 0,
      messages: counts?.messages ?? 0,
      media: counts?.media ?? 0,
      files: counts?.files ?? 0,
      bytes: counts?.bytes ?? 0,
      byStatus,
      byType,
      lastSyncAt: counts?.last ?? null,
    }
  }
}
