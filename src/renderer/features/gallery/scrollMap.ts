// Browsers cap an element's height (Chromium near 33.5M px), and a million thumbnails in two
// columns are far taller than that. So the scrolled canvas is at most `maxCanvas` high, and when
// the real content is taller, the scroll position maps proportionally onto it: the top of the
// canvas is the first row, the bottom is the last, and rows are still laid out at their true
// spacing around the viewport. Plain functions, no DOM: unit-tested in test/unit/renderer/.

/** Well under every browser's limit, and scrollTop keeps sub-pixel precision at this size. */
export const maxCanvasHeight = 10_000_000

export interface ScrollMap {
  /** The height to give the scrolled canvas. */
  readonly canvasHeight: number
  /** Real content pixels per scrolled pixel: 1 unless the content exceeds the cap. */
  readonly ratio: number
  /** Offset into the real content shown at the viewport's top, for a scrollTop. */
  toContent(scrollTop: number): number
  /** The scrollTop that shows a real content offset at the viewport's top. */
  toScroll(contentTop: number): number
}

export function createScrollMap(
  contentHeight: number,
  viewportHeight: number,
  maxCanvas: number = maxCanvasHeight,
): ScrollMap {
  const content = Math.max(0, contentHeight)
  const viewport = Math.max(0, viewportHeight)
  if (content <= maxCanvas || content <= viewport) {
    const max = Math.max(0, content - viewport)
    return {
      canvasHeight: content,
      ratio: 1,
      toContent: (scrollTop) => clamp(scrollTop, 0, max),
      toScroll: (contentTop) => clamp(contentTop, 0, max),
    }
  }
  // Both ranges end where the last row sits at the viewport's bottom.
  const scrollRange = Math.max(1, maxCanvas - viewport)
  const contentRange = content - viewport
  const ratio = contentRange / scrollRange
  return {
    canvasHeight: maxCanvas,
    ratio,
    toContent: (scrollTop) => clamp(scrollTop, 0, scrollRange) * ratio,
    toScroll: (contentTop) => clamp(contentTop, 0, contentRange) / ratio,
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

export interface VisibleRow {
  readonly index: number
  /** Where the row goes on the canvas (its translateY). */
  readonly top: number
}

/**
 * Rows that intersect the viewport (plus `overscan` on each side) for a scrollTop, with their
 * canvas positions: relative to the scrolled position, so spacing stays exact at any ratio.
 */
export function visibleRows(
  map: ScrollMap,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan: number,
): VisibleRow[] {
  if (rowCount <= 0 || rowHeight <= 0) return []
  const contentTop = map.toContent(scrollTop)
  // The canvas offset that corresponds to contentTop (scrollTop itself, clamped the same way).
  const anchor = map.ratio === 1 ? contentTop : map.toScroll(contentTop)
  const first = Math.max(0, Math.floor(contentTop / rowHeight) - overscan)
  const last = Math.min(rowCount - 1, Math.floor((contentTop + viewportHeight) / rowHeight) + overscan)
  const rows: VisibleRow[] = []
  for (let index = first; index <= last; index += 1) {
    rows.push({ index, top: anchor + (index * rowHeight - contentTop) })
  }
  return rows
}

/**
 * The content offset to scroll to so `row` is visible: unchanged when it already is ('auto'),
 * else the nearest edge; 'start' puts it at the top.
 */
export function contentTopFor(
  row: number,
  rowHeight: number,
  currentTop: number,
  viewportHeight: number,
  align: 'auto' | 'start',
): number {
  const rowTop = row * rowHeight
  const rowBottom = rowTop + rowHeight
  if (align === 'start') return rowTop
  if (rowTop < currentTop) return rowTop
  if (rowBottom > currentTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight)
  return currentTop
}
