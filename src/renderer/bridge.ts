// The only module that knows which transport the app runs on: the Electron preload's
// `window.chatkeep` when present, otherwise serve mode's HTTP API (lib/serve-client.ts).
// Everything else calls `call`, `subscribe` and `mediaUrl` and never sees IPC, fetch or URLs.
import type { ChatkeepBridge } from '../shared/bridge'
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  EventName,
  EventPayload,
  Result,
} from '../shared/contract'
import { appMediaUrl, serveMediaUrl, type MediaFileKind } from '../shared/media-url'
import { connectToServe, serveCall, ServeError, serveMediaKey, serveSubscribe } from './lib/serve-client'

/** The Electron preload's `window.chatkeep` (src/preload/index.ts), absent in a browser. */
declare global {
  interface Window {
    readonly chatkeep?: ChatkeepBridge
  }
}

export type TransportKind = 'electron' | 'http'

/** A failed call, carrying the contract's error code (or `unauthorized` for a missing token). */
export class BridgeError extends Error {
  constructor(
    readonly code: ErrorCode | 'unauthorized' | 'network',
    message: string,
  ) {
    super(message)
    this.name = 'BridgeError'
  }
}

export function transport(): TransportKind {
  return window.chatkeep ? 'electron' : 'http'
}

/** Run once, before the app renders: in a browser, takes serve's token now and fetches the media key. */
export async function connect(): Promise<void> {
  if (transport() === 'http') await connectToServe()
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new BridgeError(result.error.code, result.error.message)
}

async function httpCall(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  try {
    return await serveCall(channel, input)
  } catch (error) {
    if (error instanceof ServeError) throw new BridgeError(error.kind, error.message)
    throw error
  }
}

export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const bridge = window.chatkeep
  if (bridge) return unwrap(await bridge.invoke(channel, input))
  // The server parsed the output with the channel's schema before sending it.
  return unwrap((await httpCall(channel, input)) as Result<ChannelOutput<C>>)
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const bridge = window.chatkeep
  if (bridge) return bridge.on(event, listener)
  return serveSubscribe(event, listener as (payload: unknown) => void)
}

export function mediaUrl(id: number, kind: MediaFileKind): string {
  return transport() === 'electron' ? appMediaUrl(id, kind) : serveMediaUrl(id, kind, serveMediaKey())
}
