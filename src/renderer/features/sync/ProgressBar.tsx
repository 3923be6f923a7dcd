// A labelled progress bar; the fill width is set through CSSOM, which the CSP allows.
import type { ReactElement } from 'react'

export interface ProgressBarProps {
  readonly value: number
  readonly max: number
  readonly label: string
}

export function ProgressBar({ value, max, label }: ProgressBarProps): ReactElement {
  const ratio = max > 0 ? Math.min(1, value / max) : 0
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div className="progress-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
    </div>
  )
}
