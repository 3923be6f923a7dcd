// Free-text search that waits for a pause in typing before it changes the URL (and the query).
import { useEffect, useState, type ReactElement } from 'react'
import { searchHelp } from '../../../shared/search-syntax'

export interface SearchBoxProps {
  readonly value: string
  readonly onChange: (value: string) => void
}

const debounceMs = 250

export function SearchBox({ value, onChange }: SearchBoxProps): ReactElement {
  const [draft, setDraft] = useState(value)
  const [seen, setSeen] = useState(value)
  // Back/forward changes the URL under us: adopt its value, the way React's docs adjust state
  // from props during render rather than in an effect.
  if (value !== seen) {
    setSeen(value)
    setDraft(value)
  }

  useEffect(() => {
    if (draft === value) return
    const timer = setTimeout(() => onChange(draft), debounceMs)
    return () => clearTimeout(timer)
  }, [draft, value, onChange])

  return (
    <span className="search-field">
      <input
        className="search-box"
        type="search"
        placeholder="Search messages, fans, usernames…"
        aria-label="Search"
        aria-describedby="search-help-text"
        title={searchHelp}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onChange(draft)
        }}
        data-testid="search"
      />
      <details className="search-help">
        <summary title={searchHelp} aria-label="How search works">
          ?
        </summary>
        <p id="search-help-text" className="search-help-text" data-testid="search-help">
          {searchHelp}
        </p>
      </details>
    </span>
  )
}
