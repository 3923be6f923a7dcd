// One thumbnail in the grid. Items without an archived thumbnail show their type and status
// instead of a broken image. Hovered or focused, a cell says who sent it, when, and how big it is.
import { useState, type MouseEvent, type ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { mediaUrl } from '../../bridge'
import { formatBytes, formatDate, formatDuration, formatPrice } from '../../lib/format'
import { statusLabels, typeLabels } from '../../lib/labels'
import { visibleBidi } from '../../lib/text'

export interface MediaCellProps {
  readonly index: number
  readonly row: MediaRow | undefined
  readonly focused: boolean
  readonly selected: boolean
  /** The day this item starts, when the one before it is from another day (newest/oldest sorts). */
  readonly dayLabel: string | null
  readonly onClick: (index: number, event: MouseEvent) => void
  readonly onOpen: (index: number) => void
}

const typeIcon: Readonly<Record<MediaRow['type'], string>> = {
  photo: '▣',
  video: '▶',
  audio: '♪',
  gif: 'GIF',
}

/** Everything a tile's tooltip and its accessible name say. */
export function cellDescription(row: MediaRow): string {
  const size = row.size !== null ? ` · ${formatBytes(row.size)}` : ''
  const status = row.status === 'downloaded' ? '' : ` · ${statusLabels[row.status]}`
  const price = row.price !== null && row.price > 0 ? ` · ${formatPrice(row.price)}` : ''
  const duration = row.durationSec !== null ? ` · ${formatDuration(row.durationSec)}` : ''
  return `${typeLabels[row.type]} from ${visibleBidi(row.chatLabel)} · ${formatDate(row.createdAt)}${size}${duration}${price}${status}`
}

export function MediaCell(props: MediaCellProps): ReactElement {
  const { index, row, focused, selected, dayLabel, onClick, onOpen } = props
  // Hover is local state so only this cell renders its caption (keeps the grid's DOM small).
  const [hovered, setHovered] = useState(false)
  const classes = ['cell', focused ? 'is-focused' : '', selected ? 'is-selected' : '']
    .filter(Boolean)
    .join(' ')
  if (!row) {
    return (
      <div className={`${classes} is-placeholder`} id={`cell-${index}`} role="gridcell" aria-busy="true" />
    )
  }
  const description = cellDescription(row)
  return (
    <div
      className={classes}
      id={`cell-${index}`}
      role="gridcell"
      aria-selected={selected}
      title={description}
      data-testid="media-cell"
      data-media-id={row.id}
      onClick={(event) => onClick(index, event)}
      onDoubleClick={() => onOpen(index)}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      {/* The cell's accessible name: the visible badges, pill and caption below only repeat it. */}
      <span className="sr-only">{description}</span>
      {row.hasThumb ? (
        <img
          className="cell-thumb"
          src={mediaUrl(row.id, 'thumb')}
          alt=""
          loading="lazy"
          decoding="async"
          draggable={false}
        />
      ) : (
        <div className="cell-thumb cell-nothumb" aria-hidden="true">
          {typeIcon[row.type]}
        </div>
      )}
      {dayLabel && (
        <span className="cell-day" aria-hidden="true" data-testid="cell-day">
          {dayLabel}
        </span>
      )}
      <div className="cell-badges" aria-hidden="true">
        {row.type !== 'photo' && <span className="badge">{typeIcon[row.type]}</span>}
        {row.durationSec !== null && <span className="badge">{formatDuration(row.durationSec)}</span>}
        {row.price !== null && row.price > 0 && (
          <span className="badge badge-price">{formatPrice(row.price)}</span>
        )}
      </div>
      {row.status !== 'downloaded' && (
        <span className={`status-pill status-${row.status}`} aria-hidden="true">
          {statusLabels[row.status]}
        </span>
      )}
      {(hovered || focused) && (
        <div className="cell-caption" aria-hidden="true" data-testid="cell-caption">
          <bdi className="cell-caption-name">{visibleBidi(row.chatLabel)}</bdi>
          <span>
            {formatDate(row.createdAt)}
            {row.size !== null && ` · ${formatBytes(row.size)}`}
          </span>
        </div>
      )}
      {selected && (
        <span className="cell-check" aria-hidden="true">
          ✓
        </span>
      )}
    </div>
  )
}
