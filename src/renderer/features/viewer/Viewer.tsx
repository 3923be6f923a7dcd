// The full-screen viewer over a result list, as a modal dialog: arrows step through it, Escape
// closes it and gives the focus back to where it was (the grid, a chat's thumbnail). An archived
// file can be shown in the file manager (desktop app) or downloaded (browser).
import { useEffect, useState, type ReactElement } from 'react'
import type { MediaRow } from '../../../shared/contract'
import type { ParsedSearch } from '../../../shared/search-syntax'
import { call, mediaUrl, transport } from '../../bridge'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { useDesktopApp } from '../../lib/appInfo'
import { formatCount, formatTotal } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { useModalDialog } from '../../lib/useModalDialog'
import { MediaStage } from './MediaStage'
import { MetadataPanel } from './MetadataPanel'

export interface ViewerProps {
  readonly index: number
  readonly total: number
  /** `total` counts the items found so far; more follow (media:search's totalIsLowerBound). */
  readonly totalIsLowerBound?: boolean
  readonly rowAt: (index: number) => MediaRow | undefined
  readonly ensureRange: (start: number, end: number) => void
  readonly onIndex: (index: number) => void
  readonly onClose: () => void
  /** The gallery's search, whose hits the message text highlights. */
  readonly search?: ParsedSearch
}

const extensions: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
}

export function Viewer(props: ViewerProps): ReactElement {
  const { index, rowAt, ensureRange, onIndex, onClose, search } = props
  const lowerBound = props.totalIsLowerBound === true
  // Past a lower bound the next item may not be found yet: stepping onto it asks for its page,
  // which carries the search on (the gallery closes the viewer if the search ends before it).
  const total = lowerBound ? Math.max(props.total, index + 1) : props.total
  const last = lowerBound ? Number.POSITIVE_INFINITY : total - 1
  const row = rowAt(index)
  const detail = useCall('media:get', row ? { id: row.id } : null)
  const dialogRef = useModalDialog(onClose)
  const desktop = useDesktopApp()
  // Kept with the item it is about, so stepping to the next item drops it.
  const [revealError, setRevealError] = useState<{ readonly id: number; readonly error: Error } | null>(null)

  useEffect(() => {
    // Prefetch neighbours so stepping never waits on a page boundary.
    ensureRange(Math.max(0, index - 1), Math.min(last, index + 1))
  }, [ensureRange, index, last])

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return
      if (event.target instanceof HTMLMediaElement) return
      if (event.key === 'ArrowLeft' && index > 0) onIndex(index - 1)
      else if (event.key === 'ArrowRight' && index < last) onIndex(index + 1)
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [index, last, onIndex])

  const detailValue =
    detail.state.value !== null && detail.state.value.id === row?.id ? detail.state.value : null
  const downloadName =
    row && detailValue
      ? `${detailValue.providerMediaId}.${extensions[detailValue.mime ?? ''] ?? 'bin'}`
      : undefined

  return (
    <dialog ref={dialogRef} className="viewer" aria-label="Media viewer" data-testid="viewer">
      <div className="viewer-bar">
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close viewer">
          ✕
        </button>
        <span className="viewer-position">
          {formatCount(index + 1)} of {formatTotal(total, lowerBound)}
        </span>
        <span className="viewer-title">{row ? <Name text={row.chatLabel} /> : ''}</span>
        {row?.hasFile && desktop && (
          <button
            type="button"
            className="button button-secondary viewer-download"
            onClick={() => {
              setRevealError(null)
              call('media:showInFolder', { id: row.id }).catch((failure: unknown) =>
                setRevealError({ id: row.id, error: failure as Error }),
              )
            }}
            data-testid="viewer-show-in-folder"
          >
            Show in folder
          </button>
        )}
        {row?.hasFile && transport() === 'http' && (
          <a
            className="button button-secondary viewer-download"
            href={mediaUrl(row.id, 'full')}
            download={downloadName ?? ''}
            data-testid="viewer-download"
          >
            Download
          </a>
        )}
        <button
          type="button"
          className="icon-button"
          disabled={index === 0}
          onClick={() => onIndex(index - 1)}
          aria-label="Previous"
          data-testid="viewer-previous"
        >
          ‹
        </button>
        <button
          type="button"
          className="icon-button"
          disabled={index >= last}
          onClick={() => onIndex(index + 1)}
          aria-label="Next"
          data-testid="viewer-next"
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
        {row && <MetadataPanel row={row} detail={detailValue} search={search} />}
      </div>
      {detail.state.status === 'error' && <ErrorNotice error={detail.state.error} />}
      {revealError && revealError.id === row?.id && <ErrorNotice error={revealError.error} />}
    </dialog>
  )
}
