// A dialog's choice between a few options as radio buttons in a fieldset, each label followed by a
// grey hint ("Copy — independent files, the safe choice"): the export form's file mode and the
// remove-account dialog's archive choice. The options are data, so each form lists them once.
import type { ReactElement, ReactNode } from 'react'

export interface RadioChoice<T extends string> {
  readonly value: T
  readonly label: string
  /** What choosing it means, shown after a dash. */
  readonly hint: ReactNode
  readonly testId?: string
}

export interface RadioChoicesProps<T extends string> {
  readonly legend: string
  /** The radio group's name: one checked radio per name. */
  readonly name: string
  readonly choices: readonly RadioChoice<T>[]
  readonly value: T
  readonly onChange: (value: T) => void
  readonly disabled?: boolean
}

export function RadioChoices<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  disabled,
}: RadioChoicesProps<T>): ReactElement {
  return (
    <fieldset className="export-mode" disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="checkbox">
          <input
            type="radio"
            name={name}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
            data-testid={choice.testId}
          />
          <span>
            {choice.label} <span className="muted small">— {choice.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
