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

  constructor(db: Db) {
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
