// A clock for the sync schedule (src/main/sync/schedule.ts `Clock`) that moves only when a test
// says so: hours pass in microseconds, and due timers run in time order.
import type { Clock } from '../../src/main/sync/schedule'

export interface FakeClock extends Clock {
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): Promise<void>
  /** Timers not yet run. */
  readonly pending: number
}

export function createFakeClock(start = Date.parse('2026-03-01T09:00:00Z')): FakeClock {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; fn: () => void }>()
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), fn })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    async advance(ms) {
      const end = now + ms
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = due[1].at
        due[1].fn()
        // Let what the timer started (promises) take its next steps.
        await new Promise((resolve) => setImmediate(resolve))
      }
      now = end
    },
    get pending() {
      return timers.size
    },
  }
}
