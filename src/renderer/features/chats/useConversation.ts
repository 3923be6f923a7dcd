// The stretch of one chat the reviewer holds: a page around where it was opened (the newest
// messages, a date, one message), grown a page at a time as the reader scrolls past either end,
// and cut at the far end so it never holds more than `maxLoaded` messages however long the chat.
// Jumping (to a date, a search hit, the newest message) replaces it.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { ChatAnchor, ConversationMessage } from '../../../shared/contract'
import { BridgeError, call } from '../../bridge'
import { messageKey } from './conversationRows'

/** Messages per request: a few screens of a chat, one indexed walk in the catalog (~ms). */
export const pageSize = 60
/**
 * The most messages held at once. Only the rows on screen are in the DOM whatever this is; it
 * bounds memory and the canvas (300 rows of at most a few thousand px each stay far under the
 * scroll map's cap) while keeping a few pages of slack either side of the reader.
 */
export const maxLoaded = 300

export type JumpTarget =
  | { readonly kind: 'newest' }
  | { readonly kind: 'oldest' }
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'message'; readonly messageId: number }

/** The row a jump lands on and how it is placed in the viewport; `seq` tells jumps apart. */
export interface Focus {
  readonly key: string
  readonly align: 'start' | 'center' | 'end'
  readonly seq: number
}

export interface Conversation {
  readonly messages: readonly ConversationMessage[]
  readonly hasOlder: boolean
  readonly hasNewer: boolean
  readonly loading: boolean
  readonly error: Error | null
  /** Set when the jump asked for a message this chat does not have (it opened at the newest). */
  readonly missing: number | null
  readonly focus: Focus | null
  jump(target: JumpTarget): void
  /** Scrolls to a message: at once when it is loaded, else by jumping to it. */
  show(messageId: number): void
  loadOlder(): void
  loadNewer(): void
  /** Reads what a sync added after the newest message held (the view follows at the bottom). */
  catchUp(): void
}

interface State {
  readonly messages: readonly ConversationMessage[]
  readonly hasOlder: boolean
  readonly hasNewer: boolean
  readonly focus: Focus | null
  readonly missing: number | null
}

const empty: State = { messages: [], hasOlder: false, hasNewer: false, focus: null, missing: null }

function focusFor(target: JumpTarget, messages: readonly ConversationMessage[], seq: number): Focus | null {
  const last = messages.at(-1)
  if (!last) return null
  switch (target.kind) {
    case 'newest':
      return { key: messageKey(last.id), align: 'end', seq }
    case 'oldest':
      return { key: messageKey(messages[0]?.id ?? last.id), align: 'start', seq }
    case 'message':
      return { key: messageKey(target.messageId), align: 'center', seq }
    case 'date': {
      const first = messages.find((m) => m.createdAt >= target.date)
      return first
        ? { key: messageKey(first.id), align: 'start', seq }
        : { key: messageKey(last.id), align: 'end', seq }
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof BridgeError && error.code === 'not_found'
}

/** A jump asked for; `seq` tells two jumps to the same place apart. */
interface Request {
  readonly target: JumpTarget
  readonly seq: number
}

interface Landed {
  readonly page: {
    readonly messages: readonly ConversationMessage[]
    readonly hasOlder: boolean
    readonly hasNewer: boolean
  }
  readonly landed: JumpTarget
  readonly missing: number | null
}

/** One jump's page; "Show in chat" for a message the chat lacks lands on the newest instead. */
function fetchJump(chatId: number, target: JumpTarget): Promise<Landed> {
  const at: ChatAnchor = target
  return call('chat:page', { chatId, at, limit: pageSize }).then(
    (page) => ({ page, landed: target, missing: null }),
    (failure: unknown) => {
      if (target.kind !== 'message' || !isNotFound(failure)) throw failure
      const newest: JumpTarget = { kind: 'newest' }
      return call('chat:page', { chatId, at: newest, limit: pageSize }).then((page) => ({
        page,
        landed: newest,
        missing: target.messageId,
      }))
    },
  )
}

export function useConversation(chatId: number, initial: JumpTarget): Conversation {
  const [request, setRequest] = useState<Request>({ target: initial, seq: 0 })
  const [state, setState] = useState<State>(empty)
  /** The jump the state answers (-1: none yet); loading while it is not the one asked for. */
  const [answered, setAnswered] = useState(-1)
  const [extending, setExtending] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  // Focus numbers only grow: a new one (a jump, or `show` inside the loaded stretch) scrolls.
  const focusSeq = useRef(0)
  // Pages asked for before the latest jump belong to another stretch: their answers are dropped.
  const current = useRef(request.seq)
  // What paging and `show` read when they run (after the render that had it).
  const latest = useRef(state)
  useLayoutEffect(() => {
    latest.current = state
  }, [state])

  useEffect(() => {
    current.current = request.seq
    let live = true
    fetchJump(chatId, request.target).then(
      ({ page, landed, missing }) => {
        if (!live) return
        focusSeq.current += 1
        setState({
          messages: page.messages,
          hasOlder: page.hasOlder,
          hasNewer: page.hasNewer,
          focus: focusFor(landed, page.messages, focusSeq.current),
          missing,
        })
        setError(null)
        setAnswered(request.seq)
      },
      (failure: unknown) => {
        if (!live) return
        setError(failure as Error)
        setAnswered(request.seq)
      },
    )
    return () => {
      live = false
    }
  }, [chatId, request])

  const jump = useCallback((target: JumpTarget): void => {
    setRequest((previous) => ({ target, seq: previous.seq + 1 }))
  }, [])

  const show = useCallback(
    (messageId: number): void => {
      if (!latest.current.messages.some((m) => m.id === messageId))
        return jump({ kind: 'message', messageId })
      // A new focus for the same stretch: no request, just the scroll.
      focusSeq.current += 1
      const seq = focusSeq.current
      setState((previous) => ({ ...previous, focus: { key: messageKey(messageId), align: 'center', seq } }))
    },
    [jump],
  )

  const loading = answered !== request.seq || extending

  const extend = useCallback(
    (direction: 'older' | 'newer', always = false): void => {
      const held = latest.current
      const edge = direction === 'older' ? held.messages[0] : held.messages.at(-1)
      if (!edge || !(always || (direction === 'older' ? held.hasOlder : held.hasNewer))) return
      const seq = current.current
      setExtending(true)
      const at: ChatAnchor = { kind: direction, cursor: { createdAt: edge.createdAt, id: edge.id } }
      call('chat:page', { chatId, at, limit: pageSize }).then(
        (page) => {
          setExtending(false)
          if (seq !== current.current) return
          setError(null)
          setState((previous) => grow(previous, page, direction))
        },
        (failure: unknown) => {
          setExtending(false)
          if (seq === current.current) setError(failure as Error)
        },
      )
    },
    [chatId],
  )

  return {
    ...state,
    loading,
    error,
    jump,
    show,
    loadOlder: useCallback(() => extend('older'), [extend]),
    loadNewer: useCallback(() => extend('newer'), [extend]),
    catchUp: useCallback(() => {
      // Only where the newest message is held: elsewhere the reader reaches new ones by paging.
      if (!latest.current.hasNewer) extend('newer', true)
    }, [extend]),
  }
}

/** The stretch with a page added on one side, cut on the other past `maxLoaded`. */
function grow(previous: State, page: Landed['page'], direction: 'older' | 'newer'): State {
  const known = new Set(previous.messages.map((m) => m.id))
  const fresh = page.messages.filter((m) => !known.has(m.id))
  if (direction === 'older') {
    const messages = [...fresh, ...previous.messages]
    const cut = messages.length > maxLoaded
    return {
      ...previous,
      messages: cut ? messages.slice(0, maxLoaded) : messages,
      hasOlder: page.hasOlder,
      hasNewer: previous.hasNewer || cut,
    }
  }
  const messages = [...previous.messages, ...fresh]
  const cut = messages.length > maxLoaded
  return {
    ...previous,
    messages: cut ? messages.slice(messages.length - maxLoaded) : messages,
    hasOlder: previous.hasOlder || cut,
    hasNewer: page.hasNewer,
  }
}
