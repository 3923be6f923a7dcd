import type { ProviderId } from '../../../shared/domain'
import type { Db } from '../db'

export interface AccountRow {
  readonly id: number
  readonly provider: ProviderId
  readonly externalId: string
  readonly connectionId: string | null
  readonly label: string | null
  readonly lastSyncedAt: string | null
}

export interface AccountSummaryRow extends AccountRow {
  readonly chats: number
  readonly media: number
}

const columns = `id, provider, external_id AS externalId, connection_id AS connectionId, label,
  last_synced_at AS lastSyncedAt`

export class AccountsRepository {
  private readonly upsertStmt
  private readonly getStmt
  private readonly getByIdStmt
  private readonly listStmt
  private readonly markSyncedStmt
  private readonly insertStmt
  private readonly renameStmt
  private readonly deleteStmt
  private readonly deleteCountsStmt

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, string | null, string | null, string]>(
      `INSERT INTO accounts (provider, external_id, connection_id, label, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (provider, external_id) DO NOTHING`,
    )
    this.renameStmt = db.prepare<[string | null, number]>(`UPDATE accounts SET label = ? WHERE id = ?`)
    // Chats, messages, media (with their links, files' links, access rules, jobs) and sync runs go
    // by ON DELETE CASCADE; the per-account counters have no foreign key.
    this.deleteStmt = db.prepare<[number]>(`DELETE FROM accounts WHERE id = ?`)
    this.deleteCountsStmt = db.prepare<[number]>(`DELETE FROM media_counts WHERE account_id = ?`)
    this.upsertStmt = db.prepare<[string, string, string | null, string | null, string]>(
      `INSERT INTO accounts (provider, external_id, connection_id, label, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (provider, external_id) DO UPDATE SET
         connection_id = coalesce(excluded.connection_id, connection_id),
         label = coalesce(excluded.label, label)`,
    )
    this.getStmt = db.prepare<[string, string], AccountRow>(
      `SELECT ${columns} FROM accounts WHERE provider = ? AND external_id = ?`,
    )
    this.getByIdStmt = db.prepare<[number], AccountRow>(`SELECT ${columns} FROM accounts WHERE id = ?`)
    this.listStmt = db.prepare<[], AccountSummaryRow>(
      `SELECT ${columns},
         (SELECT count(*) FROM chats c WHERE c.account_id = a.id) AS chats,
         (SELECT coalesce(sum(n), 0) FROM media_counts mc WHERE mc.account_id = a.id) AS media
       FROM accounts a ORDER BY provider, external_id`,
    )
    this.markSyncedStmt = db.prepare<[string, number]>(`UPDATE accounts SET last_synced_at = ? WHERE id = ?`)
  }

  upsert(
    provider: ProviderId,
    externalId: string,
    extra: { connectionId?: string; label?: string } = {},
  ): AccountRow {
    this.upsertStmt.run(
      provider,
      externalId,
      extra.connectionId ?? null,
      extra.label ?? null,
      new Date().toISOString(),
    )
    const row = this.get(provider, externalId)
    if (!row) throw new Error(`account ${provider}/${externalId} vanished after upsert`)
    return row
  }

  /** Adds a new account; null (and nothing changed) when the provider already has this id. */
  insert(
    provider: ProviderId,
    externalId: string,
    extra: { connectionId?: string; label?: string } = {},
  ): AccountRow | null {
    const { changes } = this.insertStmt.run(
      provider,
      externalId,
      extra.connectionId ?? null,
      extra.label ?? null,
      new Date().toISOString(),
    )
    return changes === 0 ? null : (this.get(provider, externalId) ?? null)
  }

  /** Null clears the label (the account is then named by its id). */
  rename(id: number, label: string | null): void {
    this.renameStmt.run(label, id)
  }

  /** Deletes the account and every catalog row of its archive. Stored files are the caller's. */
  remove(id: number): boolean {
    const { changes } = this.deleteStmt.run(id)
    this.deleteCountsStmt.run(id)
    return changes > 0
  }

  get(provider: ProviderId, externalId: string): AccountRow | undefined {
    return this.getStmt.get(provider, externalId)
  }

  getById(id: number): AccountRow | undefined {
    return this.getByIdStmt.get(id)
  }

  list(): readonly AccountSummaryRow[] {
    return this.listStmt.all()
  }

  markSynced(id: number, at: string = new Date().toISOString()): void {
    this.markSyncedStmt.run(at, id)
  }
}
