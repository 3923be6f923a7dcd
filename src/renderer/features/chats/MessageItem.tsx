// One chat message: a bubble on the creator's or the fan's side, its text AS TEXT (message text
// comes from the provider and may contain anything), its price and its media.
import type { ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { mediaUrl } from '../../bridge'
import { formatDateTime, formatDuration, formatPrice } from '../../lib/format'
import { statusLabels, typeLabels } from '../../lib/labels'
import { visibleBidi } from '../../lib/text'
import type { TimelineMessage } from './useTimeline'

export interface MessageItemProps {
  readonly message: TimelineMessage
  readonly onOpenMedia: (row: MediaRow) => void
  /** The message "Show in chat" opened the chat at: marked until the chat is left. */
  readonly isTarget?: boolean
}

function inlineLabel(row: MediaRow): string {
  const duration = row.durationSec !== null ? `, ${formatDuration(row.durationSec)}` : ''
  const status = row.status === 'downloaded' ? '' : ` (${statusLabels[row.status].toLowerCase()})`
  return `Open ${typeLabels[row.type].toLowerCase()}${duration}${status}`
}

function InlineMedia({
  row,
  onOpen,
}: {
  readonly row: MediaRow
  readonly onOpen: (row: MediaRow) => void
}): ReactElement {
  return (
    <button type="button" className="inline-media" onClick={() => onOpen(row)} data-testid="inline-media">
      {/* The button's accessible name; the badge and pill below repeat it for the eye. */}
      <span className="sr-only">{inlineLabel(row)}</span>
      {row.hasThumb ? (
        <img src={mediaUrl(row.id, 'thumb')} alt="" loading="lazy" />
      ) : (
        <span className="cell-nothumb" aria-hidden="true">
          {typeLabels[row.type]}
        </span>
      )}
      {row.durationSec !== null && (
        <span className="badge" aria-hidden="true">
          {formatDuration(row.durationSec)}
        </span>
      )}
      {row.status !== 'downloaded' && (
        <span className={`status-pill status-${row.status}`} aria-hidden="true">
          {statusLabels[row.status]}
        </span>
      )}
    </button>
  )
}

export function MessageItem({ message, onOpenMedia, isTarget = false }: MessageItemProps): ReactElement {
  const side = message.fromCreator ? 'from-creator' : 'from-fan'
  return (
    <article
      className={`message ${side}${isTarget ? ' is-target' : ''}`}
      id={`message-${message.id}`}
      data-testid="message"
      aria-current={isTarget ? 'true' : undefined}
    >
      <div className="bubble">
        {message.media.length > 0 && (
          <div className="message-media">
            {message.media.map((row) => (
              <InlineMedia key={row.id} row={row} onOpen={onOpenMedia} />
            ))}
          </div>
        )}
        {message.text !== '' && (
          <p className="message-text" dir="auto" data-testid="message-text">
            {visibleBidi(message.text)}
          </p>
        )}
        <footer className="message-meta">
          <span className="sr-only">{message.fromCreator ? 'Sent by the creator,' : 'Sent by the fan,'}</span>
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          {(message.price !== null && message.price > 0) || !message.isFree ? (
            <span className="badge badge-price">{formatPrice(message.price)}</span>
          ) : null}
        </footer>
      </div>
    </article>
  )
}
