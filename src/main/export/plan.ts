// Decides every path of an export before a byte moves. A media item gets one file per chat folder
// it was sent in (each chat folder is complete on its own); when the template has no chat folder,
// the copies render to one path and collapse into a single file. Different items that render to
// one name are told apart with " (2)", " (3)" in a fixed order.
import { PathNamer } from './namer'
import { renderTemplate, type Template, type TemplateValues } from './template'
import type { ExportLink, SourceFile } from './types'

export interface PlannedFile {
  /** Relative path with "/" separators. */
  readonly path: string
  readonly source: SourceFile
  /** The first link the file was named from. */
  readonly link: ExportLink
}

export interface PlannedEntry {
  /** The item in one chat: the link it was named from, and the file (null without any archived file). */
  readonly link: ExportLink
  readonly file: PlannedFile | null
}

export interface ExportPlan {
  readonly files: readonly PlannedFile[]
  /** One per (chat, media item), oldest first; sidecars and transcripts read these. */
  readonly entries: readonly PlannedEntry[]
  /** Every link of each media item in the export, oldest first. */
  readonly linksByMedia: ReadonlyMap<number, readonly ExportLink[]>
  /** Per chat, its entries by media item, for the transcripts. */
  readonly entriesByChat: ReadonlyMap<number, ReadonlyMap<number, PlannedEntry>>
  readonly namer: PathNamer
}

export function valuesOf(link: ExportLink, source: SourceFile | null): TemplateValues {
  return {
    provider: link.provider,
    account: link.account,
    chat: link.chat,
    fan: link.fan,
    fanName: link.fanName,
    createdAt: link.createdAt,
    messageId: link.messageId,
    mediaId: link.mediaId,
    type: link.type,
    index: link.index,
    ext: source?.ext ?? '',
    sha256: source?.sha256 ?? null,
  }
}

export function planExport(
  links: readonly ExportLink[],
  template: Template,
  sourceOf: (link: ExportLink) => SourceFile | null,
  reserved: readonly string[],
  maxPathUnits?: number,
): ExportPlan {
  const namer = new PathNamer(reserved, maxPathUnits)
  const files: PlannedFile[] = []
  const byPath = new Map<string, PlannedFile>()
  const entries: PlannedEntry[] = []
  const seen = new Set<string>()
  const linksByMedia = new Map<number, ExportLink[]>()
  for (const link of links) {
    const list = linksByMedia.get(link.mediaRowId) ?? []
    list.push(link)
    linksByMedia.set(link.mediaRowId, list)
    // The oldest message of the item in this chat names its file; later re-sends share it.
    const key = `${link.chatRowId}:${link.mediaRowId}`
    if (seen.has(key)) continue
    seen.add(key)
    const source = sourceOf(link)
    if (!source) {
      entries.push({ link, file: null })
      continue
    }
    const rendered = renderTemplate(
      template,
      valuesOf(link, source),
      source.variant === 'preview' ? '_preview' : '',
    )
    const claim = namer.claim(rendered, `${link.mediaRowId}:${source.variant}`)
    let file = byPath.get(claim.path)
    if (!file) {
      file = { path: claim.path, source, link }
      byPath.set(claim.path, file)
      files.push(file)
    }
    entries.push({ link, file })
  }
  const entriesByChat = new Map<number, Map<number, PlannedEntry>>()
  for (const entry of entries) {
    const chat = entriesByChat.get(entry.link.chatRowId) ?? new Map<number, PlannedEntry>()
    chat.set(entry.link.mediaRowId, entry)
    entriesByChat.set(entry.link.chatRowId, chat)
  }
  return { files, entries, linksByMedia, entriesByChat, namer }
}
