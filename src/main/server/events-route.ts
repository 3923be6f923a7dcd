// GET /api/events: the core's push events as server-sent events. Comments every few seconds keep
// idle connections (and any proxy in between) from timing out.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { eventNames } from '../../shared/contract'
import type { EventBus } from '../core-types'
import { refuse } from './responses'

/**
 * Open event streams at once. Each app tab holds one, and a browser opens at most 6 HTTP/1.1
 * connections to one host, so a user's browser never needs more than 6; 32 leaves room for a
 * few browsers and scripts. Without a cap a token holder (or a reconnect loop gone wrong) could
 * pile up thousands, each a socket, a timer and a listener per event on the bus.
 */
export const maxEventStreams = 32

/** When a refused client may try again, in seconds. */
const retryAfterSeconds = 10

export interface EventStreams {
  handle(req: IncomingMessage, res: ServerResponse): void
  /** Ends every open stream so the server can close. */
  closeAll(): void
}

export function createEventStreams(bus: EventBus, keepAliveMs: number): EventStreams {
  const open = new Set<ServerResponse>()

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (open.size >= maxEventStreams) {
      res.setHeader('Retry-After', String(retryAfterSeconds))
      refuse(
        res,
        503,
        'unavailable',
        `Too many open event streams (${maxEventStreams}): close other Chatkeep tabs, then reload.`,
      )
      return
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write('retry: 3000\n: connected\n\n')
    res.flushHeaders()

    const unsubscribers = eventNames.map((name) =>
      bus.on(name, (payload) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
      }),
    )
    const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs)
    timer.unref()
    open.add(res)

    const cleanup = (): void => {
      clearInterval(timer)
      for (const unsubscribe of unsubscribers) unsubscribe()
      open.delete(res)
    }
    req.on('close', cleanup)
    res.on('close', cleanup)
  }

  function closeAll(): void {
    for (const res of [...open]) res.end()
  }

  return { handle, closeAll }
}
