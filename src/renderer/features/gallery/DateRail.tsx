// The timeline's date header and scrubber: the date at the top of the grid, and a vertical slider
// down its right edge that scrolls through the whole result (a million items included) by row.
// A native range input, so it works by keyboard and screen reader too.
import type { ReactElement } from 'react'

export interface DateRailProps {
  /** The date shown at the top of the grid (the top row's first item), '' until it is loaded. */
  readonly topDate: string
  readonly topRow: number
  /** At the very top the first cell's day label says it already: the header shows once scrolled. */
  readonly scrolled: boolean
  readonly rowCount: number
  readonly onScrub: (row: number) => void
}

export function DateRail({ topDate, topRow, scrolled, rowCount, onScrub }: DateRailProps): ReactElement {
  return (
    <>
      {topDate !== '' && scrolled && (
        <div className="date-header" aria-hidden="true" data-testid="date-header">
          {topDate}
        </div>
      )}
      <input
        className="date-scrubber"
        type="range"
        min={0}
        max={Math.max(0, rowCount - 1)}
        step={1}
        value={topRow}
        onChange={(event) => onScrub(Number(event.target.value))}
        aria-label="Scroll through dates"
        aria-valuetext={topDate === '' ? `Row ${topRow + 1} of ${rowCount}` : topDate}
        data-testid="date-scrubber"
      />
    </>
  )
}
