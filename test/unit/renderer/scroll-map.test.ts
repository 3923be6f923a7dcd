import { describe, expect, it } from 'vitest'
import {
  contentTopFor,
  createScrollMap,
  fixedLayout,
  measuredLayout,
  maxCanvasHeight,
  visibleRows,
} from '../../../src/renderer/lib/scrollMap'

const rowHeight = 158
const viewport = 900

describe('scroll map', () => {
  it('is the identity while the content fits under the cap', () => {
    const map = createScrollMap(4000 * rowHeight, viewport)
    expect(map.canvasHeight).toBe(4000 * rowHeight)
    expect(map.ratio).toBe(1)
    expect(map.toContent(12_345)).toBe(12_345)
    expect(map.toScroll(12_345)).toBe(12_345)
  })

  it('caps the canvas for a million items and maps both ends exactly', () => {
    const rows = Math.ceil(1_000_000 / 2)
    const content = rows * rowHeight
    const map = createScrollMap(content, viewport)
    expect(content).toBeGreaterThan(33_554_432)
    expect(map.canvasHeight).toBe(maxCanvasHeight)
    const maxScroll = map.canvasHeight - viewport
    expect(map.toContent(0)).toBe(0)
    expect(map.toContent(maxScroll)).toBeCloseTo(content - viewport, 3)
    expect(map.toScroll(content - viewport)).toBeCloseTo(maxScroll, 6)
    // Beyond the ends it clamps rather than extrapolating.
    expect(map.toContent(maxScroll + 500)).toBeCloseTo(content - viewport, 3)
    expect(map.toScroll(-10)).toBe(0)
  })

  it('round-trips every position', () => {
    const map = createScrollMap(500_000 * rowHeight, viewport)
    for (const top of [0, 1, 999, 5_000_000.5, 40_000_000, 500_000 * rowHeight - viewport]) {
      expect(map.toContent(map.toScroll(top))).toBeCloseTo(top, 4)
    }
  })

  it('lays the visible rows out at their true spacing around the scrolled position', () => {
    const rowCount = 500_000
    const map = createScrollMap(rowCount * rowHeight, viewport)
    const scrollTop = 4_321_000
    const rows = visibleRows(map, scrollTop, viewport, fixedLayout(rowCount, rowHeight), 2)
    const contentTop = map.toContent(scrollTop)
    const firstVisible = Math.floor(contentTop / rowHeight)
    expect(rows[0]?.index).toBe(firstVisible - 2)
    for (let i = 1; i < rows.length; i += 1) {
      expect((rows[i]?.top ?? 0) - (rows[i - 1]?.top ?? 0)).toBeCloseTo(rowHeight, 6)
    }
    // The first visible row straddles the viewport's top edge (the scrolled position).
    const visible = rows.find((row) => row.index === firstVisible)
    expect(visible?.top).toBeLessThanOrEqual(scrollTop + 1e-6)
    expect((visible?.top ?? 0) + rowHeight).toBeGreaterThan(scrollTop)
    expect(rows.length).toBeLessThan(20)
  })

  it('puts the last row at the bottom of the canvas when scrolled to the end', () => {
    const rowCount = 500_000
    const map = createScrollMap(rowCount * rowHeight, viewport)
    const end = map.canvasHeight - viewport
    const rows = visibleRows(map, end, viewport, fixedLayout(rowCount, rowHeight), 3)
    const last = rows[rows.length - 1]
    expect(last?.index).toBe(rowCount - 1)
    expect((last?.top ?? 0) + rowHeight).toBeCloseTo(map.canvasHeight, 3)
  })

  const grid = fixedLayout(1_000_000, rowHeight)
  it('scrolls to an item: unchanged when visible, else the nearest edge or its start', () => {
    expect(contentTopFor(10, grid, 10 * rowHeight - 50, viewport, 'auto')).toBe(10 * rowHeight - 50)
    expect(contentTopFor(10, grid, 10 * rowHeight + 50, viewport, 'auto')).toBe(10 * rowHeight)
    expect(contentTopFor(10, grid, 0, viewport, 'auto')).toBe(11 * rowHeight - viewport)
    expect(contentTopFor(3, grid, 0, viewport, 'auto')).toBe(0)
    expect(contentTopFor(400_000, grid, 0, viewport, 'start')).toBe(400_000 * rowHeight)
  })

  it('handles an empty grid and a viewport taller than the content', () => {
    const empty = createScrollMap(0, viewport)
    expect(empty.canvasHeight).toBe(0)
    expect(visibleRows(empty, 0, viewport, fixedLayout(0, rowHeight), 3)).toEqual([])
    const short = createScrollMap(2 * rowHeight, viewport)
    expect(visibleRows(short, 0, viewport, fixedLayout(2, rowHeight), 3).map((row) => row.top)).toEqual([
      0,
      rowHeight,
    ])
  })

  it('lays out rows of their own heights: offsets, the row at an offset, the visible ones', () => {
    const layout = measuredLayout([40, 100, 20, 300, 60])
    expect(layout.total).toBe(520)
    expect([0, 1, 2, 3, 4, 5].map((i) => layout.offsetOf(i))).toEqual([0, 40, 140, 160, 460, 520])
    expect([0, 39, 40, 139, 140, 159, 160, 459, 460, 519, 9999, -5].map((o) => layout.indexAt(o))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 0,
    ])
    const map = createScrollMap(layout.total, 100)
    const rows = visibleRows(map, 150, 100, layout, 0)
    expect(rows).toEqual([
      { index: 2, top: 140 },
      { index: 3, top: 160 },
    ])
    // A row taller than the viewport: 'auto' brings its top in when it is above.
    expect(contentTopFor(3, layout, 470, 100, 'auto')).toBe(160)
    expect(contentTopFor(4, layout, 0, 100, 'auto')).toBe(420)
    expect(measuredLayout([]).indexAt(10)).toBe(0)
  })
})
