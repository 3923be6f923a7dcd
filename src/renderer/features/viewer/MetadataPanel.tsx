// Everything the catalog knows about one item: who sent it, in which chat, when, and the file.
// Message text is rendered as text, never as HTML.
import type { ReactElement, ReactNode } from 'react'
import type { ChannelOutput, MediaRow } from '../../../shared/contract'
import type { AccessRule } from '../../../shared/domain'
import type { ParsedSearch } from '../../../shared/search-syntax'
import { Highlighted } from '../../components/Highlighted'
import { Name } from '../../components/Name'
import { formatBytes, formatDateTime, formatDimensions, formatDuration, formatPrice } from '../../lib/format'
import { accessRuleLabels, statusLabels, typeLabels } from '../../lib/labels'
import { chatHref } from '../../lib/route'
import { useCall } from '../../lib/useCall'
import { accountLabel } from '../chats/chatLabel'

type MediaDetail = ChannelOutput<'media:get'>
type MessageLink = MediaDetail['messages'][number]

export interface MetadataPanelProps {
  readonly row: MediaRow
  readonly detail: MediaDetail | null
  readonly search?: ParsedSearch
}

function Field({ label, children }: { readonly label: string; readonly children: ReactNode }): ReactElement {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

function describeRule(rule: AccessRule): string {
  const base = accessRuleLabels[rule.kind]
  const parts: Record<AccessRule['kind'], string> = {
    ppv: `${base}${rule.price !== null ? ` ${formatPrice(rule.price)}` : ''}`,
    subscription: `${base}${rule.tierName ? ` (${rule.tierName})` : ''}`,
    follow: base,
    list: `${base}${rule.listLabel ? ` “${rule.listLabel}”` : ''}`,
    limited_time: `${base}${rule.validBefore ? ` until ${formatDateTime(rule.validBefore)}` : ''}`,
    unknown: `${base} (flags ${rule.flags})`,
  }
  return parts[rule.kind]
}

function AccessRules({ rules }: { readonly rules: readonly AccessRule[] }): ReactElement {
  const sets = [...new Set(rules.map((rule) => rule.ruleSet))]
  return (
    <ul className="rule-sets">
      {sets.map((set, i) => (
        <li key={set}>
          {i > 0 && <span className="rule-or">or </span>}
          {rules
            .filter((rule) => rule.ruleSet === set)
            .map(describeRule)
            .join(' and ')}
        </li>
      ))}
    </ul>
  )
}

function Sender({ link, creator }: { readonly link: MessageLink; readonly creator: string }): ReactElement {
  if (link.fromCreator) {
    return (
      <span data-testid="sender">
        <Name text={creator} /> <span className="muted">(creator)</span>
      </span>
    )
  }
  return (
    <span data-testid="sender">
      <Name text={link.fanName ?? link.fanUsername ?? link.chatLabel} />
      {link.fanUsername && link.fanName && (
        <>
          {' '}
          <Name className="muted" prefix="@" text={link.fanUsername} />
        </>
      )}{' '}
      <span className="muted">(fan)</span>
    </span>
  )
}

export function MetadataPanel({ row, detail, search }: MetadataPanelProps): ReactElement {
  const accounts = useCall('accounts:list', {})
  const account = accounts.state.value?.find((each) => each.id === row.accountId)
  const link = detail?.messages.find((message) => message.messageId === row.messageId)
  return (
    <aside className="metadata" aria-label="Details" data-testid="metadata">
      <dl>
        <Field label="Sent by">
          {link ? <Sender link={link} creator={account ? accountLabel(account) : 'The creator'} /> : '…'}
        </Field>
        <Field label="Chat">
          <a href={chatHref(row.chatId)} data-testid="metadata-chat">
            <Name text={row.chatLabel} />
          </a>
          {' · '}
          <a href={chatHref(row.chatId, row.messageId)} data-testid="show-in-chat">
            Show in chat
          </a>
        </Field>
        <Field label="Date">{formatDateTime(row.createdAt)}</Field>
        <Field label="Price">{formatPrice(row.price)}</Field>
        <Field label="Status">
          <span className={`status-pill status-${row.status}`}>{statusLabels[row.status]}</span>
        </Field>
        {detail && detail.accessRules.length > 0 && (
          <Field label="Access">
            <AccessRules rules={detail.accessRules} />
          </Field>
        )}
        <Field label="File">
          <span data-testid="metadata-file">
            {[
              typeLabels[row.type],
              detail?.mime,
              row.size !== null && formatBytes(row.size),
              formatDimensions(row.width, row.height),
              formatDuration(row.durationSec),
            ]
              .filter((part) => part)
              .join(' · ')}
          </span>
        </Field>
        {detail?.sha256 && (
          <Field label="SHA-256">
            <code className="hash">{detail.sha256}</code>
          </Field>
        )}
        {detail?.providerMediaId && <Field label="Provider id">{detail.providerMediaId}</Field>}
      </dl>
      <h3>Message</h3>
      <p className="message-text" dir="auto" data-testid="metadata-text">
        {row.text ? <Highlighted text={row.text} search={search} /> : <em className="muted">No text</em>}
      </p>
      {detail && detail.messages.length > 1 && (
        <>
          <h3>Also sent in</h3>
          <ul className="also-sent">
            {detail.messages
              .filter((message) => message.messageId !== row.messageId)
              .map((message) => (
                <li key={message.messageId}>
                  <a href={chatHref(message.chatId)}>
                    <Name text={message.chatLabel} />
                  </a>{' '}
                  · {formatDateTime(message.createdAt)} · {formatPrice(message.price)}
                </li>
              ))}
          </ul>
        </>
      )}
    </aside>
  )
}
