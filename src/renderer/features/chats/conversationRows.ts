// A loaded stretch of a conversation as the reviewer lays it out: a day separator before the first
// message of each day (in the viewer's time zone), then the messages. Plain functions, no DOM:
// unit-tested in test/unit/renderer/.
import type { ConversationMessage } from '../../../shared/contract'

export type ConversationRow =
  | { readonly kind: 'day'; readonly key: string; readonly day: string; readonly label: string }
  | { readonly kind: 'message'; readonly key: string; readonly message: ConversationMessage }

export const messageKey = (messageId: number): string => `m${messageId}`

const pad = (value: number): string => String(value).padStart(2, '0')

/** "2026-01-05": the day `iso` falls on here (not in UTC: a message at 23:30 local is that day's). */
export function localDay(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The instant local midnight of a "YYYY-MM-DD" day starts (what a date input gives). */
export function startOfLocalDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number)
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toISOString()
}

function dayLabel(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  })
}

/** `messages` oldest first, each day opened by its separator (also the first, partial, day). */
export function conversationRows(messages: readonly ConversationMessage[]): ConversationRow[] {
  const rows: ConversationRow[] = []
  let previousDay = ''
  for (const message of messages) {
    const day = localDay(message.createdAt)
    if (day !== previousDay) {
      rows.push({ kind: 'day', key: `d${day}`, day, label: dayLabel(message.createdAt) })
      previousDay = day
    }
    rows.push({ kind: 'message', key: messageKey(message.id), message })
  }
  return rows
}

/**
 * A row's height before it is measured: close guesses keep the scrollbar and the first layout
 * steady (a wrong one is corrected, without moving what is on screen, once the row is measured).
 * Numbers from chat.css: the bubble's chrome, a line of text, a row of 132 px thumbnails.
 */
export function estimateRowHeight(row: ConversationRow, width: number): number {
  if (row.kind === 'day') return 44
  const { message } = row
  const charsPerLine = Math.max(20, Math.floor((Math.min(560, width * 0.75) - 24) / 7.5))
  const lines = message.text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / charsPerLine)), 0)
  const mediaRows = message.media.length === 0 ? 0 : Math.ceil(message.media.length / 3)
  // A reply's quote is at most two lines of small text.
  const quote = message.replyTo === null ? 0 : 40
  return 50 + quote + (message.text === '' ? 0 : lines * 20) + mediaRows * 136
}
