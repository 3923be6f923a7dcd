// Fixed-height row virtualization over a scroll element, through the capped scroll map: only the
// rows around the viewport are rendered, and the canvas never grows past what browsers can lay out.
//
// Our own rather than a library such as @tanstack/react-virtual: those size the canvas to the full
// content height and take scrollTop as a content position, so past Chromium's ~33.5M px cap a
// million-item gallery cannot scroll to its end (TanStack/virtual#460, open). Mapping the scroll
// onto a capped canvas breaks that assumption everywhere, and with fixed row heights the rest is
// a few lines of arithmetic (scrollMap.ts).
import { useCallback, useEffect, useState, type RefObject } from 'react'
import { contentTopFor, createScrollMap, visibleRows, type VisibleRow } from './scrollMap'

export interface VirtualRows {
  readonly canvasHeight: number
  readonly rows: readonly VisibleRow[]
  /** Rows that fit in the viewport (for PageUp / PageDown). */
  readonly pageRows: number
  /** The row at the viewport's top edge (for the date header and the scrubber). */
  readonly topRow: number
  scrollToRow(row: number, align?: 'auto' | 'start'): void
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
  rowCount: number,
  rowHeight: number,
  overscan = 3,
): VirtualRows {
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 800 })

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const update = (): void => {
      const next = measure(element)
      setViewport((previous) =>
        previous.scrollTop === next.scrollTop && previous.height === next.height ? previous : next,
      )
    }
    update()
    element.addEventListener('scroll', update, { passive: true })
    const observer = new ResizeObserver(update)
    observer.observe(element)
    return () => {
      element.removeEventListener('scroll', update)
      observer.disconnect()
    }
  }, [scrollRef])

  const map = createScrollMap(rowCount * rowHeight, viewport.height)
  const rows = visibleRows(map, viewport.scrollTop, viewport.height, rowHeight, rowCount, overscan)

  const scrollToRow = useCallback(
    (row: number, align: 'auto' | 'start' = 'auto'): void => {
      const element = scrollRef.current
      if (!element) return
      const current = measure(element)
      const live = createScrollMap(rowCount * rowHeight, current.height)
      const top = live.toContent(current.scrollTop)
      const target = contentTopFor(row, rowHeight, top, current.height, align)
      if (target === top) return
      // Scroll positions snap to whole pixels, each worth `ratio` content pixels: round towards
      // showing the whole row rather than clipping it.
      const exact = live.toScroll(target)
      element.scrollTop = live.ratio > 1 ? (target < top ? Math.floor(exact) : Math.ceil(exact)) : exact
    },
    [scrollRef, rowCount, rowHeight],
  )

  return {
    canvasHeight: map.canvasHeight,
    rows,
    pageRows: Math.max(1, Math.floor(viewport.height / Math.max(1, rowHeight))),
    topRow: Math.min(
      Math.max(0, rowCount - 1),
      Math.floor(map.toContent(viewport.scrollTop) / Math.max(1, rowHeight)),
    ),
    scrollToRow,
  }
}
