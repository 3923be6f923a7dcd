// A chat's messages, oldest at the top, loaded newest page first and extended backwards on demand.
import { useCallback, useEffect, useState } from 'react'
import type { ChannelOutput } from '../../../shared/contract'
import { call } from '../../bridge'

export type TimelineMessage = ChannelOutput<'chat:timeline'>['messages'][number]

export interface Timeline {
  readonly messages: readonly TimelineMessage[]
  readonly hasMore: boolean
  readonly loading: boolean
  readonly error: Error | null
  loadOlder(): void
}

interface TimelineState {
  readonly chatId: number
  readonly messages: readonly TimelineMessage[]
  readonly hasMore: boolean
  readonly error: Error | null
}

const pageSize = 100

/** Merges a page into what is loaded: no duplicates, oldest first, whatever order the page had. */
function merge(current: readonly TimelineMessage[], page: readonly TimelineMessage[]): TimelineMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]))
  for (const message of page) byId.set(message.id, message)
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
}

export function useTimeline(chatId: number): Timeline {
  const [state, setState] = useState<TimelineState | null>(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const loaded = state !== null && state.chatId === chatId ? state : null

  const fetchPage = useCallback(
    (before: string | undefined): Promise<void> =>
      call('chat:timeline', { chatId, limit: pageSize, ...(before !== undefined && { before }) }).then(
        (page) =>
          setState((previous) => {
            const base = previous !== null && previous.chatId === chatId ? previous.messages : []
            return { chatId, messages: merge(base, page.messages), hasMore: page.hasMore, error: null }
          }),
        (error: unknown) =>
          setState((previous) => ({
            chatId,
            messages: previous !== null && previous.chatId === chatId ? previous.messages : [],
            hasMore: previous?.hasMore ?? false,
            error: error as Error,
          })),
      ),
    [chatId],
  )

  useEffect(() => {
    void fetchPage(undefined)
  }, [fetchPage])

  const oldest = loaded?.messages[0]?.createdAt
  const loadOlder = useCallback(() => {
    setLoadingOlder(true)
    void fetchPage(oldest).finally(() => setLoadingOlder(false))
  }, [fetchPage, oldest])

  return {
    messages: loaded?.messages ?? [],
    hasMore: loaded?.hasMore ?? false,
    loading: loaded === null || loadingOlder,
    error: loaded?.error ?? null,
    loadOlder,
  }
}
