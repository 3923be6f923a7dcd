// "All media" (or one account's / chat's media): filters, the virtualized grid, and the viewer
// over the same result list. Filters and the open item live in the URL.
import { useCallback, useState, type ReactElement } from 'react'
import { EmptyState, FirstRunSteps } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useDataVersion } from '../../lib/dataVersion'
import { formatCount } from '../../lib/format'
import { mediaHref, navigate } from '../../lib/route'
import { ExportDialog, type ExportFilter, type ExportScope } from '../export/ExportDialog'
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
  const query = toQuery(filters)
  const pages = useMediaPages(query, useDataVersion())
  const { sort: _sort, ...exportFilter } = query
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
        at={at}
        exportFilter={exportFilter}
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
  /** The item open in the viewer (`at=` in the URL): the grid's focus follows it. */
  readonly at: number | null
  /** What "export everything shown" exports: the query without its sort and paging. */
  readonly exportFilter: ExportFilter
  readonly onOpen: (index: number) => void
  readonly onClearFilters: () => void
}

function GalleryBody(props: GalleryBodyProps): ReactElement {
  const { pages, filters, at, exportFilter, onOpen, onClearFilters } = props
  const [focusIndex, setFocusIndex] = useState(at ?? 0)
  const [followed, setFollowed] = useState(at)
  // Stepping in the viewer (or following an `at=` link) moves the grid's focus along, the way
  // React's docs adjust state from props during render.
  if (at !== followed) {
    setFollowed(at)
    if (at !== null) setFocusIndex(at)
  }
  const [selection, setSelection] = useState<Selection>(emptySelection)
  const [exporting, setExporting] = useState(false)

  if (pages.total === 0) {
    return hasActiveFilters(filters) ? (
      <EmptyState
        title="Nothing matches these filters"
        action={{ label: 'Clear filters', onClick: onClearFilters }}
      >
        Try a shorter search or fewer filters.
      </EmptyState>
    ) : (
      <EmptyState
        title="No media yet"
        action={{ label: 'Add an account', onClick: () => navigate('#/settings') }}
      >
        <FirstRunSteps />
      </EmptyState>
    )
  }

  const total = pages.total ?? 0
  const exportScope: ExportScope =
    selection.ids.size > 0
      ? { kind: 'selection', mediaIds: [...selection.ids] }
      : { kind: 'filter', filter: exportFilter, count: total }

  return (
    <>
      <div className="gallery-toolbar">
        {selection.ids.size > 0 ? (
          <div className="selection-bar" role="status" data-testid="selection-bar">
            <span>{formatCount(selection.ids.size)} selected</span>
            <button type="button" className="link-button" onClick={() => setSelection(emptySelection)}>
              Clear selection
            </button>
          </div>
        ) : (
          <span className="toolbar-hint muted">
            Click to select · Shift or Ctrl/⌘ to select more · Enter or double-click opens
          </span>
        )}
        <button
          type="button"
          className="button button-secondary"
          disabled={total === 0}
          onClick={() => setExporting(true)}
          data-testid="export-button"
        >
          {selection.ids.size > 0
            ? `Export ${formatCount(selection.ids.size)} selected…`
            : `Export all ${formatCount(total)}…`}
        </button>
      </div>
      {exporting && <ExportDialog scope={exportScope} onClose={() => setExporting(false)} />}
      <MediaGrid
        pages={pages}
        total={total}
        focusIndex={focusIndex}
        onFocusIndex={setFocusIndex}
        selection={selection}
        onSelection={setSelection}
        onOpen={onOpen}
      />
    </>
  )
}
