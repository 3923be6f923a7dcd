// The virtualized thumbnail grid: only the rows in (and just around) the viewport exist in the
// DOM, whatever the catalog's size, and the canvas stays under browsers' height limit (see
// scrollMap.ts). The grid itself holds keyboard focus and points at the active cell with
// aria-activedescendant, so focus survives cells being recycled while scrolling.
import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react'
import { formatDate, formatShortDate } from '../../lib/format'
import { DateRail } from './DateRail'
import { MediaCell } from './MediaCell'
import { clickSelect, emptySelection, moveFocus, type Selection } from './selection'
import { cellGap, useColumns } from './useColumns'
import type { MediaPages } from './useMediaPages'
import { fixedLayout } from '../../lib/scrollMap'
import { useVirtualRows } from '../../lib/useVirtualRows'

export interface MediaGridProps {
  readonly pages: MediaPages
  readonly total: number
  readonly focusIndex: number
  readonly onFocusIndex: (index: number) => void
  readonly selection: Selection
  readonly onSelection: (selection: Selection) => void
  readonly onSelectAll: () => void
  readonly onOpen: (index: number) => void
  /** The narrowest a thumbnail may get (the toolbar's size control). */
  readonly minCell: number
  /** Sorted by date: day labels on the cells and the date rail make sense. */
  readonly byDate: boolean
}

/** The local calendar day of an ISO time, for comparing neighbours. */
function dayOf(iso: string): string {
  const date = new Date(iso)
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`
}

export function MediaGrid(props: MediaGridProps): ReactElement {
  const { pages, total, focusIndex, onFocusIndex, selection, onSelection, onSelectAll, onOpen } = props
  const { minCell, byDate } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const { columns, cellSize } = useColumns(scrollRef, minCell)
  const rowCount = Math.ceil(total / columns)
  const rowHeight = cellSize + cellGap
  const { canvasHeight, rows, pageRows, topRow, scrollToRow } = useVirtualRows(
    scrollRef,
    useMemo(() => fixedLayout(rowCount, rowHeight), [rowCount, rowHeight]),
  )

  const firstRow = rows[0]?.index ?? 0
  const lastRow = rows[rows.length - 1]?.index ?? 0
  useEffect(() => {
    if (total > 0) pages.ensureRange(firstRow * columns, (lastRow + 1) * columns - 1)
  }, [pages, firstRow, lastRow, columns, total])

  // Whatever moved the focus (keys, a click, the viewer stepping, an `at=` link), it stays in view;
  // a new column count moves the focused row, so that re-scrolls too.
  // Only a focus move scrolls: new rows arriving from a finished sync must not pull the view back.
  const focusRow = Math.floor(focusIndex / columns)
  const hasItems = total > 0
  const latestScrollToRow = useRef(scrollToRow)
  useEffect(() => {
    latestScrollToRow.current = scrollToRow
  }, [scrollToRow])
  useEffect(() => {
    if (hasItems) latestScrollToRow.current(focusRow)
  }, [focusRow, hasItems])

  const idAt = (index: number): number | undefined => pages.rowAt(index)?.id

  const dayLabel = (index: number): string | null => {
    if (!byDate) return null
    const row = pages.rowAt(index)
    if (!row) return null
    if (index === 0) return formatShortDate(row.createdAt)
    const previous = pages.rowAt(index - 1)
    if (!previous || dayOf(previous.createdAt) === dayOf(row.createdAt)) return null
    return formatShortDate(row.createdAt)
  }
  const topItem = pages.rowAt(topRow * columns)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault()
      onSelectAll()
      return
    }
    if (event.key === 'Enter') {
      event.preventDefault()
      if (total > 0) onOpen(focusIndex)
      return
    }
    if (event.key === ' ') {
      event.preventDefault()
      onSelection(clickSelect(selection, focusIndex, { shift: event.shiftKey, toggle: true }, idAt))
      return
    }
    if (event.key === 'Escape' && selection.ids.size > 0) {
      onSelection(emptySelection)
      return
    }
    const next = moveFocus(focusIndex, event.key, columns, total, pageRows)
    if (next === null) return
    event.preventDefault()
    if (event.shiftKey) onSelection(clickSelect(selection, next, { shift: true, toggle: false }, idAt))
    onFocusIndex(next)
  }

  const onCellClick = (index: number, event: MouseEvent): void => {
    onSelection(
      clickSelect(selection, index, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }, idAt),
    )
    onFocusIndex(index)
    scrollRef.current?.focus({ preventScroll: true })
  }

  return (
    <div className="grid-frame">
      <div
        ref={scrollRef}
        id="media-grid"
        className="grid-scroll"
        role="grid"
        aria-label="Media"
        aria-rowcount={rowCount}
        aria-multiselectable="true"
        aria-activedescendant={total > 0 ? `cell-${focusIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="media-grid"
      >
        <div className="grid-canvas" style={{ height: canvasHeight }} data-testid="grid-canvas">
          {rows.map((item) => (
            <div
              key={item.index}
              className="grid-row"
              role="row"
              aria-rowindex={item.index + 1}
              style={{
                transform: `translateY(${item.top}px)`,
                height: cellSize,
                gridTemplateColumns: `repeat(${columns}, ${cellSize}px)`,
              }}
            >
              {Array.from({ length: columns }, (_, column) => {
                const index = item.index * columns + column
                if (index >= total) return null
                return (
                  <MediaCell
                    key={index}
                    index={index}
                    row={pages.rowAt(index)}
                    focused={index === focusIndex}
                    selected={selection.ids.has(pages.rowAt(index)?.id ?? -1)}
                    dayLabel={dayLabel(index)}
                    onClick={onCellClick}
                    onOpen={onOpen}
                  />
                )
              })}
            </div>
          ))}
        </div>
      </div>
      {byDate && rowCount > 1 && (
        <DateRail
          topDate={topItem ? formatDate(topItem.createdAt) : ''}
          scrolled={topRow > 0}
          topRow={topRow}
          rowCount={rowCount}
          onScrub={(row) => scrollToRow(row, 'start')}
        />
      )}
    </div>
  )
}
