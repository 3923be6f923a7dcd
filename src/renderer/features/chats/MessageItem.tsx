// One chat message: a bubble on the creator's or the fan's side, its text AS TEXT (message text
// comes from the provider and may contain anything), search hits marked in it, its price, paid
// state and tip, its media, and whether the provider has deleted it since it was archived.
import type { ReactElement } from 'react'
import type { ConversationMessage, MediaRow } from '../../../shared/contract'
import type { ParsedSearch } from '../../../shared/search-syntax'
import { mediaUrl } from '../../bridge'
import { Highlighted } from '../../components/Highlighted'
import { formatDate, formatDuration, formatPrice } from '../../lib/format'
import { statusLabels, typeLabels } from '../../lib/labels'
import { visibleBidi } from '../../lib/text'

export interface MessageItemProps {
  readonly message: ConversationMessage
  readonly onOpenMedia: (row: MediaRow) => void
  /** The message "Show in chat" or the current search hit points at: outlined. */
  readonly isTarget?: boolean
  /** The in-chat search, whose words are marked in the text. */
  readonly search?: ParsedSearch
  /** Shows the message a reply answers (its quote was clicked). */
  readonly onQuote?: (messageId: number) => void
}

const timeOnly = (iso: string): string =>
  new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })

/** The price and whether it was paid, in words: "Paid $9.99", "Not bought · $25.00", "$5.00". */
function priceLabel(message: ConversationMessage): string | null {
  const priced = (message.price !== null && message.price > 0) || !message.isFree
  if (!priced) return null
  const price = formatPrice(message.price)
  if (message.paid === true) return `Paid ${price}`
  if (message.paid === false) return `Not bought · ${price}`
  return price
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

type Reply = NonNullable<ConversationMessage['replyTo']>

/** The first words of the message a reply answers; a click shows it in the chat. */
function ReplyQuote({
  reply,
  onQuote,
}: {
  readonly reply: Reply
  readonly onQuote?: (messageId: number) => void
}): ReactElement {
  if (!reply.archived) {
    return (
      <span className="reply-quote muted" data-testid="reply-quote">
        Reply to a message that is not in the archive
      </span>
    )
  }
  const who = reply.fromCreator ? 'the creator' : 'the fan'
  return (
    <button
      type="button"
      className="reply-quote"
      onClick={() => onQuote?.(reply.id)}
      title="Show the message this answers"
      data-testid="reply-quote"
    >
      <span className="reply-quote-who">Reply to {who}:</span>{' '}
      <span dir="auto">{reply.text === '' ? '(media)' : visibleBidi(reply.text)}</span>
    </button>
  )
}

export function MessageItem({
  message,
  onOpenMedia,
  isTarget = false,
  search,
  onQuote,
}: MessageItemProps): ReactElement {
  const side = message.fromCreator ? 'from-creator' : 'from-fan'
  const price = priceLabel(message)
  const deleted = message.deletedUpstreamAt !== null
  return (
    <article
      className={`message ${side}${isTarget ? ' is-target' : ''}${deleted ? ' is-deleted' : ''}`}
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
        {message.replyTo !== null && <ReplyQuote reply={message.replyTo} onQuote={onQuote} />}
        {message.text !== '' && (
          <p className="message-text" dir="auto" data-testid="message-text">
            <Highlighted text={message.text} search={search} />
          </p>
        )}
        <footer className="message-meta">
          <span className="sr-only">{message.fromCreator ? 'Sent by the creator,' : 'Sent by the fan,'}</span>
          {deleted && (
            <span
              className="mark mark-deleted"
              data-testid="deleted-upstream"
              title={`Noticed ${formatDate(message.deletedUpstreamAt)}`}
            >
              Deleted on the provider
            </span>
          )}
          {message.isMass === true && <span className="mark">Mass message</span>}
          {message.tip !== null && message.tip > 0 && (
            <span className="badge badge-tip" data-testid="tip">
              Tip {formatPrice(message.tip)}
            </span>
          )}
          {price !== null && (
            <span className="badge badge-price" data-testid="price">
              {price}
            </span>
          )}
          <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()}>
            {timeOnly(message.createdAt)}
          </time>
        </footer>
      </div>
    </article>
  )
}
