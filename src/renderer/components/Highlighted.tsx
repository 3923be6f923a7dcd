// Message text with the search's hits marked. Always text, never HTML; bidi controls made visible.
import type { ReactElement } from 'react'
import { matchRanges, type ParsedSearch } from '../../shared/search-syntax'
import { visibleBidi } from '../lib/text'

export interface HighlightedProps {
  readonly text: string
  readonly search?: ParsedSearch
}

export function Highlighted({ text, search }: HighlightedProps): ReactElement {
  const ranges = search ? matchRanges(text, search) : []
  if (ranges.length === 0) return <>{visibleBidi(text)}</>
  const parts: ReactElement[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) parts.push(<span key={`t${at}`}>{visibleBidi(text.slice(at, start))}</span>)
    parts.push(
      <mark key={`m${start}`} data-testid="search-hit">
        {visibleBidi(text.slice(start, end))}
      </mark>,
    )
    at = end
  }
  if (at < text.length) parts.push(<span key={`t${at}`}>{visibleBidi(text.slice(at))}</span>)
  return <>{parts}</>
}
