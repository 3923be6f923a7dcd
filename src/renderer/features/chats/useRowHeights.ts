// Rows of their own heights for the shared virtualizer: each row on screen is measured (one
// ResizeObserver for all of them), the rest are estimated until they have been on screen once.
// Heights are kept by row key, so a stretch loaded again (a jump back) lays out as it was.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { measuredLayout, type RowLayout } from '../../lib/scrollMap'

export interface RowHeights {
  readonly layout: RowLayout
  /** The ref callback of a rendered row element (it must carry `data-row-key`). */
  readonly measure: (element: HTMLElement | null) => (() => void) | undefined
}

/** Measured heights kept at most: the rows of a few long jumps; past it the cache starts over. */
const maxRemembered = 20_000

export function useRowHeights<Row extends { readonly key: string }>(
  rows: readonly Row[],
  estimate: (row: Row) => number,
): RowHeights {
  const [heights, setHeights] = useState<ReadonlyMap<string, number>>(() => new Map())
  const observer = useRef<ResizeObserver | null>(null)

  // Made on the first row's mount (ref callbacks run before effects), gone with the component.
  const observe = useCallback((element: HTMLElement): ResizeObserver => {
    observer.current ??= new ResizeObserver((entries) => {
      const measured = entries.flatMap((entry) => {
        const target = entry.target as HTMLElement
        const key = target.dataset.rowKey
        const height = entry.borderBoxSize[0]?.blockSize ?? target.offsetHeight
        // A detached row reports 0: its last real height stays.
        return key === undefined || height <= 0 ? [] : [[key, height] as const]
      })
      setHeights((previous) => {
        const changed = measured.filter(
          ([key, height]) => Math.abs((previous.get(key) ?? -1) - height) >= 0.5,
        )
        if (changed.length === 0) return previous
        const next = new Map(previous.size >= maxRemembered ? [] : previous)
        for (const [key, height] of changed) next.set(key, height)
        return next
      })
    })
    observer.current.observe(element)
    return observer.current
  }, [])
  useEffect(() => () => observer.current?.disconnect(), [])

  const measure = useCallback(
    (element: HTMLElement | null): (() => void) | undefined => {
      if (!element) return undefined
      const resize = observe(element)
      return () => resize.unobserve(element)
    },
    [observe],
  )

  const layout = useMemo(
    () => measuredLayout(rows.map((row) => heights.get(row.key) ?? estimate(row))),
    [rows, estimate, heights],
  )
  return { layout, measure }
}
