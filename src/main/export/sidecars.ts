// The sidecars at the export root: chatkeep-export.json (one entry per item and chat, with every
// message the item was sent in) and chatkeep-export.csv (one row per item and message). Items
// without a file (locked, DRM, not ready, failed) are listed too, with a null path.
import type { AccessRule } from '../../shared/domain'
import { csvRow } from './csv'
import type { ExportPlan, PlannedEntry } from './plan'
import type { ExportLink } from './types'

export const sidecarJsonName = 'chatkeep-export.json'
export const sidecarCsvName = 'chatkeep-export.csv'

export interface SidecarContext {
  readonly plan: ExportPlan
  readonly template: string
  readonly exportedAt: string
  readonly accessRules: (mediaRowId: number) => readonly AccessRule[]
  /** Paths that failed to copy: their entries say so instead of pointing at nothing. */
  readonly failed: ReadonlySet<string>
}

function messageOf(link: ExportLink): Record<string, unknown> {
  return {
    chat: link.chat,
    fan: link.fan,
    fanName: link.fanName,
    messageId: link.messageId,
    date: link.createdAt,
    price: link.price,
    text: link.text,
  }
}

function entryJson(entry: PlannedEntry, context: SidecarContext): Record<string, unknown> {
  const { link, file } = entry
  const written = file !== null && !context.failed.has(file.path)
  return {
    path: written ? file.path : null,
    variant: written ? file.source.variant : null,
    provider: link.provider,
    account: link.account,
    ...messageOf(link),
    mediaId: link.mediaId,
    type: link.type,
    status: link.status,
    sha256: written ? file.source.sha256 : null,
    size: written ? file.source.size : null,
    accessRules: context.accessRules(link.mediaRowId),
    messages: (context.plan.linksByMedia.get(link.mediaRowId) ?? [link]).map(messageOf),
  }
}

export function* sidecarJson(context: SidecarContext): Generator<string> {
  const head = {
    format: 'chatkeep-export',
    version: 1,
    exportedAt: context.exportedAt,
    template: context.template,
  }
  yield `${JSON.stringify(head).slice(0, -1)},"items":[\n`
  let first = true
  for (const entry of context.plan.entries) {
    yield `${first ? '' : ',\n'}${JSON.stringify(entryJson(entry, context))}`
    first = false
  }
  yield '\n]}\n'
}

export function describeRule(rule: AccessRule): string {
  const detail = [
    rule.price !== null ? `$${rule.price}` : null,
    rule.tierName ?? rule.tierId,
    rule.listLabel ?? rule.listId,
    rule.validAfter ? `after ${rule.validAfter}` : null,
    rule.validBefore ? `before ${rule.validBefore}` : null,
  ].filter((part): part is string => part !== null && part !== '')
  return `set ${rule.ruleSet}: ${rule.kind}${detail.length ? ` ${detail.join(' ')}` : ''}`
}

const csvHeader = [
  'path',
  'variant',
  'provider',
  'account',
  'chat',
  'fan',
  'fan_name',
  'message_id',
  'date',
  'price',
  'text',
  'media_id',
  'type',
  'status',
  'access_rules',
  'sha256',
  'size',
] as const

/** One row per (file, message): a file sent in three messages has three rows. */
export function* sidecarCsv(context: SidecarContext): Generator<string> {
  // A byte-order mark makes Excel read the file as UTF-8 instead of the local code page.
  yield `\ufeff${csvRow(csvHeader)}`
  for (const entry of context.plan.entries) {
    const { file } = entry
    const written = file !== null && !context.failed.has(file.path)
    const rules = context.accessRules(entry.link.mediaRowId).map(describeRule).join('; ')
    const messages = (context.plan.linksByMedia.get(entry.link.mediaRowId) ?? [entry.link]).filter(
      (m) => m.chatRowId === entry.link.chatRowId,
    )
    for (const m of messages) {
      yield csvRow([
        written ? file.path : null,
        written ? file.source.variant : null,
        m.provider,
        m.account,
        m.chat,
        m.fan,
        m.fanName,
        m.messageId,
        m.createdAt,
        m.price,
        m.text,
        m.mediaId,
        m.type,
        m.status,
        rules,
        written ? file.source.sha256 : null,
        written ? file.source.size : null,
      ])
    }
  }
}
