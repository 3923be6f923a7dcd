// The MediaRow the gallery, the media detail and the chat timeline show: one SELECT and its
// conversion, shared by the repositories that return it, and the chat timeline's media per message.
import type { MediaRow } from '../../../shared/contract'
import type { Db } from '../db'

export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ')
}

export interface RawMediaRow extends Omit<MediaRow, 'hasThumb' | 'hasFile'> {
  readonly hasThumb: number
  readonly hasFile: number
}

export function mediaRowSelect(): string {
  return `SELECT m.id, a.provider, m.account_id AS accountId, coalesce(c.id, 0) AS chatId,
      coalesce(c.fan_name, c.fan_username, c.external_id, '') AS chatLabel, coalesce(fm.id, 0) AS messageId,
      m.type, m.status, m.sort_at AS createdAt, coalesce(fm.text, '') AS text, m.price, m.width, m.height,
      m.duration_sec AS durationSec, m.size,
      EXISTS (SELECT 1 FROM media_files t WHERE t.media_id = m.id AND t.kind IN ('thumb', 'preview', 'squarePreview'))
        AS hasThumb,
      EXISTS (SELECT 1 FROM media_files t WHERE t.media_id = m.id AND t.kind = 'full') AS hasFile
    FROM media m
    JOIN accounts a ON a.id = m.account_id
    LEFT JOIN messages fm ON fm.id = m.first_message_id
    LEFT JOIN chats c ON c.id = fm.chat_id`
}

export function toMediaRow(raw: RawMediaRow): MediaRow {
  return { ...raw, hasThumb: raw.hasThumb === 1, hasFile: raw.hasFile === 1 }
}

/** The media of `count` messages, each message's in the order sent (exported for the plan test). */
export function timelineMediaSql(count: number): string {
  return `${mediaRowSelect().replace('SELECT m.id,', 'SELECT mm.message_id AS linkMessageId, m.id,')}
    JOIN message_media mm ON mm.media_id = m.id
    WHERE mm.message_id IN (${Array.from({ length: count }, () => '?').join(', ')})
    ORDER BY mm.message_id, mm.position`
}

export class TimelineMediaRepository {
  constructor(private readonly db: Db) {}

  /** The media rows of each message, in the order they were sent. */
  forMessages(messageIds: readonly number[]): ReadonlyMap<number, readonly MediaRow[]> {
    const result = new Map<number, MediaRow[]>()
    if (messageIds.length === 0) return result
    const rows = this.db
      .prepare<number[], RawMediaRow & { linkMessageId: number }>(timelineMediaSql(messageIds.length))
      .all(...messageIds)
    for (const { linkMessageId, ...row } of rows) {
      const list = result.get(linkMessageId) ?? []
      list.push(toMediaRow(row))
      result.set(linkMessageId, list)
    }
    return result
  }
}
