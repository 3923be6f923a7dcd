// The reviewer's tools above a conversation: search inside the chat (with the hit count and
// older/newer hit), jump to a date, jump to the newest message.
import { useState, type FormEvent, type ReactElement } from 'react'
import { cappedNote, searchHelp } from '../../../shared/search-syntax'
import { formatCount, formatTotal } from '../../lib/format'
import { startOfLocalDay } from './conversationRows'
import type { ChatSearch } from './useChatSearch'
import type { JumpTarget } from './useConversation'

export interface ChatToolsProps {
  readonly search: ChatSearch
  readonly onJump: (target: JumpTarget) => void
}

function hitLabel(search: ChatSearch): string {
  if (search.searching) return 'Searching…'
  if (search.text === '') return ''
  if (search.hits.length === 0) return 'No messages match'
  const capped = search.capped ? `. ${cappedNote}` : ''
  // Counted from the newest hit, where a search opens: older pages arriving renumber nothing.
  return `${formatCount(search.position)} of ${formatTotal(search.total, search.totalIsLowerBound)}${capped}`
}

export function ChatTools({ search, onJump }: ChatToolsProps): ReactElement {
  const [draft, setDraft] = useState('')
  const [day, setDay] = useState('')
  const submitSearch = (event: FormEvent): void => {
    event.preventDefault()
    if (draft.trim() !== '' && draft.trim() === search.text) search.step(-1)
    else search.run(draft)
  }
  const submitDay = (event: FormEvent): void => {
    event.preventDefault()
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) onJump({ kind: 'date', date: startOfLocalDay(day) })
  }
  const hasHits = search.hits.length > 0
  return (
    <div className="chat-tools">
      <form className="chat-search" role="search" onSubmit={submitSearch}>
        <input
          type="search"
          className="search-box"
          placeholder="Search in this chat…"
          aria-label="Search in this chat"
          title={searchHelp}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value)
            if (event.target.value === '') search.clear()
          }}
          onKeyDown={(event) => {
            // Enter goes to the next older hit (the form's submit); Shift+Enter to the newer one.
            if (event.key === 'Enter' && event.shiftKey && hasHits) {
              event.preventDefault()
              search.step(1)
            }
          }}
          data-testid="chat-search"
        />
        <span
          className="muted small hit-count"
          role="status"
          aria-live="polite"
          data-testid="chat-search-count"
        >
          {hitLabel(search)}
        </span>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => search.step(-1)}
          disabled={!hasHits || search.searching || (search.index <= 0 && !search.totalIsLowerBound)}
          data-testid="chat-search-older"
        >
          Older match
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => search.step(1)}
          disabled={!hasHits || search.index >= search.hits.length - 1}
          data-testid="chat-search-newer"
        >
          Newer match
        </button>
      </form>
      <form className="chat-jump" onSubmit={submitDay}>
        <label className="small" htmlFor="chat-jump-date">
          Go to date
        </label>
        <input
          id="chat-jump-date"
          type="date"
          value={day}
          onChange={(event) => setDay(event.target.value)}
          data-testid="chat-jump-date"
        />
        <button type="submit" className="button button-secondary" data-testid="chat-jump-go">
          Go
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onJump({ kind: 'newest' })}
          data-testid="chat-jump-newest"
        >
          Newest
        </button>
      </form>
    </div>
  )
}
