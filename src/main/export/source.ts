// Reads what to export from the catalog through its repositories: one ExportLink per (message,
// media) pair, and per media item the store file to copy (the original, else an archived preview).
import type { Catalog } from '../catalog/catalog'
import type { MediaLinkRow } from '../catalog/repositories/media-links'
import { splitExtension } from './safe-name'
import { exportChatOf, type ExportChat } from './transcript-plan'
import type { ExportLink, ExportSelection, SourceFile } from './types'

// SQLite's LIMIT takes a 64-bit integer; this one binds as a plain int and means "all of them".
const everything = 2_147_483_647

function galleryMediaIds(
  catalog: Catalog,
  selection: Extract<ExportSelection, { kind: 'gallery' }>,
): Set<number> {
  if (selection.mediaIds !== undefined) return new Set(selection.mediaIds)
  const page = catalog.gallery.search({ ...selection.filter, sort: 'oldest', offset: 0, limit: everything })
  return new Set(page.rows.map((row) => row.id))
}

function rowsFor(catalog: Catalog, selection: ExportSelection): Iterable<MediaLinkRow> {
  if (selection.kind === 'links') return catalog.mediaLinks.list(selection.filter)
  const ids = galleryMediaIds(catalog, selection)
  const chatId = selection.mediaIds === undefined ? selection.filter?.chatId : undefined
  const provider = selection.filter?.provider
  return (function* () {
    for (const row of catalog.mediaLinks.list(provider ? { provider } : {})) {
      // A chat filter narrows to that chat's copy; other filters pick items, and items go to every chat.
      if (ids.has(row.mediaRowId) && (chatId === undefined || row.chatRowId === chatId)) yield row
    }
  })()
}

/** The links to export, oldest first, so names stay put when newer messages arrive later. */
export function loadLinks(catalog: Catalog, selection: ExportSelection): ExportLink[] {
  const fanNames = new Map<number, string | null>()
  const fanNameOf = (chatRowId: number): string | null => {
    if (!fanNames.has(chatRowId)) fanNames.set(chatRowId, catalog.chats.getById(chatRowId)?.fanName ?? null)
    return fanNames.get(chatRowId) ?? null
  }
  const links: ExportLink[] = []
  let lastMessage = -1
  let index = 0
  for (const row of rowsFor(catalog, selection)) {
    index = row.messageRowId === lastMessage ? index + 1 : 1
    lastMessage = row.messageRowId
    const fan = row.fanUsername || row.chat
    links.push({
      provider: row.provider,
      account: row.account,
      chat: row.chat,
      fan,
      fanName: fanNameOf(row.chatRowId) || fan,
      messageId: row.messageId,
      mediaId: row.mediaId,
      type: row.type,
      createdAt: row.createdAt,
      text: row.text,
      price: row.price,
      status: row.status,
      file:
        row.relPath !== null && row.sha256 !== null && row.size !== null
          ? { relPath: row.relPath, sha256: row.sha256, size: row.size }
          : null,
      index,
      mediaRowId: row.mediaRowId,
      messageRowId: row.messageRowId,
      chatRowId: row.chatRowId,
    })
  }
  return links.sort(
    (a, b) =>
      (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
      a.messageRowId - b.messageRowId ||
      a.index - b.index,
  )
}

function extOf(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1)
  return splitExtension(name).ext
}

const previewOrder = ['preview', 'thumb', 'squarePreview'] as const

/** The file to export for an item: the original when downloaded, else the largest archived preview. */
export function sourceFileOf(catalog: Catalog, link: ExportLink): SourceFile | null {
  if (link.status === 'downloaded' && link.file)
    return { variant: 'full', ...link.file, ext: extOf(link.file.relPath) }
  const files = catalog.media.files(link.mediaRowId)
  for (const kind of previewOrder) {
    const preview = files.find((f) => f.kind === kind)
    if (preview) {
      const { relPath, sha256, size } = preview
      return { variant: 'preview', relPath, sha256, size, ext: extOf(relPath) }
    }
  }
  return null
}

/**
 * Chats whose conversations an export writes although it exports none of their items (text-only
 * chats, or chats whose items all sit elsewhere): every chat the chat-level filters (provider,
 * account, chat) name, as long as nothing narrows the export to some items (a type, a status, a
 * search, prices, dates, a gallery selection); then only the chats of the exported items count.
 */
export function conversationChats(catalog: Catalog, selection: ExportSelection): ExportChat[] {
  if (selection.kind === 'links') {
    const { type, status, search, ...chatLevel } = selection.filter
    if (type !== undefined || status !== undefined || search !== undefined) return []
    return catalog.chats.forExport(chatLevel).map(exportChatOf)
  }
  if (selection.mediaIds !== undefined) return []
  const { provider, accountId, chatId, ...itemLevel } = selection.filter ?? {}
  if (Object.values(itemLevel).some((value) => value !== undefined)) return []
  return catalog.chats
    .forExport({
      ...(provider !== undefined && { provider }),
      ...(accountId !== undefined && { accountId }),
      ...(chatId !== undefined && { chatRowId: chatId }),
    })
    .map(exportChatOf)
}
