// The full-screen viewer over a result list: arrows step through it, Escape closes it.
import { useEffect, type ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatCount } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { MediaStage } from './MediaStage'
import { MetadataPanel } from './MetadataPanel'

export interface ViewerProps {
  readonly index: number
  readonly total: number
  readonly rowAt: (index: number) => MediaRow | undefined
  readonly ensureRange: (start: number, end: number) => void
  readonly onIndex: (index: number) => void
  readonly onClose: () => void
}

export function Viewer({ index, total, rowAt, ensureRange, onIndex, onClose }: ViewerProps): ReactElement {
  const row = rowAt(index)
  const detail = useCall('media:get', row ? { id: row.id } : null)

  useEffect(() => {
    // Prefetch neighbours so stepping never waits on a page boundary.
    ensureRange(Math.max(0, index - 1), Math.min(total - 1, index + 1))
  }, [ensureRange, index, total])

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return
      if (event.key === 'Escape') onClose()
      else if (event.key === 'ArrowLeft' && index > 0) onIndex(index - 1)
      else if (event.key === 'ArrowRight' && index < total - 1) onIndex(index + 1)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [index, total, onIndex, onClose])

  const detailValue =
    detail.state.value !== null && detail.state.value.id === row?.id ? detail.state.value : null

  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label="Media viewer" data-testid="viewer">
      <div className="viewer-bar">
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close viewer">
          ✕
        </button>
        <span className="viewer-position">
          {formatCount(index + 1)} of {formatCount(total)}
        </span>
        <span className="viewer-title">{row?.chatLabel ?? ''}</span>
        <button
          type="button"
          className="icon-button"
          disabled={index === 0}
          onClick={() => onIndex(index - 1)}
          aria-label="Previous"
        >
          ‹
        </button>
        <button
          type="button"
          className="icon-button"
          disabled={index >= total - 1}
          onClick={() => onIndex(index + 1)}
          aria-label="Next"
        >
          ›
        </button>
      </div>
      <div className="viewer-body">
        <div className="viewer-stage">
          {row ? (
            <MediaStage row={row} lastError={detailValue?.lastError ?? null} />
          ) : (
            <div className="spinner" aria-label="Loading" />
          )}
        </div>
        {row && <MetadataPanel row={row} detail={detailValue} />}
      </div>
      {detail.state.status === 'error' && <ErrorNotice error={detail.state.error} />}
    </div>
  )
}
