// Browsers cap an element's height (Chromium near 33.5M px), and a million thumbnails in two
// columns are far taller than that. So the scrolled canvas is at most `maxCanvas` high, and when
// the real content is taller, the scroll position maps proportionally onto it: the top of the
// canvas is the first row, the bottom is the last, and rows are still laid out at their true
// spacing around the viewport. Rows have one height (the gallery's grid rows) or each its own,
// measured (the chat's messages): a RowLayout answers where a row is and which row is at an offset.
// Plain functions, no DOM: unit-tested in test/unit/renderer/.

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

/** Where each row of a list is: fixed heights are arithmetic, measured ones prefix sums. */
export interface RowLayout {
  readonly count: number
  /** Every row's height added up: the real content height. */
  readonly total: number
  offsetOf(index: number): number
  heightOf(index: number): number
  /** The row that covers `offset` (the first or last row past either end). */
  indexAt(offset: number): number
}

export function fixedLayout(count: number, rowHeight: number): RowLayout {
  const height = Math.max(0, rowHeight)
  return {
    count,
    total: count * height,
    offsetOf: (index) => index * height,
    heightOf: () => height,
    indexAt: (offset) => (count === 0 || height === 0 ? 0 : clamp(Math.floor(offset / height), 0, count - 1)),
  }
}

/** Rows of their own heights (measured, or estimated until they are). */
export function measuredLayout(heights: readonly number[]): RowLayout {
  const offsets = new Float64Array(heights.length + 1)
  heights.forEach((height, i) => {
    offsets[i + 1] = (offsets[i] ?? 0) + Math.max(0, height)
  })
  const count = heights.length
  return {
    count,
    total: offsets[count] ?? 0,
    offsetOf: (index) => offsets[clamp(index, 0, count)] ?? 0,
    heightOf: (index) => Math.max(0, heights[index] ?? 0),
    indexAt: (offset) => {
      if (count === 0) return 0
      // The last row whose top is at or above `offset`.
      let low = 0
      let high = count - 1
      while (low < high) {
        const mid = (low + high + 1) >> 1
        if ((offsets[mid] ?? 0) <= offset) low = mid
        else high = mid - 1
      }
      return low
    },
  }
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
  layout: RowLayout,
  overscan: number,
): VisibleRow[] {
  if (layout.count <= 0 || layout.total <= 0) return []
  const contentTop = map.toContent(scrollTop)
  // The canvas offset that corresponds to contentTop (scrollTop itself, clamped the same way).
  const anchor = map.ratio === 1 ? contentTop : map.toScroll(contentTop)
  const first = Math.max(0, layout.indexAt(contentTop) - overscan)
  const last = Math.min(layout.count - 1, layout.indexAt(contentTop + viewportHeight) + overscan)
  const rows: VisibleRow[] = []
  for (let index = first; index <= last; index += 1) {
    rows.push({ index, top: anchor + (layout.offsetOf(index) - contentTop) })
  }
  return rows
}

/**
 * The content offset to scroll to so `row` is visible: unchanged when it already is ('auto'),
 * else the nearest edge; 'start' puts it at the top.
 */
export function contentTopFor(
  row: number,
  layout: RowLayout,
  currentTop: number,
  viewportHeight: number,
  align: 'auto' | 'start',
): number {
  const rowTop = layout.offsetOf(row)
  const rowBottom = rowTop + layout.heightOf(row)
  if (align === 'start') return rowTop
  if (rowTop < currentTop) return rowTop
  if (rowBottom > currentTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight)
  return currentTop
}
