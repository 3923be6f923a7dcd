// chatkeep messages: every archived message (design §8), oldest first within each chat. Streamed:
// the catalog is read row by row and written as it goes, so ten million messages never sit in
// memory at once; with --json the output is still exactly one JSON document (an array).
import { once } from 'node:events'
import { localTimestamp } from '../../../shared/local-time'
import { openCatalog } from '../../catalog/catalog'
import type { MessageListRow } from '../../catalog/repositories/message-list'
import type { CommandRun } from '../command'
import { parseScopeFilter } from './list-filter'

/** One message as `messages --json` prints it (design §8). */
export interface MessageItem {
  readonly provider: string
  readonly account: string
  readonly chat: string
  readonly messageId: string
  readonly createdAt: string
  readonly fromCreator: boolean
  readonly text: string
  readonly price: number | null
  readonly tip: number | null
  readonly mediaIds: readonly string[]
  readonly deletedUpstream: boolean
}

export function toMessageItem(row: MessageListRow): MessageItem {
  return {
    provider: row.provider,
    account: row.account,
    chat: row.chat,
    messageId: row.messageId,
    createdAt: row.createdAt,
    fromCreator: row.fromCreator,
    text: row.text,
    price: row.price,
    tip: row.tip,
    mediaIds: row.mediaIds,
    deletedUpstream: row.deletedUpstreamAt !== null,
  }
}

const money = (value: number): string => `$${value.toFixed(2)}`

/**
 * Text a terminal shows as text: line breaks and tabs become spaces (one line per message), and
 * other control characters (an ESC would start a terminal escape sequence) and bidirectional
 * overrides (which can make "gnp.exe" read as "exe.png") become U+FFFD. `--json` keeps the text exact.
 */
function printable(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '\ufffd')
      .trim()
  )
}

/** "2025-01-01 11:00:00 +01:00  fan      hi there  [tip $5.00] [2 media]": one line per message. */
export function messageLine(row: MessageListRow): string {
  const marks = [
    row.tip !== null && row.tip > 0 ? `[tip ${money(row.tip)}]` : null,
    row.price !== null && row.price > 0
      ? `[${money(row.price)}${row.paid === true ? ' paid' : row.paid === false ? ' not bought' : ''}]`
      : null,
    row.mediaIds.length > 0 ? `[${row.mediaIds.length} media]` : null,
    row.isMass ? '[mass message]' : null,
    row.replyToId !== null ? `[reply to ${row.replyToId}]` : null,
    row.deletedUpstreamAt !== null ? `[deleted upstream ${localTimestamp(row.deletedUpstreamAt)}]` : null,
  ].filter((mark): mark is string => mark !== null)
  const text = printable(row.text)
  const side = row.fromCreator ? 'creator' : 'fan    '
  return [localTimestamp(row.createdAt), side, [text, ...marks].filter(Boolean).join('  ')].join('  ')
}

function chatHeader(row: MessageListRow): string {
  return printable(`== ${row.provider} ${row.account} · ${row.chatLabel} (chat ${row.chat})`)
}

/** The reader went away (`chatkeep messages | head`): stop writing, nothing is wrong. */
class ReaderGone extends Error {}

/**
 * Writes to stdout and waits when the pipe is full, so a slow reader never makes the output pile
 * up in memory; a reader that closed the pipe ends the listing quietly.
 */
function writer(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  let failed: Error | null = null
  stream.on('error', (error: Error) => (failed = error))
  return async (text) => {
    if (failed) throw new ReaderGone(failed.message)
    if (stream.write(text)) return
    try {
      await Promise.race([once(stream, 'drain'), once(stream, 'close')])
    } catch (error) {
      throw new ReaderGone(String(error))
    }
  }
}

export const run: CommandRun = async (context, values) => {
  const catalog = openCatalog(context.dataDir)
  const write = writer(context.stdout)
  try {
    const rows = catalog.messageList.list(parseScopeFilter(values))
    let count = 0
    if (context.output.json) {
      await write('[')
      for (const row of rows) {
        await write(`${count === 0 ? '\n' : ',\n'}  ${JSON.stringify(toMessageItem(row))}`)
        count++
      }
      await write(count === 0 ? ']\n' : '\n]\n')
      return 0
    }
    let chatKey = ''
    for (const row of rows) {
      const key = `${row.provider}\u0000${row.account}\u0000${row.chat}`
      if (key !== chatKey) await write(`${chatHeader(row)}\n`)
      chatKey = key
      await write(`${messageLine(row)}\n`)
      count++
    }
    if (count === 0) await write('No messages match. Run "chatkeep sync" first, or loosen the filters.\n')
    return 0
  } catch (error) {
    if (error instanceof ReaderGone) return 0
    throw error
  } finally {
    catalog.close()
  }
}
