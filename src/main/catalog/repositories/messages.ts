// The messages table: what a sync writes (a page of messages at a time, inside its transaction)
// and the marks a full sync leaves on messages the provider no longer lists. The reviewer's read
// model (a chat at its newest, at a date, around a message, search in a chat) is
// conversation.ts; the `messages` command's listing is message-list.ts.
import type { Statement } from 'better-sqlite3'
import type { Db } from '../db'
import type { FtsIndexRepository } from './fts-index'

export interface MessageInput {
  readonly externalId: string
  readonly text: string
  readonly price: number | null
  readonly isFree: boolean
  readonly fromCreator: boolean
  readonly senderId: string | null
  readonly createdAt: string
  readonly raw: unknown
  /** Fansly: what a subscriber pays when a tier makes it cheaper. */
  readonly subscriberPrice?: number | null
  /** For a priced message: bought (true) or not (false); null when free or unknown. */
  readonly paid?: boolean | null
  /** USD tipped with the message. */
  readonly tip?: number | null
  /** The provider's id of the message this one answers. */
  readonly replyToId?: string | null
  readonly isMass?: boolean | null
  /** Whether the provider sent media with it (the full-text index tells media messages apart). */
  readonly hasMedia?: boolean
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
  readonly senderId: string | null
  readonly subscriberPrice: number | null
  readonly paid: boolean | null
  readonly tip: number | null
  readonly replyToId: string | null
  readonly isMass: boolean | null
  /** When a full sync found the provider no longer has it (ISO 8601); null while it does. */
  readonly deletedUpstreamAt: string | null
}

export interface RawMessageRow extends Omit<MessageRow, 'isFree' | 'fromCreator' | 'paid' | 'isMass'> {
  readonly isFree: number
  readonly fromCreator: number
  readonly paid: number | null
  readonly isMass: number | null
}

/** The MessageRow columns of `messages` under the alias `alias` (conversation.ts shares them). */
export function messageColumns(alias: string): string {
  const a = `${alias}.`
  return `${a}id, ${a}chat_id AS chatId, ${a}external_id AS externalId, ${a}text, ${a}price,
    ${a}is_free AS isFree, ${a}from_creator AS fromCreator, ${a}created_at AS createdAt,
    ${a}sender_id AS senderId, ${a}subscriber_price AS subscriberPrice, ${a}paid, ${a}tip,
    ${a}reply_to_id AS replyToId, ${a}is_mass AS isMass, ${a}deleted_upstream_at AS deletedUpstreamAt`
}

const flag = (value: number | null): boolean | null => (value === null ? null : value === 1)

export function toMessageRow(raw: RawMessageRow): MessageRow {
  return {
    ...raw,
    isFree: raw.isFree === 1,
    fromCreator: raw.fromCreator === 1,
    paid: flag(raw.paid),
    isMass: flag(raw.isMass),
  }
}

const bit = (value: boolean | null | undefined): number | null =>
  value === null || value === undefined ? null : value ? 1 : 0

/** Whether `write` inserted the message or found it archived already. */
export interface WrittenMessage {
  readonly id: number
  readonly inserted: boolean
}

/** The columns a new message is inserted with, in the order `insertParams` binds them. */
const insertColumns = `chat_id, external_id, text, price, is_free, from_creator, sender_id, created_at, raw,
  subscriber_price, paid, tip, reply_to_id, is_mass, has_media`
const columnsPerRow = 15

/**
 * Rows per INSERT statement. A page's new messages go in as one multi-row statement: at 100 rows
 * SQLite's per-statement work (statement journal, trigger set-up, the call from JavaScript) is
 * paid once, not 100 times (20,000 messages: 470 → 295 ms, docs/benchmarks.md). 100 is the
 * largest page a provider sends; 15 values a row keep a statement at 1,500 of SQLite's 32,766
 * parameters. Longer inputs go in chunks.
 */
const rowsPerInsert = 100

type Bound = string | number | null

function insertParams(chatId: number, message: MessageInput, raw: string): Bound[] {
  return [
    chatId,
    message.externalId,
    message.text,
    message.price,
    message.isFree ? 1 : 0,
    message.fromCreator ? 1 : 0,
    message.senderId,
    message.createdAt,
    raw,
    message.subscriberPrice ?? null,
    bit(message.paid),
    message.tip ?? null,
    message.replyToId ?? null,
    bit(message.isMass),
    message.hasMedia ? 1 : 0,
  ]
}

export class MessagesRepository {
  /** The multi-row insert for each row count met so far (at most `rowsPerInsert` of them). */
  private readonly insertStmts = new Map<number, Statement<Bound[], { id: number; externalId: string }>>()
  private readonly updateStmt
  private readonly idStmt
  private readonly getStmt
  private readonly existsStmt
  private readonly linkStmt
  private readonly countStmt
  private readonly markGoneStmt

  constructor(
    private readonly db: Db,
    private readonly ftsIndex: FtsIndexRepository,
  ) {
    // A new message is inserted as is; a known one is updated only when the provider says
    // something new about it. Fields a route may not carry (tip, reply, mass, subscriber price,
    // paid) keep what the archive knows rather than being wiped by a route that leaves them out; a
    // message listed again is no longer deleted upstream.
    this.updateStmt = db.prepare(
      `UPDATE messages SET text = @text, price = @price, is_free = @isFree, raw = @raw,
         subscriber_price = coalesce(@subscriberPrice, subscriber_price), paid = coalesce(@paid, paid),
         tip = coalesce(@tip, tip), reply_to_id = coalesce(@replyToId, reply_to_id),
         is_mass = coalesce(@isMass, is_mass), has_media = max(has_media, @hasMedia),
         deleted_upstream_at = NULL
       WHERE chat_id = @chatId AND external_id = @externalId
         AND (text IS NOT @text OR price IS NOT @price OR is_free IS NOT @isFree OR raw IS NOT @raw
           OR (@subscriberPrice IS NOT NULL AND subscriber_price IS NOT @subscriberPrice)
           OR (@paid IS NOT NULL AND paid IS NOT @paid) OR (@tip IS NOT NULL AND tip IS NOT @tip)
           OR (@replyToId IS NOT NULL AND reply_to_id IS NOT @replyToId)
           OR (@isMass IS NOT NULL AND is_mass IS NOT @isMass) OR has_media < @hasMedia
           OR deleted_upstream_at IS NOT NULL)
       RETURNING id`,
    )
    this.idStmt = db.prepare<[number, string], { id: number }>(
      `SELECT id FROM messages WHERE chat_id = ? AND external_id = ?`,
    )
    this.getStmt = db.prepare<[number, string], RawMessageRow>(
      `SELECT ${messageColumns('m')} FROM messages m WHERE m.chat_id = ? AND m.external_id = ?`,
    )
    this.existsStmt = db.prepare<[number, string], { one: number }>(
      `SELECT 1 AS one FROM messages WHERE chat_id = ? AND external_id = ?`,
    )
    this.linkStmt = db.prepare<[number, number, number]>(
      `INSERT INTO message_media (message_id, media_id, position) VALUES (?, ?, ?)
       ON CONFLICT (message_id, media_id) DO NOTHING`,
    )
    this.countStmt = db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM messages WHERE chat_id = ?`,
    )
    // The chat's index narrows to its messages; the seen ids arrive as one JSON array, so a pass
    // over a 100,000-message chat is one statement, not one per message.
    this.markGoneStmt = db.prepare<[string, number, string]>(
      `UPDATE messages SET deleted_upstream_at = ?
       WHERE chat_id = ? AND deleted_upstream_at IS NULL
         AND id NOT IN (SELECT value FROM json_each(?))`,
    )
  }

  /** Messages the archive holds for a chat (the paging size hint of the next sync). */
  countInChat(chatId: number): number {
    return this.countStmt.get(chatId)?.n ?? 0
  }

  /** Inserts a new message, or brings a known one up to date; says which it was. */
  write(chatId: number, message: MessageInput): WrittenMessage {
    const [written] = this.writeMany(chatId, [message])
    if (!written) throw new Error(`message ${message.externalId} vanished after upsert`)
    return written
  }

  /**
   * `write` for each of `messages` (a provider's page), in their order: the new ones inserted by
   * one statement per `rowsPerInsert`, the known ones then brought up to date one by one. A message
   * listed twice is inserted once, then updated by its second copy, as two `write`s would do.
   */
  writeMany(chatId: number, messages: readonly MessageInput[]): WrittenMessage[] {
    const raws = messages.map((message) => JSON.stringify(message.raw ?? null))
    const inserted = new Map<string, number>()
    for (let start = 0; start < messages.length; start += rowsPerInsert) {
      const params: Bound[] = []
      const end = Math.min(messages.length, start + rowsPerInsert)
      for (let i = start; i < end; i++) params.push(...insertParams(chatId, messages[i]!, raws[i]!))
      for (const row of this.insertStmt(end - start).all(...params)) inserted.set(row.externalId, row.id)
    }
    const written = messages.map((message, i): WrittenMessage => {
      const id = inserted.get(message.externalId)
      if (id !== undefined) {
        // A second copy of the same message in the input is not new: it updates the row.
        inserted.delete(message.externalId)
        return { id, inserted: true }
      }
      return { id: this.update(chatId, message, raws[i]!), inserted: false }
    })
    return this.indexed(written)
  }

  private insertStmt(rows: number): Statement<Bound[], { id: number; externalId: string }> {
    let stmt = this.insertStmts.get(rows)
    if (!stmt) {
      const row = `(${new Array<string>(columnsPerRow).fill('?').join(', ')})`
      stmt = this.db.prepare<Bound[], { id: number; externalId: string }>(
        `INSERT INTO messages (${insertColumns})
         VALUES ${new Array<string>(rows).fill(row).join(', ')}
         ON CONFLICT (chat_id, external_id) DO NOTHING
         RETURNING id, external_id AS externalId`,
      )
      this.insertStmts.set(rows, stmt)
    }
    return stmt
  }

  /** A known message brought up to date (when the provider says something new); its row id. */
  private update(chatId: number, message: MessageInput, raw: string): number {
    const params = {
      chatId,
      externalId: message.externalId,
      text: message.text,
      price: message.price,
      isFree: message.isFree ? 1 : 0,
      fromCreator: message.fromCreator ? 1 : 0,
      senderId: message.senderId,
      createdAt: message.createdAt,
      raw,
      subscriberPrice: message.subscriberPrice ?? null,
      paid: bit(message.paid),
      tip: message.tip ?? null,
      replyToId: message.replyToId ?? null,
      isMass: bit(message.isMass),
      hasMedia: message.hasMedia ? 1 : 0,
    }
    const updated =
      (this.updateStmt.get(params) as { id: number } | undefined) ??
      this.idStmt.get(chatId, message.externalId)
    if (!updated) throw new Error(`message ${message.externalId} vanished after upsert`)
    return updated.id
  }

  /** A write outside a transaction is searchable at once; inside one, at its commit (fts-index.ts). */
  private indexed<T>(result: T): T {
    if (!this.db.inTransaction) this.ftsIndex.flush()
    return result
  }

  /** `write`, then the row as stored. */
  upsert(chatId: number, message: MessageInput): MessageRow {
    this.write(chatId, message)
    const row = this.get(chatId, message.externalId)
    if (!row) throw new Error(`message ${message.externalId} vanished after upsert`)
    return row
  }

  get(chatId: number, externalId: string): MessageRow | undefined {
    const raw = this.getStmt.get(chatId, externalId)
    return raw && toMessageRow(raw)
  }

  exists(chatId: number, externalId: string): boolean {
    return this.existsStmt.get(chatId, externalId) !== undefined
  }

  linkMedia(messageId: number, mediaId: number, position: number): void {
    this.linkStmt.run(messageId, mediaId, position)
    this.indexed(undefined)
  }

  /**
   * After a full, complete, unfiltered pass of the chat: every message of the chat the pass did not
   * see (`seen`: row ids) is marked deleted upstream at `at`, unless it already was. Returns how
   * many were marked. Nothing is deleted.
   */
  markDeletedUpstream(chatId: number, seen: readonly number[], at: string): number {
    return this.markGoneStmt.run(at, chatId, JSON.stringify(seen)).changes
  }
}
