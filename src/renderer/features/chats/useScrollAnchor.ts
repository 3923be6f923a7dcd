// Keeps the reader's place in a conversation while what is around it changes: rows measured (an
// estimate corrected), a page added above or below, the far end cut off. Either the row a jump
// asked for stays where the jump put it (until the reader scrolls), or the message at the top of
// the viewport stays put, or, at the newest message, the bottom stays at the bottom (also when a
// sync adds messages there).
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'
import type { RowLayout } from '../../lib/scrollMap'
import type { ConversationRow } from './conversationRows'
import type { Focus } from './useConversation'

type Anchor = { readonly key: string; readonly delta: number } | 'bottom' | null

/** Where the viewport's top goes to place a focused row as asked. */
function focusTop(
  rows: readonly ConversationRow[],
  layout: RowLayout,
  focus: Focus,
  viewport: number,
): number | null {
  let index = rows.findIndex((row) => row.key === focus.key)
  if (index < 0) return null
  // A day's first message opens with its day separator above it.
  if (focus.align === 'start' && rows[index - 1]?.kind === 'day') index -= 1
  const top = layout.offsetOf(index)
  const height = layout.heightOf(index)
  if (focus.align === 'start') return top
  if (focus.align === 'end') return top + height - viewport
  return top - Math.max(0, viewport - height) / 2
}

export function useScrollAnchor(
  scrollRef: RefObject<HTMLElement | null>,
  rows: readonly ConversationRow[],
  layout: RowLayout,
  focus: Focus | null,
  /** The newest message of the chat is loaded: at the bottom, the view follows it. */
  holdsNewest: boolean,
  /** Called after each move, in the same layout pass (the virtualizer's `sync`). */
  moved: () => void,
): void {
  const pin = useRef<Focus | null>(null)
  const seenFocus = useRef(-1)
  const anchor = useRef<Anchor>(null)
  /** The scrollTop we set last: its scroll event is ours, not the reader's. */
  const ownScroll = useRef<number | null>(null)
  const latest = useRef({ rows, layout, holdsNewest })

  useLayoutEffect(() => {
    latest.current = { rows, layout, holdsNewest }
    const element = scrollRef.current
    if (!element) return
    if (focus && focus.seq !== seenFocus.current) {
      seenFocus.current = focus.seq
      // Landing at the end (the newest message) is staying there: new messages, and rows
      // measured taller than estimated, keep the bottom in view rather than the landing row.
      pin.current = focus.align === 'end' ? null : focus
      anchor.current = focus.align === 'end' ? 'bottom' : null
    }
    const viewport = element.clientHeight
    let target: number | null = null
    const held = anchor.current
    if (pin.current) target = focusTop(rows, layout, pin.current, viewport)
    else if (held === 'bottom') target = layout.total - viewport
    else if (held) {
      const index = rows.findIndex((row) => row.key === held.key)
      if (index >= 0) target = layout.offsetOf(index) - held.delta
    }
    if (target === null) return
    target = Math.min(Math.max(0, target), Math.max(0, layout.total - viewport))
    if (Math.abs(element.scrollTop - target) >= 1) {
      element.scrollTop = target
      ownScroll.current = element.scrollTop
      moved()
    }
  }, [scrollRef, rows, layout, focus, holdsNewest, moved])

  useEffect(() => {
    const element = scrollRef.current
    if (!element) return
    const onScroll = (): void => {
      const own = ownScroll.current !== null && Math.abs(element.scrollTop - ownScroll.current) < 1
      ownScroll.current = null
      if (!own) pin.current = null
      if (pin.current) return
      const { rows: current, layout: at, holdsNewest: newest } = latest.current
      if (newest && element.scrollTop + element.clientHeight >= at.total - 4) {
        anchor.current = 'bottom'
        return
      }
      // The first message at the top (a day separator moves when older messages of its day arrive).
      let index = at.indexAt(element.scrollTop)
      while (index < current.length - 1 && current[index]?.kind !== 'message') index += 1
      const row = current[index]
      anchor.current = row ? { key: row.key, delta: at.offsetOf(index) - element.scrollTop } : null
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    return () => element.removeEventListener('scroll', onScroll)
  }, [scrollRef])
}
