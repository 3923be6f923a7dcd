import type { ProviderId } from '../../../shared/domain'
import type { ArchiveMode } from '../../../shared/vocabulary'
import type { Db } from '../db'
import type { FtsIndexRepository } from './fts-index'

export interface ChatInput {
  readonly externalId: string
  readonly fanId: string | null
  readonly fanUsername: string | null
  readonly fanName: string | null
  readonly lastMessageAt: string | null
  readonly raw: unknown
}

export interface ChatRow {
  readonly id: number
  readonly accountId: number
  readonly externalId: string
  readonly fanId: string | null
  readonly fanUsername: string | null
  readonly fanName: string | null
  readonly lastMessageAt: string | null
  readonly lastSyncedAt: string | null
  readonly historyComplete: boolean
  /** The chat list's newest message id when this chat was last synced completely (migration 0003). */
  readonly seenLastMessageId: string | null
  /** Every media message up to this time (ISO 8601) is in the catalog (migration 0003). */
  readonly completeThrough: string | null
  /** Read to its oldest message by a whole-conversation sync (migration 0005). */
  readonly conversationComplete: boolean
  /** The chat list's newest message id at the last complete whole-conversation sync. */
  readonly conversationSeenLastId: string | null
  /** Every message, text-only ones too, up to this time (ISO 8601) is in the catalog. */
  readonly conversationCompleteThrough: string | null
}

/** The marks one archive mode reads and writes (migration 0005 says why there are two sets). */
export interface ChatMarks {
  /** The chat was read to its oldest message in this mode. */
  readonly complete: boolean
  readonly seenLastMessageId: string | null
  readonly completeThrough: string | null
}

export interface ChatSummaryRow extends Omit<
  ChatRow,
  | 'historyComplete'
  | 'fanId'
  | 'seenLastMessageId'
  | 'completeThrough'
  | 'conversationComplete'
  | 'conversationSeenLastId'
  | 'conversationCompleteThrough'
> {
  readonly provider: ProviderId
  readonly media: number
  readonly downloaded: number
}

interface RawChatRow extends Omit<ChatRow, 'historyComplete' | 'conversationComplete'> {
  readonly historyComplete: number
  readonly conversationComplete: number
}

const columns = `id, account_id AS accountId, external_id AS externalId, fan_id AS fanId,
  fan_username AS fanUsername, fan_name AS fanName, last_message_at AS lastMessageAt,
  last_synced_at AS lastSyncedAt, history_complete AS historyComplete,
  seen_last_message_id AS seenLastMessageId, complete_through AS completeThrough,
  conversation_complete AS conversationComplete, conversation_seen_last_id AS conversationSeenLastId,
  conversation_complete_through AS conversationCompleteThrough`

/**
 * The chats of one account (the parameter) that hold a locked item. Driven from the locked items
 * (media_status_sort; CROSS JOIN fixes the order), which are few, rather than from every message of
 * every chat: one pass per sync whatever the size of the catalog. Exported for the plan test.
 */
export const lockedChatsSql = `SELECT DISTINCT m.chat_id AS chatId
  FROM media md
  CROSS JOIN message_media mm ON mm.media_id = md.id
  CROSS JOIN messages m ON m.id = mm.message_id
  WHERE md.status = 'locked' AND md.account_id = ?`

/** A chat as an export names it: the provider, the account and the fan. */
export interface ExportChatRow {
  readonly chatRowId: number
  readonly provider: ProviderId
  readonly account: string
  readonly chat: string
  readonly fanUsername: string | null
  readonly fanName: string | null
}

/** Which chats an export of conversations takes; every term must hold. */
export interface ChatFilter {
  readonly provider?: ProviderId
  readonly account?: string
  readonly chat?: string
  /** Catalog row ids (the app's filters). */
  readonly accountId?: number
  readonly chatRowId?: number
}

function toRow(raw: RawChatRow): ChatRow {
  return {
    ...raw,
    historyComplete: raw.historyComplete === 1,
    conversationComplete: raw.conversationComplete === 1,
  }
}

/** The marks a sync in `mode` goes by. */
export function marksFor(chat: ChatRow, mode: ArchiveMode): ChatMarks {
  return mode === 'conversations'
    ? {
        complete: chat.conversationComplete,
        seenLastMessageId: chat.conversationSeenLastId,
        completeThrough: chat.conversationCompleteThrough,
      }
    : {
        complete: chat.historyComplete,
        seenLastMessageId: chat.seenLastMessageId,
        completeThrough: chat.completeThrough,
      }
}

export class ChatsRepository {
  private readonly upsertStmt
  private readonly getStmt
  private readonly getByIdStmt
  private readonly byAccountStmt
  private readonly summaryStmt
  private readonly summaryByAccountStmt
  private readonly markSyncedStmt
  private readonly markCompleteStmt
  private readonly markConversationStmt
  private readonly lockedChatsStmt
  private readonly conversationStateStmt

  constructor(
    private readonly db: Db,
    /** A rename queues the chat's items for the gallery index (migration 0009): flushed at once outside a transaction. */
    private readonly ftsIndex?: FtsIndexRepository,
  ) {
    this.upsertStmt = db.prepare(
      `INSERT INTO chats (account_id, external_id, fan_id, fan_username, fan_name, last_message_at, raw)
       VALUES (@accountId, @externalId, @fanId, @fanUsername, @fanName, @lastMessageAt, @raw)
       ON CONFLICT (account_id, external_id) DO UPDATE SET
         fan_id = coalesce(excluded.fan_id, fan_id),
         fan_username = coalesce(excluded.fan_username, fan_username),
         fan_name = coalesce(excluded.fan_name, fan_name),
         last_message_at = coalesce(excluded.last_message_at, last_message_at),
         raw = excluded.raw`,
    )
    this.getStmt = db.prepare<[number, string], RawChatRow>(
      `SELECT ${columns} FROM chats WHERE account_id = ? AND external_id = ?`,
    )
    this.getByIdStmt = db.prepare<[number], RawChatRow>(`SELECT ${columns} FROM chats WHERE id = ?`)
    this.byAccountStmt = db.prepare<[number], RawChatRow>(
      `SELECT ${columns} FROM chats WHERE account_id = ? ORDER BY external_id`,
    )
    // Counts come from columns the 0002 triggers keep current, not from counting links per chat.
    const summary = `SELECT c.id, c.account_id AS accountId, a.provider, c.external_id AS externalId,
         c.fan_username AS fanUsername, c.fan_name AS fanName, c.last_message_at AS lastMessageAt,
         c.last_synced_at AS lastSyncedAt, c.media_count AS media, c.downloaded_count AS downloaded
       FROM chats c JOIN accounts a ON a.id = c.account_id`
    this.summaryStmt = db.prepare<[], ChatSummaryRow>(`${summary} ORDER BY c.last_message_at DESC, c.id`)
    this.summaryByAccountStmt = db.prepare<[number], ChatSummaryRow>(
      `${summary} WHERE c.account_id = ? ORDER BY c.last_message_at DESC, c.id`,
    )
    this.markSyncedStmt = db.prepare<[string, number, number, number]>(
      `UPDATE chats SET last_synced_at = ?, history_complete = max(history_complete, ?),
         conversation_complete = max(conversation_complete, ?) WHERE id = ?`,
    )
    this.markCompleteStmt = db.prepare<[string | null, string | null, number]>(
      `UPDATE chats SET seen_last_message_id = coalesce(?, seen_last_message_id),
         complete_through = coalesce(?, complete_through) WHERE id = ?`,
    )
    this.markConversationStmt = db.prepare<[string | null, string | null, number]>(
      `UPDATE chats SET conversation_seen_last_id = coalesce(?, conversation_seen_last_id),
         conversation_complete_through = coalesce(?, conversation_complete_through) WHERE id = ?`,
    )
    this.lockedChatsStmt = db.prepare<[number], { chatId: number }>(lockedChatsSql)
    this.conversationStateStmt = db.prepare<[number], { chats: number; complete: number }>(
      `SELECT count(*) AS chats, coalesce(sum(conversation_complete), 0) AS complete
       FROM chats WHERE account_id = ?`,
    )
  }

  upsert(accountId: number, chat: ChatInput): ChatRow {
    this.upsertStmt.run({
      accountId,
      externalId: chat.externalId,
      fanId: chat.fanId,
      fanUsername: chat.fanUsername,
      fanName: chat.fanName,
      lastMessageAt: chat.lastMessageAt,
      raw: JSON.stringify(chat.raw ?? null),
    })
    if (!this.db.inTransaction) this.ftsIndex?.flush()
    const row = this.get(accountId, chat.externalId)
    if (!row) throw new Error(`chat ${chat.externalId} vanished after upsert`)
    return row
  }

  get(accountId: number, externalId: string): ChatRow | undefined {
    const raw = this.getStmt.get(accountId, externalId)
    return raw && toRow(raw)
  }

  getById(id: number): ChatRow | undefined {
    const raw = this.getByIdStmt.get(id)
    return raw && toRow(raw)
  }

  listByAccount(accountId: number): readonly ChatRow[] {
    return this.byAccountStmt.all(accountId).map(toRow)
  }

  summaries(accountId?: number): readonly ChatSummaryRow[] {
    return accountId === undefined ? this.summaryStmt.all() : this.summaryByAccountStmt.all(accountId)
  }

  /**
   * After a complete, unfiltered sync of the chat in `mode`: the chat list's newest message id, and
   * the newest message time the sync stored (migrations 0003 and 0005 say what each allows). A
   * whole-conversation sync read every media message too, so it sets both sets of marks; a
   * media-only one only its own. A null leaves that mark as it was: a chat named with --chat has
   * no listed id, an empty page no time.
   */
  markComplete(
    id: number,
    marks: { lastMessageId: string | null; completeThrough: string | null },
    mode: ArchiveMode = 'media',
  ): void {
    this.markCompleteStmt.run(marks.lastMessageId, marks.completeThrough, id)
    if (mode === 'conversations')
      this.markConversationStmt.run(marks.lastMessageId, marks.completeThrough, id)
  }

  /** The chats a filter names (an export writes each one's conversation, media or not), oldest first. */
  forExport(filter: ChatFilter): readonly ExportChatRow[] {
    const clauses: string[] = []
    const params: Array<string | number> = []
    const equal: ReadonlyArray<readonly [string, string | number | undefined]> = [
      ['a.provider', filter.provider],
      ['a.external_id', filter.account],
      ['c.external_id', filter.chat],
      ['a.id', filter.accountId],
      ['c.id', filter.chatRowId],
    ]
    for (const [column, value] of equal) {
      if (value === undefined) continue
      clauses.push(`${column} = ?`)
      params.push(value)
    }
    return this.db
      .prepare<Array<string | number>, ExportChatRow>(
        `SELECT c.id AS chatRowId, a.provider, a.external_id AS account, c.external_id AS chat,
           c.fan_username AS fanUsername, c.fan_name AS fanName
         FROM chats c JOIN accounts a ON a.id = c.account_id
         ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
         ORDER BY c.id`,
      )
      .all(...params)
  }

  /** How many of the account's chats are known, and how many were read as whole conversations. */
  conversationState(accountId: number): { readonly chats: number; readonly complete: number } {
    return this.conversationStateStmt.get(accountId) ?? { chats: 0, complete: 0 }
  }

  /** The account's chats that hold a locked item: a purchase later unlocks it without a new message. */
  withLockedMedia(accountId: number): ReadonlySet<number> {
    return new Set(this.lockedChatsStmt.all(accountId).map((r) => r.chatId))
  }

  /**
   * `readToEnd`: this sync paged the chat to its oldest message in `mode`. Completeness only ever
   * turns on (a later partial sync cannot forget a finished one), and a whole conversation read to
   * the end holds every media message too.
   */
  markSynced(
    id: number,
    readToEnd: boolean,
    at: string = new Date().toISOString(),
    mode: ArchiveMode = 'media',
  ): void {
    this.markSyncedStmt.run(at, readToEnd ? 1 : 0, readToEnd && mode === 'conversations' ? 1 : 0, id)
  }
}
