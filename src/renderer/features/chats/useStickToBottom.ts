// Chats open at their newest message, and loading older messages above keeps the reader's place
// instead of jumping to the top.
import { useLayoutEffect, useRef, type RefObject } from 'react'

interface Snapshot {
  readonly first: unknown
  readonly height: number
}

export function useStickToBottom(items: readonly unknown[]): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement>(null)
  const previous = useRef<Snapshot | null>(null)

  useLayoutEffect(() => {
    const element = ref.current
    if (!element || items.length === 0) return
    const before = previous.current
    if (before === null) {
      element.scrollTop = element.scrollHeight
    } else if (before.first !== items[0]) {
      // Older messages were prepended: shift by exactly the height they added.
      element.scrollTop += element.scrollHeight - before.height
    }
    previous.current = { first: items[0], height: element.scrollHeight }
  }, [items])

  return ref
}
