// The API the sandboxed preload exposes as `window.chatkeep`. Type-only imports keep zod (and the
// contract's schemas) out of the preload bundle; the renderer imports these types from here.
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
  Result,
} from '../shared/contract'

/** Every contract channel name, written out so the preload needs no runtime import of the contract. */
export const preloadChannelNames = [
  'app:info',
  'catalog:stats',
  'accounts:list',
  'chats:list',
  'media:search',
  'media:get',
  'chat:timeline',
  'sync:start',
  'sync:status',
  'accounts:add',
  'keys:status',
  'keys:set',
  'keys:delete',
  'settings:get',
  'settings:set',
  'export:start',
  'export:cancel',
  'export:status',
  'export:folder',
  'export:pickFolder',
] as const satisfies readonly ChannelName[]

export const preloadEventNames = ['sync:progress', 'export:progress'] as const satisfies readonly EventName[]

// Compile-time exhaustiveness: a channel or event added to the contract but not listed above
// makes one of these aliases fail to type-check. The unit tests check the same at runtime.
type AssertNever<T extends never> = T
export type AllChannelsListed = AssertNever<Exclude<ChannelName, (typeof preloadChannelNames)[number]>>
export type AllEventsListed = AssertNever<Exclude<EventName, (typeof preloadEventNames)[number]>>

/** The IPC channel a push event travels on; main and preload must agree on it. */
export function eventChannel(name: EventName): `event:${EventName}` {
  return `event:${name}`
}

export interface ChatkeepBridge {
  readonly transport: 'electron'
  /** Resolves with the envelope; it never rejects for handler errors, only for a broken IPC pipe. */
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
