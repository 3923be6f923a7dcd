// "All media" (or one account's / chat's media): filters, the virtualized grid, and the viewer
// over the same result list. Filters and the open item live in the URL; the selection lives here,
// so it survives filter changes and one export can combine several searches.
import { useState, type ReactElement, type ReactNode } from 'react'
import { cappedNote, describeSearch, parseSearch } from '../../../shared/search-syntax'
import { EmptyState, FirstRunSteps } from '../../components/EmptyState'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useDataVersion } from '../../lib/dataVersion'
import { formatCount, formatTotal } from '../../lib/format'
import { mediaHref, navigate } from '../../lib/route'
import { visibleBidi } from '../../lib/text'
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
  type SearchQuery,
} from './filters'
import { idsOfQuery, selectAllLimit } from './selectAll'
import { emptySelection, type Selection } from './selection'
import { useThumbSize } from './thumbSize'
import { thumbSizes, type ThumbSize } from './useColumns'
import { useMediaPages, type MediaPages } from './useMediaPages'

export interface GalleryViewProps {
  readonly params: URLSearchParams
  readonly title: ReactNode
  /** The title as plain text, for the section's accessible name. */
  readonly titleText: string
}

function openIndex(params: URLSearchParams): number | null {
  const at = params.get('at')
  return at !== null && /^\d+$/.test(at) ? Number(at) : null
}

export function GalleryView({ params, title, titleText }: GalleryViewProps): ReactElement {
  const filters = parseFilters(params)
  const query = toQuery(filters)
  const pages = useMediaPages(query, useDataVersion())
  const { sort: _sort, ...exportFilter } = query
  const queryKey = filtersToParams(filters).toString()
  const at = openIndex(params)
  const [selection, setSelection] = useState<Selection>(emptySelection)
  const search = parseSearch(filters.search)

  const setFilters = (next: GalleryFilters, options?: { readonly replace?: boolean }): void => {
    // A shift-click range means nothing in another result list; the selected ids stay.
    setSelection((current) => (current.anchor === null ? current : { ...current, anchor: null }))
    navigate(mediaHref(filtersToParams(next)), options)
  }

  const setOpen = (index: number | null, replace: boolean): void => {
    const next = filtersToParams(filters)
    if (index !== null) next.set('at', String(index))
    navigate(mediaHref(next), { replace })
  }

  return (
    <section className="gallery" aria-label={titleText}>
      <div className="view-header">
        <h1 className="view-title" data-testid="gallery-title">
          {title}
        </h1>
        <span className="result-count" data-testid="result-count">
          {pages.total === null
            ? 'Loading…'
            : `${formatTotal(pages.total, pages.totalIsLowerBound)} item${
                pages.total === 1 && !pages.totalIsLowerBound ? '' : 's'
              }`}
        </span>
      </div>
      <FilterBar filters={filters} onChange={setFilters} />
      {filters.search.trim() !== '' && (
        <p className="search-explain muted small" data-testid="search-explain">
          {search.clauses.length === 0
            ? 'Nothing to search for in this text: showing everything.'
            : `Messages and fan names with ${visibleBidi(describeSearch(search))}`}
          {pages.capped && ` ${cappedNote}`}
        </p>
      )}
      {pages.error && <ErrorNotice error={pages.error} />}
      {/* A new query starts with a fresh focus. */}
      <GalleryBody
        key={queryKey}
        pages={pages}
        query={query}
        filters={filters}
        at={at}
        exportFilter={exportFilter}
        selection={selection}
        onSelection={setSelection}
        onOpen={(index) => setOpen(index, false)}
        onClearFilters={() => setFilters({ ...emptyFilters, sort: filters.sort })}
      />
      {/* Past a lower bound the viewer may step beyond the items found so far: its page is asked for. */}
      {at !== null && pages.total !== null && (pages.totalIsLowerBound || at < pages.total) && (
        <Viewer
          index={at}
          total={pages.total}
          totalIsLowerBound={pages.totalIsLowerBound}
          rowAt={pages.rowAt}
          ensureRange={pages.ensureRange}
          onIndex={(index) => setOpen(index, true)}
          onClose={() => setOpen(null, true)}
          search={search}
        />
      )}
    </section>
  )
}

interface GalleryBodyProps {
  readonly pages: MediaPages
  readonly query: SearchQuery
  readonly filters: GalleryFilters
  /** The item open in the viewer (`at=` in the URL): the grid's focus follows it. */
  readonly at: number | null
  /** What "export everything shown" exports: the query without its sort and paging. */
  readonly exportFilter: ExportFilter
  readonly selection: Selection
  readonly onSelection: (selection: Selection) => void
  readonly onOpen: (index: number) => void
  readonly onClearFilters: () => void
}

const sizeLabels: Readonly<Record<ThumbSize, string>> = { small: 'S', medium: 'M', large: 'L' }
const sizeNames: Readonly<Record<ThumbSize, string>> = {
  small: 'Small thumbnails',
  medium: 'Medium thumbnails',
  large: 'Large thumbnails',
}

function GalleryBody(props: GalleryBodyProps): ReactElement {
  const { pages, query, filters, at, exportFilter, selection, onSelection, onOpen, onClearFilters } = props
  const [focusIndex, setFocusIndex] = useState(at ?? 0)
  const [followed, setFollowed] = useState(at)
  // Stepping in the viewer (or following an `at=` link) moves the grid's focus along, the way
  // React's docs adjust state from props during render.
  if (at !== followed) {
    setFollowed(at)
    if (at !== null) setFocusIndex(at)
  }
  const [exporting, setExporting] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [thumbSize, setThumbSize] = useThumbSize()

  if (pages.total === 0) {
    return hasActiveFilters(filters) ? (
      <EmptyState
        title="Nothing matches these filters"
        action={{ label: 'Clear filters', onClick: onClearFilters }}
      >
        Try a shorter search or fewer filters.
        {selection.ids.size > 0 && ` Your ${formatCount(selection.ids.size)} selected items stay selected.`}
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
  const lowerBound = pages.totalIsLowerBound
  const exportScope: ExportScope =
    selection.ids.size > 0
      ? { kind: 'selection', mediaIds: [...selection.ids] }
      : { kind: 'filter', filter: exportFilter, count: total, countIsLowerBound: lowerBound }
  const tooMany = (shown: string): string =>
    `Ctrl+A selects up to ${formatCount(selectAllLimit)} items; this view has ${shown}. ` +
    'Narrow the filters, or clear the selection and use “Export all”.'

  const selectAll = (): void => {
    if (total > selectAllLimit) {
      setNotice(tooMany(formatTotal(total, lowerBound)))
      return
    }
    setNotice('Selecting every item in this view…')
    idsOfQuery(query).then(
      ({ ids, complete }) => {
        const next = new Set(selection.ids)
        for (const id of ids) next.add(id)
        onSelection({ ids: next, anchor: null })
        // Only a search whose total was a lower bound can turn out bigger than the cap here.
        setNotice(complete ? null : `${tooMany('more')} The first ${formatCount(ids.length)} are selected.`)
      },
      (error: unknown) => setNotice(`Could not select everything: ${(error as Error).message}`),
    )
  }

  return (
    <>
      <div className="gallery-toolbar">
        {selection.ids.size > 0 ? (
          <div className="selection-bar" role="status" data-testid="selection-bar">
            <span>{formatCount(selection.ids.size)} selected</span>
            <button type="button" className="link-button" onClick={() => onSelection(emptySelection)}>
              Clear selection
            </button>
          </div>
        ) : (
          <span className="toolbar-hint muted">
            Click to select · Shift or Ctrl/⌘ to select more · Ctrl/⌘+A selects all · Enter or double-click
            opens · the selection stays when you search again
          </span>
        )}
        <div className="chip-group" role="radiogroup" aria-label="Thumbnail size">
          {(Object.keys(thumbSizes) as ThumbSize[]).map((size) => (
            <button
              key={size}
              type="button"
              role="radio"
              className="chip"
              aria-checked={thumbSize === size}
              aria-label={sizeNames[size]}
              title={sizeNames[size]}
              onClick={() => setThumbSize(size)}
              data-testid={`thumb-${size}`}
            >
              {sizeLabels[size]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button-secondary"
          disabled={total === 0}
          onClick={() => setExporting(true)}
          data-testid="export-button"
        >
          {selection.ids.size > 0
            ? `Export ${formatCount(selection.ids.size)} selected…`
            : `Export all ${formatTotal(total, lowerBound)}…`}
        </button>
      </div>
      {notice && (
        <p className="gallery-notice small" role="status" data-testid="gallery-notice">
          {notice}
        </p>
      )}
      {exporting && <ExportDialog scope={exportScope} onClose={() => setExporting(false)} />}
      <MediaGrid
        pages={pages}
        total={pages.cells ?? 0}
        focusIndex={focusIndex}
        onFocusIndex={setFocusIndex}
        selection={selection}
        onSelection={onSelection}
        onSelectAll={selectAll}
        onOpen={onOpen}
        minCell={thumbSizes[thumbSize]}
        byDate={filters.sort === 'newest' || filters.sort === 'oldest'}
      />
    </>
  )
}
