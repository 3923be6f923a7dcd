// Which chats an export writes conversations for, where each chat's three files go, and what they
// show. The files sit in the chat's folder (the leading template folders made of chat-level
// variables only) as transcript.html, conversation.txt and conversation.json; when the template has
// no such folder, or several chats share it, they are named after the chat instead. Messages are
// read a page at a time, oldest first, so a 100,000-message chat never sits in memory at once.
import type { MediaRow } from '../../shared/contract'
import type { ProviderId } from '../../shared/providers'
import type { Catalog } from '../catalog/catalog'
import type { ExportChatRow } from '../catalog/repositories/chats'
import type { TimelineCursor } from '../catalog/repositories/conversation'
import { relativeUrl } from './html'
import type { PathNamer } from './namer'
import type { ExportPlan, PlannedEntry } from './plan'
import { chatFolderDepth, renderTemplate, type Template } from './template'
import type { TranscriptChat, TranscriptMessage } from './transcript-html'

/** One chat of the export: its names, for folders and headings. */
export interface ExportChat {
  readonly chatRowId: number
  readonly provider: ProviderId
  readonly account: string
  readonly chat: string
  /** The fan's username, else the chat id. */
  readonly fan: string
  /** The fan's display name, else `fan`. */
  readonly fanName: string
}

export interface TranscriptTarget {
  readonly chatRowId: number
  /** transcript.html, conversation.txt and conversation.json (relative, "/"-separated). */
  readonly path: string
  readonly textPath: string
  readonly jsonPath: string
  readonly chat: TranscriptChat
}

const batch = 500

/** `toPath` seen from the folder `fromDir` (both relative to the export root), as plain text. */
function relativePath(fromDir: string, toPath: string): string {
  const from = fromDir === '' ? [] : fromDir.split('/')
  const to = toPath.split('/')
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/')
}

export function exportChatOf(row: ExportChatRow): ExportChat {
  const fan = row.fanUsername || row.chat
  return {
    chatRowId: row.chatRowId,
    provider: row.provider,
    account: row.account,
    chat: row.chat,
    fan,
    fanName: row.fanName || fan,
  }
}

/**
 * The chats of an export: every chat an exported item was sent in, in the order the plan met them,
 * then `more` (chats the filter names that carry no exported item, text-only ones included).
 */
export function exportChats(plan: ExportPlan, more: readonly ExportChat[]): ExportChat[] {
  const chats = new Map<number, ExportChat>()
  for (const { link } of plan.entries) {
    if (chats.has(link.chatRowId)) continue
    chats.set(link.chatRowId, {
      chatRowId: link.chatRowId,
      provider: link.provider,
      account: link.account,
      chat: link.chat,
      fan: link.fan,
      fanName: link.fanName,
    })
  }
  for (const chat of more) if (!chats.has(chat.chatRowId)) chats.set(chat.chatRowId, chat)
  return [...chats.values()]
}

/** The paths of each chat's files, claimed from the same namer as the media files. */
export function transcriptTargets(
  chats: readonly ExportChat[],
  template: Template,
  namer: PathNamer,
): TranscriptTarget[] {
  const depth = chatFolderDepth(template)
  const folders = new Map<number, readonly string[]>()
  const chatsPerFolder = new Map<string, number>()
  const keyOf = (dirs: readonly string[]): string => dirs.join('/').normalize('NFC').toLowerCase()
  for (const chat of chats) {
    // Only chat-level variables reach the first `depth` folders; the rest is filler.
    const values = {
      ...chat,
      createdAt: '',
      messageId: '',
      mediaId: '',
      type: '',
      index: 1,
      ext: '',
      sha256: null,
    }
    const dirs = renderTemplate(template, values).dirs.slice(0, depth)
    folders.set(chat.chatRowId, dirs)
    chatsPerFolder.set(keyOf(dirs), (chatsPerFolder.get(keyOf(dirs)) ?? 0) + 1)
  }
  return chats.map((chat) => {
    const dirs = folders.get(chat.chatRowId) ?? []
    const own = dirs.length > 0 && chatsPerFolder.get(keyOf(dirs)) === 1
    const named = (base: string): string =>
      own ? base : `${base} - ${chat.provider} ${chat.account} ${chat.fan}`
    const claim = (base: string, ext: string, key: string): string =>
      namer.claim({ dirs, base: named(base), ext }, `${key}:${chat.chatRowId}`).path
    return {
      chatRowId: chat.chatRowId,
      path: claim('transcript', 'html', 'transcript'),
      textPath: claim('conversation', 'txt', 'conversation-txt'),
      jsonPath: claim('conversation', 'json', 'conversation-json'),
      chat: {
        provider: chat.provider,
        account: chat.account,
        chat: chat.chat,
        fan: chat.fan,
        fanName: chat.fanName,
      },
    }
  })
}

/**
 * The chat's messages oldest first, each with its media linked to this chat's exported copies
 * where there are any (relative to `fromDir`, the folder of the file being written).
 */
export function* transcriptMessages(
  catalog: Catalog,
  plan: ExportPlan,
  target: TranscriptTarget,
  failed: ReadonlySet<string> = new Set(),
): Generator<TranscriptMessage> {
  const exported = plan.entriesByChat.get(target.chatRowId) ?? new Map<number, PlannedEntry>()
  const dir = target.path.includes('/') ? target.path.slice(0, target.path.lastIndexOf('/')) : ''
  let cursor: TimelineCursor = { createdAt: '', id: 0 }
  for (;;) {
    const page = catalog.conversation.newer(target.chatRowId, cursor, batch)
    const media = catalog.timelineMedia.forMessages(page.messages.map((m) => m.id))
    for (const message of page.messages) {
      yield {
        messageId: message.externalId,
        createdAt: message.createdAt,
        fromCreator: message.fromCreator,
        price: message.price,
        paid: message.paid,
        tip: message.tip,
        replyToId: message.replyToId,
        isMass: message.isMass === true,
        deletedUpstreamAt: message.deletedUpstreamAt,
        text: message.text,
        media: (media.get(message.id) ?? []).map((row: MediaRow) => {
          const planned = exported.get(row.id)?.file ?? null
          // A file that failed to copy is not linked: the page shows its status instead of a broken image.
          const file = planned && !failed.has(planned.path) ? planned : null
          return {
            mediaId:
              exported.get(row.id)?.link.mediaId ?? catalog.media.getById(row.id)?.providerMediaId ?? '?',
            type: row.type,
            status: row.status,
            href: file ? relativeUrl(dir, file.path) : null,
            path: file ? relativePath(dir, file.path) : null,
            variant: file ? file.source.variant : null,
            outsideExport: !exported.has(row.id),
          }
        }),
      }
    }
    const last = page.messages.at(-1)
    if (!page.hasNewer || !last) return
    cursor = { createdAt: last.createdAt, id: last.id }
  }
}
