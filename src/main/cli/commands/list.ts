import { mediaStatuses, providerIds } from '../../../shared/domain'
import { openCatalog } from '../../catalog/catalog'
import type { CliListFilter, CliListRow } from '../../catalog/repositories/media-query'
import { filesRootOf, pathUnder } from '../../store/layout'
import { oneOf, stringOption, type ParsedValues } from '../args'
import type { Command } from '../command'

export const listFilterOptions = {
  provider: { type: 'string' },
  account: { type: 'string' },
  chat: { type: 'string' },
  type: { type: 'string' },
  status: { type: 'string' },
  search: { type: 'string' },
} as const

export const listFilterUsage: readonly string[] = [
  `--provider ${providerIds.join('|')}`,
  '--account ID          the provider account id',
  '--chat ID             the chat (fan) id',
  '--type photo|video|audio|gif',
  `--status ${mediaStatuses.join('|')}`,
  '--search TEXT         words in message text or the fan name/username',
]

export function parseListFilter(values: ParsedValues): CliListFilter {
  const provider = oneOf('provider', stringOption(values, 'provider'), providerIds)
  const type = oneOf('type', stringOption(values, 'type'), ['photo', 'video', 'audio', 'gif'] as const)
  const status = oneOf('status', stringOption(values, 'status'), mediaStatuses)
  const account = stringOption(values, 'account')
  const chat = stringOption(values, 'chat')
  const search = stringOption(values, 'search')
  return {
    ...(provider && { provider }),
    ...(account !== undefined && { account }),
    ...(chat !== undefined && { chat }),
    ...(type && { type }),
    ...(status && { status }),
    ...(search !== undefined && { search }),
  }
}

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

export function toListItem(dataDir: string, row: CliListRow): ListItem {
  // A catalog path that is not a store path (a damaged row) lists as not downloaded.
  const path =
    row.status === 'downloaded' && row.relPath !== null ? pathUnder(filesRootOf(dataDir), row.relPath) : null
  const downloaded = path !== null
  return {
    provider: row.provider,
    account: row.account,
    chat: row.chat,
    messageId: row.messageId,
    mediaId: row.mediaId,
    type: row.type,
    createdAt: row.createdAt,
    text: row.text,
    price: row.price,
    status: row.status,
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

export const listCommand: Command = {
  name: 'list',
  summary: 'List archived media items (one per message they were sent in)',
  usage: listFilterUsage,
  options: listFilterOptions,
  async run(context, values) {
    const filter = parseListFilter(values)
    const catalog = openCatalog(context.dataDir)
    try {
      const items = [...catalog.query.listLinks(filter)].map((row) => toListItem(context.dataDir, row))
      context.output.result(items, () =>
        items.length === 0
          ? 'No media matches. Run "chatkeep sync" first, or loosen the filters.'
          : items.map(oneLine).join('\n'),
      )
      return 0
    } finally {
      catalog.close()
    }
  },
}
