// What a sync reads back about its own work: status counts over the chats it covered, and the
// items with work left (to resume without listing them again).
import type { MediaStatus } from '../../../shared/vocabulary'
import type { Db } from '../db'

export interface MediaWorkRow {
  readonly mediaRowId: number
  readonly providerMediaId: string
  readonly status: MediaStatus
  /** The item the sync stored (MediaInput.item), as JSON text. */
  readonly itemJson: string
  readonly chatExternalId: string | null
}

export class SyncWorkRepository {
  constructor(private readonly db: Db) {}

  /** Media status counts over the chats a sync covered (an item in two chats counts once). */
  statusCountsForChats(chatIds: readonly number[]): Readonly<Partial<Record<MediaStatus, number>>> {
    const counts: Partial<Record<MediaStatus, number>> = {}
    if (chatIds.length === 0) return counts
    const rows = this.db
      .prepare<[string], { status: MediaStatus; n: number }>(
        `SELECT m.status, count(DISTINCT m.id) AS n FROM messages msg
         JOIN message_media mm ON mm.message_id = msg.id JOIN media m ON m.id = mm.media_id
         WHERE msg.chat_id IN (SELECT value FROM json_each(?)) GROUP BY m.status`,
      )
      .all(JSON.stringify(chatIds))
    for (const row of rows) counts[row.status] = row.n
    return counts
  }

  /** Items of these chats with work left: not downloaded yet, not ready, failed, or with open jobs. */
  mediaNeedingWork(accountId: number, chatIds: readonly number[]): readonly MediaWorkRow[] {
    if (chatIds.length === 0) return []
    return this.db
      .prepare<[{ account: number; chats: string }], MediaWorkRow>(
        `SELECT m.id AS mediaRowId, m.provider_media_id AS providerMediaId, m.status, m.item_json AS itemJson,
           (SELECT c.external_id FROM message_media mm JOIN messages msg ON msg.id = mm.message_id
             JOIN chats c ON c.id = msg.chat_id WHERE mm.media_id = m.id AND c.id IN (SELECT value FROM json_each(@chats))
             ORDER BY msg.created_at LIMIT 1) AS chatExternalId
         FROM media m
         WHERE m.account_id = @account
           AND (m.status IN ('pending', 'not_ready', 'failed')
             OR EXISTS (SELECT 1 FROM jobs j WHERE j.media_id = m.id AND j.status IN ('pending', 'running', 'failed')))`,
      )
      .all({ account: accountId, chats: JSON.stringify(chatIds) })
      .filter((row) => row.chatExternalId !== null)
  }
}
