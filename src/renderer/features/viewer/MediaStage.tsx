// The big picture: the archived file played or shown in full, or, when the full file is not
// archived, its preview and the reason.
import type { ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { mediaUrl } from '../../bridge'
import { typeLabels } from '../../lib/labels'
import { visibleBidi } from '../../lib/text'
import { ZoomableImage } from './ZoomableImage'
import { unavailableReason } from './unavailable'

export interface MediaStageProps {
  readonly row: MediaRow
  readonly lastError: string | null
}

export function MediaStage({ row, lastError }: MediaStageProps): ReactElement {
  const full = mediaUrl(row.id, 'full')
  if (row.status === 'downloaded' && row.hasFile) {
    if (row.type === 'video') {
      return (
        <video
          key={row.id}
          className="stage-video"
          src={full}
          controls
          preload="metadata"
          data-testid="viewer-video"
        />
      )
    }
    if (row.type === 'audio') {
      return (
        <div className="stage-audio">
          {row.hasThumb && <img src={mediaUrl(row.id, 'thumb')} alt="" className="stage-audio-cover" />}
          <audio key={row.id} src={full} controls preload="metadata" data-testid="viewer-audio" />
        </div>
      )
    }
    return (
      <ZoomableImage
        key={row.id}
        src={full}
        alt={visibleBidi(row.text) || `${typeLabels[row.type]} from ${visibleBidi(row.chatLabel)}`}
      />
    )
  }

  const reason = unavailableReason(row.status, row.price, lastError) ?? 'The full file is not in the archive.'
  return (
    <div className="stage-unavailable" data-testid="viewer-unavailable">
      {row.hasThumb ? (
        <img
          className="stage-preview"
          src={mediaUrl(row.id, 'thumb')}
          alt="Preview"
          data-testid="stage-preview"
        />
      ) : (
        <div className="stage-preview stage-nopreview">No preview archived</div>
      )}
      <p className="stage-reason">{reason}</p>
    </div>
  )
}
