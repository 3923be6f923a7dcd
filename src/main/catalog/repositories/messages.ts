import type { Db } from '../db'

export interface MessageInput {
  readonly externalId: string
  readonly text: string
  readonly price: number | null
  readonly isFree: boolean
  readonly fromCreator: boolean
  readonly senderId: string | null
  readonly createdAt: string
  readonly raw: unknown
}

export interface MessageRow {
  readonly id: number
  readonly chatId: number
  readonly externalId: string
  readonly text: string
  readonly price: number | null
  readonly isFree: boolean
  readonly fromCreator: boolean
  readonly createdAt: string
}

interface RawMessageRow extends Omit<MessageRow, 'isFree' | 'fromCreator'> {
  readonly isFree: number
  readonly fromCreator: number
}

const columns = `id, chat_id AS chatId, external_id AS externalId, text, price, is_free AS isFree,
  from_creator AS fromCreator, created_at AS createdAt`

function toRow(raw: RawMessageRow): MessageRow {
  return { ...raw, isFree: raw.isFree === 1, fromCreator: raw.fromCreator === 1 }
}

export class MessagesRepository {
  private readonly upsertStmt
  private readonly getStmt
  private readonly existsStmt
  private readonly linkStmt
  private readonly timelineStmt
  private readonly timelineBeforeStmt
  private readonly countStmt

  constructor(db: Db) {
    this.upsertStmt = db.prepare(
      `INSERT INTO messages (chat_id, external_id, text, price, is_free, from_creator, sender_id, created_at, raw)
       VALUES (@chatId, @externalId, @text, @price, @isFree, @fromCreator, @senderId, @createdAt, @raw)
       ON CONFLICT (chat_id, external_id) DO UPDATE SET
         text = excluded.text, price = excluded.price, is_free = excluded.is_free, raw = excluded.raw
       WHERE text IS NOT excluded.text OR price IS NOT excluded.price OR is_free IS NOT excluded.is_free
         OR raw IS NOT excluded.raw
       RETURNING ${columns}`,
    )
    this.getStmt = db.prepare<[number, string], RawMessageRow>(
      `SELECT ${columns} FROM messages WHERE chat_id = ? AND external_id = ?`,
    )
    this.existsStmt = db.prepare<[number, string], { one: number }>(
      `SELECT 1 AS one FROM messages WHERE chat_id = ? AND external_id = ?`,
    )
    this.linkStmt = db.prepare<[number, number, number]>(
      `INSERT INTO message_media (message_id, media_id, position) VALUES (?, ?, ?)
       ON CONFLICT (message_id, media_id) DO NOTHING`,
    )
    this.timelineStmt = db.prepare<[number, number], RawMessageRow>(
      `SELECT ${columns} FROM messages WHERE chat_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    this.timelineBeforeStmt = db.prepare<[number, string, number], RawMessageRow>(
      `SELECT ${columns} FROM messages WHERE chat_id = ? AND created_at < ?
       ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    this.countStmt = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM messages WHERE chat_id = ?`,
    )
  }

  /** Messages the archive holds for a chat (the paging size hint of the next sync). */
  countInChat(chatId: number): number {
    return this.countStmt.get(chatId)?.n ?? 0
  }

  upsert(chatId: number, message: MessageInput): MessageRow {
    // RETURNING yields the row when it was inserted or changed; an unchanged known message (the
    // WHERE above skips the update) returns nothing and is read back instead.
    const written = this.upsertStmt.get({
      chatId,
      externalId: message.externalId,
      text: message.text,
      price: message.price,
      isFree: message.isFree ? 1 : 0,
      fromCreator: message.fromCreator ? 1 : 0,
      senderId: message.senderId,
      createdAt: message.createdAt,
      raw: JSON.stringify(message.raw ?? null),
    }) as RawMessageRow | undefined
    const row = written ?? this.getStmt.get(chatId, message.externalId)
    if (!row) throw new Error(`message ${message.externalId} vanished after upsert`)
    return toRow(row)
  }

  exists(chatId: number, externalId: string): boolean {
    return this.existsStmt.get(chatId, externalId) !== undefined
  }

  linkMedia(messageId: number, mediaId: number, position: number): void {
    this.linkStmt.run(messageId, mediaId, position)
  }

  /** Newest first; `before` pages back through older messages. */
  timeline(chatId: number, limit: number, before?: string): readonly MessageRow[] {
    const rows =
      before === undefined
        ? this.timelineStmt.all(chatId, limit)
        : this.timelineBeforeStmt.all(chatId, before, limit)
    return rows.map(toRow)
  }
}
