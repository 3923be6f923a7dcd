// The only module that knows which transport the app runs on: the Electron preload's
// `window.chatkeep` when present, otherwise serve mode's HTTP API. Everything else calls
// `call`, `subscribe` and `mediaUrl` and never sees IPC, fetch or URLs.
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

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new BridgeError(result.error.code, result.error.message)
}

async function httpCall<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  let response: Response
  try {
    // The session cookie (set when the printed URL was opened) carries the token.
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
      credentials: 'same-origin',
    })
  } catch (error) {
    throw new BridgeError('network', `Cannot reach the Chatkeep server: ${(error as Error).message}`)
  }
  if (response.status === 401) {
    throw new BridgeError(
      'unauthorized',
      'This page needs the access token: open the URL that "chatkeep serve" printed.',
    )
  }
  let body: Result<ChannelOutput<C>>
  try {
    body = (await response.json()) as Result<ChannelOutput<C>>
  } catch {
    throw new BridgeError('internal', `The server answered ${response.status} without a JSON body.`)
  }
  return unwrap(body)
}

export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const bridge = window.chatkeep
  if (bridge) return unwrap(await bridge.invoke(channel, input))
  return httpCall(channel, input)
}

type Listener = (payload: never) => void

// One EventSource shared by every subscriber; it reconnects by itself after a dropped connection.
let source: EventSource | null = null
const httpListeners = new Map<EventName, Set<Listener>>()

function ensureSource(): EventSource {
  if (source) return source
  source = new EventSource('/api/events', { withCredentials: true })
  return source
}

function httpSubscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const es = ensureSource()
  let set = httpListeners.get(event)
  if (!set) {
    const fresh = new Set<Listener>()
    httpListeners.set(event, fresh)
    es.addEventListener(event, (message: MessageEvent<string>) => {
      const payload = JSON.parse(message.data) as EventPayload<E>
      for (const each of fresh) (each as (p: EventPayload<E>) => void)(payload)
    })
    set = fresh
  }
  set.add(listener as Listener)
  const registered = set
  return () => {
    registered.delete(listener as Listener)
  }
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  const bridge = window.chatkeep
  if (bridge) return bridge.on(event, listener)
  return httpSubscribe(event, listener)
}

export function mediaUrl(id: number, kind: MediaFileKind): string {
  return transport() === 'electron' ? appMediaUrl(id, kind) : serveMediaUrl(id, kind, null)
}
