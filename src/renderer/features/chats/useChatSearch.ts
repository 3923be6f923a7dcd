// Search inside one chat: the catalog finds every matching message (ids and times, oldest first),
// the reviewer starts at the newest hit and steps through them; the words are marked in whatever
// messages are on screen.
import { useCallback, useState } from 'react'
import { parseSearch, type ParsedSearch } from '../../../shared/search-syntax'
import { call } from '../../bridge'

/** Hits asked for at once: the contract's cap, ids and times only (~40 bytes each). */
const maxHits = 10_000

export interface ChatSearch {
  readonly text: string
  readonly parsed: ParsedSearch | undefined
  readonly hits: readonly number[]
  readonly total: number
  /** `total` counts the hits found so far; more exist (chat:search's totalIsLowerBound). */
  readonly totalIsLowerBound: boolean
  /** A typed word's rarest completions were not searched (chat:search's `capped`). */
  readonly capped: boolean
  /** Which hit is shown (an index into `hits`), -1 before a search or with none. */
  readonly index: number
  readonly searching: boolean
  readonly error: Error | null
  run(text: string): void
  step(delta: 1 | -1): void
  clear(): void
}

interface Found {
  readonly text: string
  readonly parsed: ParsedSearch
  readonly hits: readonly number[]
  readonly total: number
  readonly totalIsLowerBound: boolean
  readonly capped: boolean
  readonly index: number
}

export function useChatSearch(chatId: number, onHit: (messageId: number) => void): ChatSearch {
  const [found, setFound] = useState<Found | null>(null)
  const [searching, setSearching] = useState(false)
  const [error, setError] = useState<Error | null>(null)

  const run = useCallback(
    (text: string): void => {
      const trimmed = text.trim()
      if (trimmed === '') {
        setFound(null)
        return
      }
      setSearching(true)
      call('chat:search', { chatId, search: trimmed, limit: maxHits }).then(
        (result) => {
          const hits = result.hits.map((hit) => hit.id)
          setSearching(false)
          setError(null)
          setFound({
            text: trimmed,
            parsed: parseSearch(trimmed),
            hits,
            total: result.total,
            totalIsLowerBound: result.totalIsLowerBound === true,
            capped: result.capped === true,
            index: hits.length - 1,
          })
          const newest = hits.at(-1)
          if (newest !== undefined) onHit(newest)
        },
        (failure: unknown) => {
          setSearching(false)
          setError(failure as Error)
        },
      )
    },
    [chatId, onHit],
  )

  const step = useCallback(
    (delta: 1 | -1): void => {
      if (!found || found.hits.length === 0) return
      const index = Math.min(found.hits.length - 1, Math.max(0, found.index + delta))
      setFound({ ...found, index })
      const hit = found.hits[index]
      if (hit !== undefined) onHit(hit)
    },
    [found, onHit],
  )

  return {
    text: found?.text ?? '',
    parsed: found?.parsed,
    hits: found?.hits ?? [],
    total: found?.total ?? 0,
    totalIsLowerBound: found?.totalIsLowerBound ?? false,
    capped: found?.capped ?? false,
    index: found?.index ?? -1,
    searching,
    error,
    run,
    step,
    clear: useCallback(() => setFound(null), []),
  }
}
