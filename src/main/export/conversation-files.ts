// A chat's conversation as plain files beside its HTML transcript: conversation.txt for reading
// anywhere (one block per message, times in the exporting computer's time zone with their offset)
// and conversation.json for programs (every field, times in UTC). Both hold every message, text-only
// ones too, and name each media item's exported file when it has one. Rendered as a stream of
// chunks, so a long chat is never built in memory as one string.
import { localTimestamp } from '../../shared/local-time'
import { messageMarks, timeZoneNote, type TranscriptChat, type TranscriptMessage } from './transcript-html'

function mediaLine(item: TranscriptMessage['media'][number]): string {
  const where =
    item.path ?? (item.outsideExport ? 'not in this export' : `${item.status.replace('_', ' ')}, no file`)
  return `${item.type} ${item.mediaId}: ${where}`
}

/** conversation.txt: a heading, then one block per message; continuation lines are indented. */
export function* conversationText(
  chat: TranscriptChat,
  messages: Iterable<TranscriptMessage>,
  exportedAt: string,
): Generator<string> {
  yield `Conversation with ${chat.fanName} (@${chat.fan})\n`
  yield `${chat.provider} account ${chat.account} · chat ${chat.chat} · exported ${localTimestamp(exportedAt)}\n`
  yield `${timeZoneNote}\n\n`
  for (const message of messages) {
    const who = message.fromCreator ? `${chat.account} (creator)` : `${chat.fanName} (fan)`
    const lines = message.text === '' ? [] : message.text.split(/\r\n|\r|\n/)
    const extras = [
      ...messageMarks(message).map((mark) => `[${mark.text}]`),
      ...(message.replyToId ? [`[reply to message ${message.replyToId}]`] : []),
      ...message.media.map((item) => `[${mediaLine(item)}]`),
    ]
    const head = `[${localTimestamp(message.createdAt)}] ${who}:${lines.length > 0 ? ` ${lines[0]}` : ''}`
    yield [head, ...lines.slice(1).map((line) => `    ${line}`), ...extras.map((e) => `    ${e}`)].join('\n')
    yield '\n'
  }
}

/** conversation.json: `{format, version, exportedAt, ...chat, messages: [...]}`, one message per line. */
export function* conversationJson(
  chat: TranscriptChat,
  messages: Iterable<TranscriptMessage>,
  exportedAt: string,
): Generator<string> {
  const head = { format: 'chatkeep-conversation', version: 1, exportedAt, ...chat }
  yield `${JSON.stringify(head).slice(0, -1)},"messages":[\n`
  let first = true
  for (const message of messages) {
    const entry = {
      messageId: message.messageId,
      createdAt: message.createdAt,
      localTime: localTimestamp(message.createdAt),
      fromCreator: message.fromCreator,
      text: message.text,
      price: message.price,
      paid: message.paid ?? null,
      tip: message.tip ?? null,
      replyTo: message.replyToId ?? null,
      massMessage: message.isMass ?? false,
      deletedUpstreamAt: message.deletedUpstreamAt ?? null,
      media: message.media.map((item) => ({
        mediaId: item.mediaId,
        type: item.type,
        status: item.status,
        path: item.path ?? null,
        variant: item.variant,
      })),
    }
    yield `${first ? '' : ',\n'}${JSON.stringify(entry)}`
    first = false
  }
  yield '\n]}\n'
}
