// Where each chat's transcript goes and what it shows. The transcript sits in the chat's folder
// (the leading template folders made of chat-level variables only) as transcript.html; when the
// template has no such folder, or several chats share it, it is named after the chat instead.
import type { MediaRow } from '../../shared/contract'
import type { Catalog } from '../catalog/catalog'
import type { MessageRow } from '../catalog/repositories/messages'
import { relativeUrl } from './html'
import type { PathNamer } from './namer'
import type { ExportPlan, PlannedEntry } from './plan'
import { valuesOf } from './plan'
import { chatFolderDepth, renderTemplate, type Template } from './template'
import type { TranscriptChat, TranscriptMessage } from './transcript-html'
import type { ExportLink } from './types'

export interface TranscriptTarget {
  readonly chatRowId: number
  readonly path: string
  readonly chat: TranscriptChat
}

const batch = 500

/** One transcript path per chat in the plan, claimed from the same namer as the files. */
export function transcriptTargets(
  plan: ExportPlan,
  template: Template,
  namer: PathNamer,
): TranscriptTarget[] {
  const depth = chatFolderDepth(template)
  const firstLink = new Map<number, ExportLink>()
  for (const entry of plan.entries)
    if (!firstLink.has(entry.link.chatRowId)) firstLink.set(entry.link.chatRowId, entry.link)
  const folders = new Map<number, readonly string[]>()
  const chatsPerFolder = new Map<string, number>()
  for (const [chatRowId, link] of firstLink) {
    const dirs = renderTemplate(template, valuesOf(link, null)).dirs.slice(0, depth)
    folders.set(chatRowId, dirs)
    const key = dirs.join('/').normalize('NFC').toLowerCase()
    chatsPerFolder.set(key, (chatsPerFolder.get(key) ?? 0) + 1)
  }
  const targets: TranscriptTarget[] = []
  for (const [chatRowId, link] of firstLink) {
    const dirs = folders.get(chatRowId) ?? []
    const own = dirs.length > 0 && chatsPerFolder.get(dirs.join('/').normalize('NFC').toLowerCase()) === 1
    const base = own ? 'transcript' : `transcript - ${link.provider} ${link.account} ${link.fan}`
    const claim = namer.claim({ dirs, base, ext: 'html' }, `transcript:${chatRowId}`)
    targets.push({
      chatRowId,
      path: claim.path,
      chat: {
        provider: link.provider,
        account: link.account,
        chat: link.chat,
        fan: link.fan,
        fanName: link.fanName,
      },
    })
  }
  return targets
}

/** The chat's messages oldest first, media linked to this chat's exported copies where there are any. */
export function* transcriptMessages(
  catalog: Catalog,
  plan: ExportPlan,
  target: TranscriptTarget,
  failed: ReadonlySet<string> = new Set(),
): Generator<TranscriptMessage> {
  const exported = plan.entriesByChat.get(target.chatRowId) ?? new Map<number, PlannedEntry>()
  const dir = target.path.includes('/') ? target.path.slice(0, target.path.lastIndexOf('/')) : ''
  // The timeline is newest first; one query with no limit keeps messages that share a timestamp together.
  const messages = [...catalog.messages.timeline(target.chatRowId, 2_147_483_647)].reverse()
  for (let i = 0; i < messages.length; i += batch) {
    const page: readonly MessageRow[] = messages.slice(i, i + batch)
    const media = catalog.timelineMedia.forMessages(page.map((m) => m.id))
    for (const message of page) {
      yield {
        messageId: message.externalId,
        createdAt: message.createdAt,
        fromCreator: message.fromCreator,
        price: message.price,
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
            variant: file ? file.source.variant : null,
            outsideExport: !exported.has(row.id),
          }
        }),
      }
    }
  }
}
