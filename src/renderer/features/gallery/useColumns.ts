// How many thumbnail columns fit the grid's width, following window and sidebar resizes.
import { useEffect, useState, type RefObject } from 'react'

export const cellGap = 8

/** The thumbnail sizes the toolbar offers: the narrowest a cell may get, in CSS pixels. */
export const thumbSizes = { small: 100, medium: 150, large: 240 } as const
export type ThumbSize = keyof typeof thumbSizes

export interface GridMetrics {
  readonly columns: number
  readonly cellSize: number
}

export function metricsFor(width: number, minCell: number = thumbSizes.medium): GridMetrics {
  const columns = Math.max(1, Math.floor((width + cellGap) / (minCell + cellGap)))
  const cellSize = Math.max(minCell / 2, Math.floor((width - cellGap * (columns - 1)) / columns))
  return { columns, cellSize }
}

export function useColumns(ref: RefObject<HTMLElement | null>, minCell: number): GridMetrics {
  const [metrics, setMetrics] = useState<GridMetrics>({ columns: 4, cellSize: minCell })
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const update = (): void => {
      // clientWidth includes padding; the grid's content box is what the cells share.
      const style = getComputedStyle(element)
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
      const next = metricsFor(element.clientWidth - padding, minCell)
      setMetrics((previous) =>
        previous.columns === next.columns && previous.cellSize === next.cellSize ? previous : next,
      )
    }
    update()
    const observer = new ResizeObserver(update)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, minCell])
  return metrics
}
