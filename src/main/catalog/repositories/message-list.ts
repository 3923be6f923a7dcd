// Every archived message as `chatkeep messages` lists it (design §8): filtered by provider,
// account, chat and a typed search, oldest first within each chat, with the provider ids of the
// media each one carried. Streamed row by row, so listing ten million messages holds one in memory.
import type { ProviderId } from '../../../shared/providers'
import type { Db } from '../db'
import { messageMatch } from './fts-query'
import type { Param } from './gallery-where'

export interface MessageListFilter {
  readonly provider?: ProviderId
  readonly account?: string
  readonly chat?: string
  readonly search?: string
}

export interface MessageListRow {
  readonly provider: ProviderId
  readonly account: string
  readonly chat: string
  /** The fan's name, else username, else the chat id: for text output. */
  readonly chatLabel: string
  readonly messageId: string
  readonly createdAt: string
  readonly fromCreator: boolean
  readonly text: string
  readonly price: number | null
  readonly paid: boolean | null
  readonly tip: number | null
  readonly replyToId: string | null
  readonly isMass: boolean | null
  /** Provider media ids in the order the message carried them. */
  readonly mediaIds: readonly string[]
  readonly deletedUpstreamAt: string | null
}

interface RawRow extends Omit<MessageListRow, 'fromCreator' | 'paid' | 'isMass' | 'mediaIds'> {
  readonly fromCreator: number
  readonly paid: number | null
  readonly isMass: number | null
  readonly mediaIds: string
}

const flag = (value: number | null): boolean | null => (value === null ? null : value === 1)

/**
 * The listing's SQL for a filter. Accounts by row id, their chats by (account_id, external_id)
 * (the chats' unique index) and each chat's messages by messages_chat_created give the order
 * without a sort; a search drives by the full-text index instead and sorts its hits.
 */
export function messageListSql(filter: MessageListFilter): { sql: string; params: Param[] } {
  const clauses: string[] = []
  const params: Param[] = []
  // Accounts are few: the unary + keeps SQLite walking them by row id (the order asked for)
  // rather than by their (provider, external_id) index, which would sort every message after.
  const equal: ReadonlyArray<readonly [string, Param | undefined]> = [
    ['+a.provider', filter.provider],
    ['+a.external_id', filter.account],
    ['c.external_id', filter.chat],
  ]
  for (const [column, value] of equal) {
    if (value === undefined) continue
    clauses.push(`${column} = ?`)
    params.push(value)
  }
  const match = filter.search === undefined ? null : messageMatch(filter.search)
  if (match !== null) {
    clauses.push(`m.id IN (${match.sql})`)
    params.push(...match.params)
  }
  // Only messages that carried media look their media up (a text-only one lists []).
  const sql = `SELECT a.provider, a.external_id AS account, c.external_id AS chat,
      coalesce(c.fan_name, c.fan_username, c.external_id) AS chatLabel, m.external_id AS messageId,
      m.created_at AS createdAt, m.from_creator AS fromCreator, m.text, m.price, m.paid, m.tip,
      m.reply_to_id AS replyToId, m.is_mass AS isMass, m.deleted_upstream_at AS deletedUpstreamAt,
      CASE WHEN m.has_media = 0 THEN '[]' ELSE (
        SELECT json_group_array(md.provider_media_id ORDER BY mm.position, mm.media_id)
        FROM message_media mm JOIN media md ON md.id = mm.media_id WHERE mm.message_id = m.id
      ) END AS mediaIds
    FROM accounts a JOIN chats c ON c.account_id = a.id JOIN messages m ON m.chat_id = c.id
    ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
    ORDER BY a.id, c.external_id, m.created_at, m.id`
  return { sql, params }
}

export class MessageListRepository {
  constructor(private readonly db: Db) {}

  *list(filter: MessageListFilter): Generator<MessageListRow> {
    const { sql, params } = messageListSql(filter)
    for (const raw of this.db.prepare<Param[], RawRow>(sql).iterate(...params)) {
      yield {
        ...raw,
        fromCreator: raw.fromCreator === 1,
        paid: flag(raw.paid),
        isMass: flag(raw.isMass),
        mediaIds: JSON.parse(raw.mediaIds) as string[],
      }
    }
  }
}
