// The chat reviewer's read model: one chat's messages in pages around a point (its newest message,
// a date, one message), paged older or newer from a message, and the messages of the chat that
// match a search. Every page is a walk of messages_chat_created (chat_id, created_at, then the row
// id SQLite keeps in every index) from the point asked for, so opening a 100,000-message chat reads
// one page, never the chat (query-plan tests check it). Pages come oldest first, as they are shown.
import type { Db } from '../db'
import { searchChat } from './chat-search'
import { messageColumns, toMessageRow, type MessageRow, type RawMessageRow } from './messages'

/** A position in a chat: a message's time and row id (ties on time are ordered by id). */
export interface TimelineCursor {
  readonly createdAt: string
  readonly id: number
}

export interface TimelinePage {
  /** Oldest first. */
  readonly messages: readonly MessageRow[]
  readonly hasOlder: boolean
  readonly hasNewer: boolean
}

export interface ChatSearchHit {
  readonly id: number
  readonly createdAt: string
}

export interface ChatSearchResult {
  /** The newest `limit` hits (all when fewer) older than the cursor asked for, oldest first. */
  readonly hits: readonly ChatSearchHit[]
  /** Every such hit; with totalIsLowerBound, `limit`: more exist (chat-search.ts). */
  readonly total: number
  /** A typed word's rarest completions were not searched (fts-terms.ts). */
  readonly capped: boolean
  readonly totalIsLowerBound?: boolean
  /** With totalIsLowerBound: the cursor (`before`) of the next older page. */
  readonly olderFrom?: number
}

const columns = messageColumns('m')

/** The SQL of each page walk, exported for the query-plan tests. */
export const conversationSql = {
  newest: `SELECT ${columns} FROM messages m WHERE m.chat_id = ?
    ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
  older: `SELECT ${columns} FROM messages m WHERE m.chat_id = ? AND (m.created_at, m.id) < (?, ?)
    ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
  newer: `SELECT ${columns} FROM messages m WHERE m.chat_id = ? AND (m.created_at, m.id) > (?, ?)
    ORDER BY m.created_at, m.id LIMIT ?`,
  beforeDate: `SELECT ${columns} FROM messages m WHERE m.chat_id = ? AND m.created_at < ?
    ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
  fromDate: `SELECT ${columns} FROM messages m WHERE m.chat_id = ? AND m.created_at >= ?
    ORDER BY m.created_at, m.id LIMIT ?`,
  cursorOf: `SELECT created_at AS createdAt, id FROM messages WHERE id = ? AND chat_id = ?`,
} as const

export class ConversationRepository {
  private readonly newestStmt
  private readonly olderStmt
  private readonly newerStmt
  private readonly beforeDateStmt
  private readonly fromDateStmt
  private readonly cursorStmt

  constructor(private readonly db: Db) {
    this.newestStmt = db.prepare<[number, number], RawMessageRow>(conversationSql.newest)
    this.olderStmt = db.prepare<[number, string, number, number], RawMessageRow>(conversationSql.older)
    this.newerStmt = db.prepare<[number, string, number, number], RawMessageRow>(conversationSql.newer)
    this.beforeDateStmt = db.prepare<[number, string, number], RawMessageRow>(conversationSql.beforeDate)
    this.fromDateStmt = db.prepare<[number, string, number], RawMessageRow>(conversationSql.fromDate)
    this.cursorStmt = db.prepare<[number, number], TimelineCursor>(conversationSql.cursorOf)
  }

  /** The chat's newest `limit` messages. */
  newest(chatId: number, limit: number): TimelinePage {
    const rows = this.newestStmt.all(chatId, limit + 1)
    return { messages: backwards(rows, limit), hasOlder: rows.length > limit, hasNewer: false }
  }

  /** The `limit` messages just before `cursor`. */
  older(chatId: number, cursor: TimelineCursor, limit: number): TimelinePage {
    const rows = this.olderStmt.all(chatId, cursor.createdAt, cursor.id, limit + 1)
    return { messages: backwards(rows, limit), hasOlder: rows.length > limit, hasNewer: true }
  }

  /** The `limit` messages just after `cursor`. */
  newer(chatId: number, cursor: TimelineCursor, limit: number): TimelinePage {
    const rows = this.newerStmt.all(chatId, cursor.createdAt, cursor.id, limit + 1)
    return { messages: forwards(rows, limit), hasOlder: true, hasNewer: rows.length > limit }
  }

  /** A page centred on a date (ISO 8601): half before it, the rest from it on. */
  atDate(chatId: number, at: string, limit: number): TimelinePage {
    const half = Math.floor(limit / 2)
    const before = this.beforeDateStmt.all(chatId, at, half + 1)
    const after = this.fromDateStmt.all(chatId, at, limit - half + 1)
    return {
      messages: [...backwards(before, half), ...forwards(after, limit - half)],
      hasOlder: before.length > half,
      hasNewer: after.length > limit - half,
    }
  }

  /** A page centred on one message (a catalog row id), which it holds; undefined when not in the chat. */
  around(chatId: number, messageId: number, limit: number): TimelinePage | undefined {
    const cursor = this.cursorStmt.get(messageId, chatId)
    if (!cursor) return undefined
    const half = Math.floor(limit / 2)
    const before = this.olderStmt.all(chatId, cursor.createdAt, cursor.id, half + 1)
    // From the message itself: the walk starts just before it.
    const after = this.newerStmt.all(chatId, cursor.createdAt, cursor.id - 1, limit - half + 1)
    return {
      messages: [...backwards(before, half), ...forwards(after, limit - half)],
      hasOlder: before.length > half,
      hasNewer: after.length > limit - half,
    }
  }

  /** Where a message sits, for paging from it. */
  cursorOf(chatId: number, messageId: number): TimelineCursor | undefined {
    return this.cursorStmt.get(messageId, chatId)
  }

  /**
   * The chat's messages matching a typed search (src/shared/search-syntax.ts), oldest first
   * (chat-search.ts): the index's hits within the chat's scope token, a page at a time from the
   * newest; `before` is the `olderFrom` of the page before.
   */
  search(chatId: number, text: string, limit = 10_000, before?: number): ChatSearchResult {
    return searchChat(this.db, chatId, text, limit, before)
  }
}

/** Rows read newest first, the extra one dropped, turned oldest first. */
function backwards(rows: readonly RawMessageRow[], limit: number): MessageRow[] {
  return rows.slice(0, limit).reverse().map(toMessageRow)
}

function forwards(rows: readonly RawMessageRow[], limit: number): MessageRow[] {
  return rows.slice(0, limit).map(toMessageRow)
}
