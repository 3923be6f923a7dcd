// Everything the catalog knows about one item. Message text is rendered as text, never as HTML.
import type { ReactElement, ReactNode } from 'react'
import type { ChannelOutput, MediaRow } from '../../../shared/contract'
import type { AccessRule } from '../../../shared/domain'
import { formatBytes, formatDateTime, formatDuration, formatPrice } from '../../lib/format'
import { chatHref } from '../../lib/route'

type MediaDetail = ChannelOutput<'media:get'>

export interface MetadataPanelProps {
  readonly row: MediaRow
  readonly detail: MediaDetail | null
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
  const parts: Record<AccessRule['kind'], string> = {
    ppv: `Pay per view${rule.price !== null ? ` ${formatPrice(rule.price)}` : ''}`,
    subscription: `Subscription${rule.tierName ? ` (${rule.tierName})` : ''}`,
    follow: 'Followers',
    list: `List${rule.listLabel ? ` “${rule.listLabel}”` : ''}`,
    limited_time: `Limited time${rule.validBefore ? ` until ${formatDateTime(rule.validBefore)}` : ''}`,
    unknown: `Unrecognised rule (flags ${rule.flags})`,
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

export function MetadataPanel({ row, detail }: MetadataPanelProps): ReactElement {
  const dimensions = row.width !== null && row.height !== null ? `${row.width} × ${row.height}` : null
  return (
    <aside className="metadata" aria-label="Details" data-testid="metadata">
      <dl>
        <Field label="Date">{formatDateTime(row.createdAt)}</Field>
        <Field label="Chat">
          <a href={chatHref(row.chatId)}>{row.chatLabel}</a>
        </Field>
        <Field label="Price">{formatPrice(row.price)}</Field>
        <Field label="Status">
          <span className={`status-pill status-${row.status}`}>{row.status.replace('_', ' ')}</span>
        </Field>
        {detail && detail.accessRules.length > 0 && (
          <Field label="Access">
            <AccessRules rules={detail.accessRules} />
          </Field>
        )}
        <Field label="File">
          {[row.type, detail?.mime, formatBytes(row.size), dimensions, formatDuration(row.durationSec)]
            .filter((part) => part)
            .join(' · ')}
        </Field>
        {detail?.sha256 && (
          <Field label="SHA-256">
            <code className="hash">{detail.sha256}</code>
          </Field>
        )}
        {detail?.providerMediaId && <Field label="Provider id">{detail.providerMediaId}</Field>}
      </dl>
      <h3>Message</h3>
      <p className="message-text" data-testid="metadata-text">
        {row.text || <em className="muted">No text</em>}
      </p>
      {detail && detail.messages.length > 1 && (
        <>
          <h3>Also sent in</h3>
          <ul className="also-sent">
            {detail.messages
              .filter((message) => message.messageId !== row.messageId)
              .map((message) => (
                <li key={message.messageId}>
                  <a href={chatHref(message.chatId)}>{message.chatLabel}</a> ·{' '}
                  {formatDateTime(message.createdAt)} · {formatPrice(message.price)}
                </li>
              ))}
          </ul>
        </>
      )}
    </aside>
  )
}
