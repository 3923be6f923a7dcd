import { EventEmitter } from 'node:events'
import type { EventName, EventPayload } from '../shared/contract'
import type { EventBus } from './core-types'

export function createEventBus(): EventBus {
  const emitter = new EventEmitter()
  // Every open window and SSE client subscribes; the default cap of 10 would warn spuriously.
  emitter.setMaxListeners(0)
  return {
    emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
      emitter.emit(name, payload)
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      emitter.on(name, listener)
      return () => emitter.off(name, listener)
    },
  }
}
