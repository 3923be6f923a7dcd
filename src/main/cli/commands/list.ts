// chatkeep list: one line (or JSON object) per archived media item and message it was sent in.
import { openCatalog } from '../../catalog/catalog'
import { linkFields, type MediaLinkRow } from '../../catalog/repositories/media-links'
import { filesRootOf, pathUnder } from '../../store/layout'
import type { CommandRun } from '../command'
import { parseListFilter } from './list-filter'

export interface ListItem {
  readonly provider: string
  readonly account: string
  readonly chat: string
  readonly messageId: string
  readonly mediaId: string
  readonly type: string
  readonly createdAt: string
  readonly text: string
  readonly price: number | null
  readonly status: string
  readonly path: string | null
  readonly sha256: string | null
  readonly size: number | null
}

export function toListItem(dataDir: string, row: MediaLinkRow): ListItem {
  // A catalog path that is not a store path (a damaged row) lists as not downloaded.
  const path =
    row.status === 'downloaded' && row.relPath !== null ? pathUnder(filesRootOf(dataDir), row.relPath) : null
  const downloaded = path !== null
  return {
    ...linkFields(row),
    path,
    sha256: downloaded ? row.sha256 : null,
    size: downloaded ? row.size : null,
  }
}

function oneLine(item: ListItem): string {
  const text = item.text.replace(/\s+/g, ' ').slice(0, 60)
  return [
    item.createdAt.slice(0, 10),
    item.provider,
    item.chat,
    item.type,
    item.status,
    item.path ?? '-',
    text,
  ].join('\t')
}

export const run: CommandRun = async (context, values) => {
  const filter = parseListFilter(values)
  const catalog = openCatalog(context.dataDir)
  try {
    const items = [...catalog.mediaLinks.list(filter)].map((row) => toListItem(context.dataDir, row))
    context.output.result(items, () =>
      items.length === 0
        ? 'No media matches. Run "chatkeep sync" first, or loosen the filters.'
        : items.map(oneLine).join('\n'),
    )
    return 0
  } finally {
    catalog.close()
  }
}
