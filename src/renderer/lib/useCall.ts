// Loading one channel's answer into component state. Inputs are compared by their JSON so callers
// can pass object literals without memoising them.
import { useCallback, useEffect, useState } from 'react'
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract'
import { call } from '../bridge'

export type CallState<T> =
  | { readonly status: 'loading'; readonly value: T | null }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: Error; readonly value: T | null }

export interface CallHandle<T> {
  readonly state: CallState<T>
  reload(): void
}

interface Settled<T> {
  /** Which request this answers; a different one means the current request is still loading. */
  readonly request: string
  readonly state: CallState<T>
}

/** A new `refresh` value (e.g. the data version) loads again, like `reload()`. */
export function useCall<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C> | null,
  refresh = 0,
): CallHandle<ChannelOutput<C>> {
  const key = input === null ? null : JSON.stringify(input)
  const [generation, setGeneration] = useState(0)
  const [settled, setSettled] = useState<Settled<ChannelOutput<C>> | null>(null)
  const request = `${channel}|${generation}|${refresh}|${key}`

  useEffect(() => {
    if (key === null) return
    let live = true
    call(channel, JSON.parse(key) as ChannelInput<C>).then(
      (value) => {
        if (live) setSettled({ request, state: { status: 'ready', value } })
      },
      (error: unknown) => {
        if (live)
          setSettled((previous) => ({
            request,
            state: { status: 'error', error: error as Error, value: previous?.state.value ?? null },
          }))
      },
    )
    return () => {
      live = false
    }
  }, [channel, key, request])

  const reload = useCallback(() => setGeneration((n) => n + 1), [])
  // While a newer request runs, keep showing the last answer (no flash of empty content).
  const state: CallState<ChannelOutput<C>> =
    settled === null
      ? { status: 'loading', value: null }
      : settled.request === request
        ? settled.state
        : { status: 'loading', value: settled.state.value }
  return { state, reload }
}
