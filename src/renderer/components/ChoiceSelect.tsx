// A <select> over a fixed list of values, each shown by its label. The one place that turns the
// DOM's string back into the value type, so forms and filters need no casts of their own.
import type { ReactElement } from 'react'

export interface ChoiceSelectProps<T extends string> {
  readonly value: T
  /** In display order; '' is an ordinary choice (e.g. "Any") where a field may be empty. */
  readonly choices: readonly T[]
  readonly label: (choice: T) => string
  readonly onChange: (choice: T) => void
  readonly testId?: string
}

export function ChoiceSelect<T extends string>({
  value,
  choices,
  label,
  onChange,
  testId,
}: ChoiceSelectProps<T>): ReactElement {
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as T)} data-testid={testId}>
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {label(choice)}
        </option>
      ))}
    </select>
  )
}
