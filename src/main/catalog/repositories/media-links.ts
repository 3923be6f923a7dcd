// Media items as links to the messages that carried them, for `chatkeep list` and the export: a
// media item sent in two chats is listed once per message, with its archived file.
import type { MediaStatus, MediaType } from '../../../shared/vocabulary'
import type { ProviderId } from '../../../shared/providers'
import type { Db } from '../db'
import { mediaMatchFor } from './media-fts-query'
import { parseSearch } from '../../../shared/search-syntax'
import type { Param } from './gallery-where'

/** What `list` and `export` filter on; every term must hold. */
export interface MediaLinkFilter {
  readonly provider?: ProviderId
  readonly account?: string
  readonly chat?: string
  readonly type?: MediaType
  readonly status?: MediaStatus
  readonly search?: string
}

/** One media item as sent in one message, with its archived file when it has one. */
export interface MediaLinkRow {
  readonly provider: ProviderId
  readonly account: string
  readonly chat: string
  readonly messageId: string
  readonly mediaId: string
  readonly type: MediaType
  readonly createdAt: string
  readonly text: string
  readonly price: number | null
  readonly status: MediaStatus
  readonly relPath: string | null
  readonly sha256: string | null
  readonly size: number | null
  readonly chatLabel: string
  readonly fanUsername: string | null
  readonly mediaRowId: number
  readonly messageRowId: number
  readonly chatRowId: number
}

/** What a link says of itself wherever it is shown (list, export), in this order. */
export type MediaLinkFields = Pick<
  MediaLinkRow,
  | 'provider'
  | 'account'
  | 'chat'
  | 'messageId'
  | 'mediaId'
  | 'type'
  | 'createdAt'
  | 'text'
  | 'price'
  | 'status'
>

export function linkFields(row: MediaLinkRow): MediaLinkFields {
  const { provider, account, chat, messageId, mediaId, type, createdAt, text, price, status } = row
  return { provider, account, chat, messageId, mediaId, type, createdAt, text, price, status }
}

export class MediaLinksRepository {
  constructor(private readonly db: Db) {}

  /** One row per (message, media) link: a media item sent in two chats is listed in both. */
  list(filter: MediaLinkFilter): IterableIterator<MediaLinkRow> {
    const clauses: string[] = []
    const params: Param[] = []
    const equal: ReadonlyArray<readonly [string, Param | undefined]> = [
      ['a.provider', filter.provider],
      ['a.external_id', filter.account],
      ['c.external_id', filter.chat],
      ['m.type', filter.type],
      ['m.status', filter.status],
    ]
    for (const [column, value] of equal) {
      if (value === undefined) continue
      clauses.push(`${column} = ?`)
      params.push(value)
    }
    // The gallery's item search (media_fts): every link of an item the search finds, so `list
    // --search` lists the items the gallery and the export show.
    const match = filter.search === undefined ? null : mediaMatchFor(parseSearch(filter.search))
    if (match !== null) {
      clauses.push(match.condition.sql)
      params.push(...match.condition.params)
    }
    const whereSql = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    return this.db
      .prepare<Param[], MediaLinkRow>(
        `SELECT a.provider, a.external_id AS account, c.external_id AS chat, msg.external_id AS messageId,
           m.provider_media_id AS mediaId, m.type, msg.created_at AS createdAt, msg.text, msg.price, m.status,
           f.rel_path AS relPath, f.sha256, f.size,
           coalesce(c.fan_name, c.fan_username, c.external_id) AS chatLabel, c.fan_username AS fanUsername,
           m.id AS mediaRowId, msg.id AS messageRowId, c.id AS chatRowId
         FROM message_media mm
         JOIN messages msg ON msg.id = mm.message_id
         JOIN chats c ON c.id = msg.chat_id
         JOIN media m ON m.id = mm.media_id
         JOIN accounts a ON a.id = m.account_id
         LEFT JOIN media_files mf ON mf.media_id = m.id AND mf.kind = 'full'
         LEFT JOIN files f ON f.id = mf.file_id
         ${whereSql}
         ORDER BY msg.created_at DESC, msg.id DESC, mm.position`,
      )
      .iterate(...params)
  }
}
