// The desktop app's bridge between the renderer and the main process: what the sandboxed preload
// exposes as `window.chatkeep`, the names it lets through, and the IPC channel of each push event.
// Zod-free on purpose (the contract is imported for types only): the preload bundle must not carry
// the schemas. contract.ts declares one schema pair per name listed here, so the two cannot drift:
// a name without schemas, or schemas without a name, fails to compile.
import type { ChannelInput, ChannelOutput, EventPayload, Result } from './contract'

export const channelNames = [
  'app:info',
  'catalog:stats',
  'accounts:list',
  'chats:list',
  'media:search',
  'media:get',
  'chat:page',
  'chat:search',
  'sync:start',
  'sync:status',
  'sync:cancel',
  'sync:pause',
  'sync:resume',
  'sync:history',
  'sync:cost',
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
  // Issue 16 points 2, 3, 7, 8: keys tested and kept for a serve session, accounts renamed and
  // removed, export previews and the desktop's "Open folder" / "Show in folder".
  'keys:test',
  'accounts:rename',
  'accounts:removal',
  'accounts:remove',
  'export:preview',
  'export:openFolder',
  'media:showInFolder',
] as const
export type ChannelName = (typeof channelNames)[number]

export const eventNames = ['sync:progress', 'sync:jobs', 'export:progress'] as const
export type EventName = (typeof eventNames)[number]

/** The IPC channel a push event travels on; main sends on it and the preload listens. */
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
