// One thumbnail in the grid. Items without an archived thumbnail show their type and status
// instead of a broken image.
import type { MouseEvent, ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { mediaUrl } from '../../bridge'
import { formatDuration, formatPrice } from '../../lib/format'

export interface MediaCellProps {
  readonly index: number
  readonly row: MediaRow | undefined
  readonly focused: boolean
  readonly selected: boolean
  readonly onClick: (index: number, event: MouseEvent) => void
  readonly onOpen: (index: number) => void
}

const typeIcon: Readonly<Record<MediaRow['type'], string>> = {
  photo: '▣',
  video: '▶',
  audio: '♪',
  gif: 'GIF',
}

// Capitalised here rather than by CSS: Chromium's text-transform misses text nodes that React
// rewrites in place as cells are recycled.
const statusLabels: Readonly<Record<MediaRow['status'], string>> = {
  downloaded: 'Downloaded',
  locked: 'Locked',
  drm: 'DRM',
  not_ready: 'Not ready',
  failed: 'Failed',
  pending: 'Pending',
}

export function MediaCell({ index, row, focused, selected, onClick, onOpen }: MediaCellProps): ReactElement {
  const classes = ['cell', focused ? 'is-focused' : '', selected ? 'is-selected' : '']
    .filter(Boolean)
    .join(' ')
  if (!row) {
    return (
      <div className={`${classes} is-placeholder`} id={`cell-${index}`} role="gridcell" aria-busy="true" />
    )
  }
  const label = `${row.type} from ${row.chatLabel}, ${row.status}`
  return (
    <div
      className={classes}
      id={`cell-${index}`}
      role="gridcell"
      aria-selected={selected}
      aria-label={label}
      data-testid="media-cell"
      data-media-id={row.id}
      onClick={(event) => onClick(index, event)}
      onDoubleClick={() => onOpen(index)}
    >
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
        <div className="cell-thumb cell-nothumb">{typeIcon[row.type]}</div>
      )}
      <div className="cell-badges">
        {row.type !== 'photo' && <span className="badge">{typeIcon[row.type]}</span>}
        {row.durationSec !== null && <span className="badge">{formatDuration(row.durationSec)}</span>}
        {row.price !== null && row.price > 0 && (
          <span className="badge badge-price">{formatPrice(row.price)}</span>
        )}
      </div>
      {row.status !== 'downloaded' && (
        <span className={`status-pill status-${row.status}`}>{statusLabels[row.status]}</span>
      )}
      {selected && (
        <span className="cell-check" aria-hidden="true">
          ✓
        </span>
      )}
    </div>
  )
}
