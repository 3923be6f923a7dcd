// One chat message: a bubble on the creator's or the fan's side, its text AS TEXT (message text
// comes from the provider and may contain anything), its price and its media.
import type { ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { mediaUrl } from '../../bridge'
import { formatDateTime, formatDuration, formatPrice } from '../../lib/format'
import type { TimelineMessage } from './useTimeline'

export interface MessageItemProps {
  readonly message: TimelineMessage
  readonly onOpenMedia: (row: MediaRow) => void
}

function InlineMedia({
  row,
  onOpen,
}: {
  readonly row: MediaRow
  readonly onOpen: (row: MediaRow) => void
}): ReactElement {
  return (
    <button
      type="button"
      className="inline-media"
      onClick={() => onOpen(row)}
      aria-label={`Open ${row.type}`}
      data-testid="inline-media"
    >
      {row.hasThumb ? (
        <img src={mediaUrl(row.id, 'thumb')} alt="" loading="lazy" />
      ) : (
        <span className="cell-nothumb">{row.type}</span>
      )}
      {row.durationSec !== null && <span className="badge">{formatDuration(row.durationSec)}</span>}
      {row.status !== 'downloaded' && (
        <span className={`status-pill status-${row.status}`}>{row.status.replace('_', ' ')}</span>
      )}
    </button>
  )
}

export function MessageItem({ message, onOpenMedia }: MessageItemProps): ReactElement {
  const side = message.fromCreator ? 'from-creator' : 'from-fan'
  return (
    <article className={`message ${side}`} data-testid="message">
      <div className="bubble">
        {message.media.length > 0 && (
          <div className="message-media">
            {message.media.map((row) => (
              <InlineMedia key={row.id} row={row} onOpen={onOpenMedia} />
            ))}
          </div>
        )}
        {message.text !== '' && (
          <p className="message-text" data-testid="message-text">
            {message.text}
          </p>
        )}
        <footer className="message-meta">
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          {(message.price !== null && message.price > 0) || !message.isFree ? (
            <span className="badge badge-price">{formatPrice(message.price)}</span>
          ) : null}
        </footer>
      </div>
    </article>
  )
}
