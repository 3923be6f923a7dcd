// Row virtualization over a scroll element, through the capped scroll map: only the rows around the
// viewport are rendered, and the canvas never grows past what browsers can lay out. The one
// virtualizer of the app: the gallery's grid rows (one height) and the chat's messages (each its
// own measured height, see features/chats/useRowHeights.ts) both go through it.
//
// Our own rather than a library such as @tanstack/react-virtual: those size the canvas to the full
// content height and take scrollTop as a content position, so past Chromium's ~33.5M px cap a
// million-item gallery cannot scroll to its end (TanStack/virtual#460, open). Mapping the scroll
// onto a capped canvas breaks that assumption everywhere, and with a row layout the rest is a few
// lines of arithmetic (scrollMap.ts).
import { useCallback, useEffect, useState, type RefObject } from 'react'
import { contentTopFor, createScrollMap, visibleRows, type RowLayout, type VisibleRow } from './scrollMap'

export interface VirtualRows {
  readonly canvasHeight: number
  readonly rows: readonly VisibleRow[]
  /** Rows of the first row's height that fit in the viewport (the grid's PageUp / PageDown). */
  readonly pageRows: number
  /** The row at the viewport's top edge (for the date header and the scrubber). */
  readonly topRow: number
  /** The viewport's height (the scroll element's, less its padding). */
  readonly viewportHeight: number
  scrollToRow(row: number, align?: 'auto' | 'start'): void
  /**
   * Reads the scroll position now. For whoever moves it from a layout effect: the rows for the new
   * position are then rendered before the browser paints, not a frame later on the scroll event.
   */
  sync(): void
}

interface Viewport {
  readonly scrollTop: number
  /** The scroll element's height minus its vertical padding: the canvas's share of it. */
  readonly height: number
}

function measure(element: HTMLElement): Viewport {
  const style = getComputedStyle(element)
  const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)
  return { scrollTop: element.scrollTop, height: Math.max(0, element.clientHeight - padding) }
}

export function useVirtualRows(
  scrollRef: RefObject<HTMLElement | null>,
  layout: RowLayout,
  overscan = 3,
): VirtualRows {
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 800 })

  const sync = useCallback((): void => {
    const element = scrollRef.current
    if (!element) return
    const next = measure(element)
    setViewport((previous) =>
      previous.scrollTop === next.scrollTop && previous.height === next.height ? previous : next,
    )
  }, [scrollRef])

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const update = sync
    update()
    element.addEventListener('scroll', update, { passive: true })
    const observer = new ResizeObserver(update)
    observer.observe(element)
    return () => {
      element.removeEventListener('scroll', update)
      observer.disconnect()
    }
  }, [scrollRef, sync])

  const map = createScrollMap(layout.total, viewport.height)
  const rows = visibleRows(map, viewport.scrollTop, viewport.height, layout, overscan)

  const scrollToRow = useCallback(
    (row: number, align: 'auto' | 'start' = 'auto'): void => {
      const element = scrollRef.current
      if (!element) return
      const current = measure(element)
      const live = createScrollMap(layout.total, current.height)
      const top = live.toContent(current.scrollTop)
      const target = contentTopFor(row, layout, top, current.height, align)
      if (target === top) return
      // Scroll positions snap to whole pixels, each worth `ratio` content pixels: round towards
      // showing the whole row rather than clipping it.
      const exact = live.toScroll(target)
      element.scrollTop = live.ratio > 1 ? (target < top ? Math.floor(exact) : Math.ceil(exact)) : exact
    },
    [scrollRef, layout],
  )

  return {
    canvasHeight: map.canvasHeight,
    rows,
    pageRows: Math.max(1, Math.floor(viewport.height / Math.max(1, layout.heightOf(0)))),
    topRow: layout.indexAt(map.toContent(viewport.scrollTop)),
    viewportHeight: viewport.height,
    scrollToRow,
    sync,
  }
}
