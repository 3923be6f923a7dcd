// Pausing a sync: while the gate is closed no API request starts and no new download starts
// (download/queue.ts `pause`); requests and downloads already under way finish, so nothing
// half-done is thrown away. The sync service owns one gate per run.

export class PauseGate {
  private closed = false
  private waiters = new Set<() => void>()
  private readonly listeners = new Set<(paused: boolean) => void>()

  get paused(): boolean {
    return this.closed
  }

  /** Returns false when it was already paused. */
  pause(): boolean {
    if (this.closed) return false
    this.closed = true
    for (const listener of this.listeners) listener(true)
    return true
  }

  /** Returns false when it was not paused. */
  resume(): boolean {
    if (!this.closed) return false
    this.closed = false
    const waiters = this.waiters
    this.waiters = new Set()
    for (const wake of waiters) wake()
    for (const listener of this.listeners) listener(false)
    return true
  }

  /** Resolves at once while open, else on resume; rejects with the signal's reason when it aborts. */
  wait(signal?: AbortSignal): Promise<void> {
    if (!this.closed) return Promise.resolve()
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const onAbort = (): void => {
        this.waiters.delete(wake)
        reject(signal?.reason)
      }
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      this.waiters.add(wake)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Called with the new state on every change; returns the unsubscribe function. */
  onChange(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts. Provider calls
 * take no signal, so a cancelled sync stops waiting for an answer rather than for its timeout; the
 * abandoned answer is dropped (its rejection is handled here).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined)
    return Promise.reject(signal.reason as Error)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error as Error)
      },
    )
  })
}
