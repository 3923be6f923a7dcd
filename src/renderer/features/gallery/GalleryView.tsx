// "All media" (or one account's / chat's media): filters, the virtualized grid, and the viewer
// over the same result list. Filters and the open item live in the URL.
import { useCallback, useState, type ReactElement } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatCount } from '../../lib/format'
import { mediaHref, navigate } from '../../lib/route'
import { Viewer } from '../viewer/Viewer'
import { FilterBar } from './FilterBar'
import { MediaGrid } from './MediaGrid'
import {
  emptyFilters,
  filtersToParams,
  hasActiveFilters,
  parseFilters,
  toQuery,
  type GalleryFilters,
} from './filters'
import { emptySelection, type Selection } from './selection'
import { useMediaPages, type MediaPages } from './useMediaPages'

export interface GalleryViewProps {
  readonly params: URLSearchParams
  readonly title: string
}

function openIndex(params: URLSearchParams): number | null {
  const at = params.get('at')
  return at !== null && /^\d+$/.test(at) ? Number(at) : null
}

export function GalleryView({ params, title }: GalleryViewProps): ReactElement {
  const filters = parseFilters(params)
  const pages = useMediaPages(toQuery(filters))
  const queryKey = filtersToParams(filters).toString()
  const at = openIndex(params)

  const setFilters = useCallback((next: GalleryFilters, options?: { readonly replace?: boolean }): void => {
    navigate(mediaHref(filtersToParams(next)), options)
  }, [])

  const setOpen = (index: number | null, replace: boolean): void => {
    const next = filtersToParams(filters)
    if (index !== null) next.set('at', String(index))
    navigate(mediaHref(next), { replace })
  }

  return (
    <section className="gallery" aria-label={title}>
      <div className="view-header">
        <h1>{title}</h1>
        <span className="result-count" data-testid="result-count">
          {pages.total === null
            ? 'Loading…'
            : `${formatCount(pages.total)} item${pages.total === 1 ? '' : 's'}`}
        </span>
      </div>
      <FilterBar filters={filters} onChange={setFilters} />
      {pages.error && <ErrorNotice error={pages.error} />}
      {/* A new query starts with a fresh focus and selection. */}
      <GalleryBody
        key={queryKey}
        pages={pages}
        filters={filters}
        onOpen={(index) => setOpen(index, false)}
        onClearFilters={() => setFilters({ ...emptyFilters, sort: filters.sort })}
      />
      {at !== null && pages.total !== null && at < pages.total && (
        <Viewer
          index={at}
          total={pages.total}
          rowAt={pages.rowAt}
          ensureRange={pages.ensureRange}
          onIndex={(index) => setOpen(index, true)}
          onClose={() => setOpen(null, true)}
        />
      )}
    </section>
  )
}

interface GalleryBodyProps {
  readonly pages: MediaPages
  readonly filters: GalleryFilters
  readonly onOpen: (index: number) => void
  readonly onClearFilters: () => void
}

function GalleryBody({ pages, filters, onOpen, onClearFilters }: GalleryBodyProps): ReactElement {
  const [focusIndex, setFocusIndex] = useState(0)
  const [selection, setSelection] = useState<Selection>(emptySelection)

  if (pages.total === 0) {
    return hasActiveFilters(filters) ? (
      <EmptyState
        title="Nothing matches these filters"
        action={{ label: 'Clear filters', onClick: onClearFilters }}
      >
        Try a shorter search or fewer filters.
      </EmptyState>
    ) : (
      <EmptyState title="No media yet">
        Run <code>npm run demo</code> to load sample data, or add an account and press <strong>Sync</strong>{' '}
        to archive your chats. Media appears here as it downloads.
      </EmptyState>
    )
  }

  return (
    <>
      {selection.ids.size > 0 && (
        <div className="selection-bar" role="status" data-testid="selection-bar">
          <span>{formatCount(selection.ids.size)} selected</span>
          <button type="button" className="link-button" onClick={() => setSelection(emptySelection)}>
            Clear selection
          </button>
        </div>
      )}
      <MediaGrid
        pages={pages}
        total={pages.total ?? 0}
        focusIndex={focusIndex}
        onFocusIndex={setFocusIndex}
        selection={selection}
        onSelection={setSelection}
        onOpen={onOpen}
      />
    </>
  )
}
