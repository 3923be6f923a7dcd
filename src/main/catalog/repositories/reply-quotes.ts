// What the chat reviewer quotes above a reply: the first words of the message it answers, found by
// the provider's id within the same chat (the (chat_id, external_id) unique index), one lookup per
// page of messages, not one per reply.
import type { Db } from '../db'
import { placeholders } from './media-rows'

/** A quote is a glance, not the message: the reviewer jumps to the whole message on a click. */
export const quoteLength = 200

export interface ReplyQuote {
  readonly id: number
  readonly text: string
  readonly fromCreator: boolean
}

export class ReplyQuotesRepository {
  constructor(private readonly db: Db) {}

  /** The archived messages of the chat with these provider ids, by provider id. */
  quotes(chatId: number, externalIds: readonly string[]): ReadonlyMap<string, ReplyQuote> {
    const wanted = [...new Set(externalIds)]
    if (wanted.length === 0) return new Map()
    const rows = this.db
      .prepare<[number, ...string[]], { id: number; externalId: string; text: string; fromCreator: number }>(
        `SELECT id, external_id AS externalId, substr(text, 1, ${quoteLength}) AS text,
           from_creator AS fromCreator
         FROM messages WHERE chat_id = ? AND external_id IN (${placeholders(wanted)})`,
      )
      .all(chatId, ...wanted)
    return new Map(
      rows.map((row) => [row.externalId, { id: row.id, text: row.text, fromCreator: row.fromCreator === 1 }]),
    )
  }
}
