// Search inside one chat: the catalog finds the matching messages a page at a time from the newest
// (ids and times, oldest first); the reviewer starts at the newest hit and steps through them,
// asking for the next older page when it steps past the oldest it holds. The words are marked in
// whatever messages are on screen.
import { useCallback, useRef, useState } from 'react'
import { chatSearchPage } from '../../../shared/vocabulary'
import { parseSearch, type ParsedSearch } from '../../../shared/search-syntax'
import { call } from '../../bridge'

export interface ChatSearch {
  readonly text: string
  readonly parsed: ParsedSearch | undefined
  /** The hits found so far, oldest first. */
  readonly hits: readonly number[]
  readonly total: number
  /** More hits exist, older than `hits` (chat:search's totalIsLowerBound). */
  readonly totalIsLowerBound: boolean
  /** A typed word's rarest completions were not searched (chat:search's `capped`). */
  readonly capped: boolean
  /** Which hit is shown (an index into `hits`), -1 before a search or with none. */
  readonly index: number
  /** The shown hit counted from the newest (1 is the newest), 0 with none. */
  readonly position: number
  /** A search or the next older page is being fetched. */
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
  readonly totalIsLowerBound: boolean
  /** chat:search's `olderFrom`: the cursor of the next older page. */
  readonly olderFrom: number | undefined
  readonly capped: boolean
  readonly index: number
}

export function useChatSearch(chatId: number, onHit: (messageId: number) => void): ChatSearch {
  const [found, setFound] = useState<Found | null>(null)
  const [searching, setSearching] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  // Answers of a search the user has since replaced (or cleared) are dropped.
  const generation = useRef(0)

  const fetchPage = useCallback(
    (text: string, before: number | undefined, use: (found: Omit<Found, 'index'>) => void): void => {
      const current = generation.current
      setSearching(true)
      call('chat:search', {
        chatId,
        search: text,
        limit: chatSearchPage,
        ...(before !== undefined && { before }),
      }).then(
        (result) => {
          if (current !== generation.current) return
          setSearching(false)
          setError(null)
          use({
            text,
            parsed: parseSearch(text),
            hits: result.hits.map((hit) => hit.id),
            totalIsLowerBound: result.totalIsLowerBound === true,
            olderFrom: result.olderFrom,
            capped: result.capped === true,
          })
        },
        (failure: unknown) => {
          if (current !== generation.current) return
          setSearching(false)
          setError(failure as Error)
        },
      )
    },
    [chatId],
  )

  const run = useCallback(
    (text: string): void => {
      const trimmed = text.trim()
      generation.current++
      if (trimmed === '') {
        setFound(null)
        setSearching(false)
        return
      }
      fetchPage(trimmed, undefined, (page) => {
        setFound({ ...page, index: page.hits.length - 1 })
        const newest = page.hits.at(-1)
        if (newest !== undefined) onHit(newest)
      })
    },
    [fetchPage, onHit],
  )

  const step = useCallback(
    (delta: 1 | -1): void => {
      if (!found || found.hits.length === 0 || searching) return
      if (delta === -1 && found.index === 0 && found.olderFrom !== undefined) {
        // Past the oldest hit held: the next older page goes in front, and the walk steps onto its newest.
        fetchPage(found.text, found.olderFrom, (page) => {
          const known = new Set(found.hits)
          const older = page.hits.filter((id) => !known.has(id))
          setFound({ ...page, hits: [...older, ...found.hits], index: older.length - 1 })
          const hit = older.at(-1)
          if (hit !== undefined) onHit(hit)
        })
        return
      }
      const index = Math.min(found.hits.length - 1, Math.max(0, found.index + delta))
      setFound({ ...found, index })
      const hit = found.hits[index]
      if (hit !== undefined) onHit(hit)
    },
    [found, searching, fetchPage, onHit],
  )

  const hits = found?.hits ?? []
  return {
    text: found?.text ?? '',
    parsed: found?.parsed,
    hits,
    total: hits.length,
    totalIsLowerBound: found?.totalIsLowerBound ?? false,
    capped: found?.capped ?? false,
    index: found?.index ?? -1,
    position: found && found.index >= 0 ? hits.length - found.index : 0,
    searching,
    error,
    run,
    step,
    clear: useCallback(() => {
      generation.current++
      setFound(null)
      setSearching(false)
    }, []),
  }
}
