// How many thumbnail columns fit the grid's width, following window and sidebar resizes.
import { useEffect, useState, type RefObject } from 'react'

export const cellGap = 8
const minCell = 150

export interface GridMetrics {
  readonly columns: number
  readonly cellSize: number
}

export function metricsFor(width: number): GridMetrics {
  const columns = Math.max(1, Math.floor((width + cellGap) / (minCell + cellGap)))
  const cellSize = Math.max(minCell / 2, Math.floor((width - cellGap * (columns - 1)) / columns))
  return { columns, cellSize }
}

export function useColumns(ref: RefObject<HTMLElement | null>): GridMetrics {
  const [metrics, setMetrics] = useState<GridMetrics>({ columns: 4, cellSize: minCell })
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const update = (): void => {
      // clientWidth includes padding; the grid's content box is what the cells share.
      const style = getComputedStyle(element)
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
      const next = metricsFor(element.clientWidth - padding)
      setMetrics((previous) =>
        previous.columns === next.columns && previous.cellSize === next.cellSize ? previous : next,
      )
    }
    update()
    const observer = new ResizeObserver(update)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return metrics
}
