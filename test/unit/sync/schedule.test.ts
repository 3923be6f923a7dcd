// The "every N hours while Chatkeep is open" schedule, on a fake clock.
import { describe, expect, it, vi } from 'vitest'
import { catchUpDelayMs, SyncSchedule } from '../../../src/main/sync/schedule'
import { createFakeClock } from '../../support/fake-clock'

const hour = 3_600_000

function schedule(options: { hours: number | null; lastRunAt?: string | null }) {
  const clock = createFakeClock()
  let hours = options.hours
  let last = options.lastRunAt ?? null
  const syncAll = vi.fn(async () => {
    // The catalog remembers the scheduled run once it starts.
    last = new Date(clock.now()).toISOString()
  })
  const created = new SyncSchedule({
    everyHours: () => hours,
    lastRunAt: () => last,
    syncAll,
    clock,
  })
  return {
    clock,
    syncAll,
    created,
    setHours: (next: number | null) => {
      hours = next
      created.refresh()
    },
  }
}

describe('SyncSchedule', () => {
  it('is off by default: no timer, no next run', () => {
    const { clock, created } = schedule({ hours: null })
    created.refresh()
    expect(clock.pending).toBe(0)
    expect(created.status()).toEqual({ everyHours: null, lastRunAt: null, nextRunAt: null })
  })

  it('fires every N hours after it was turned on, and says when it last ran and runs next', async () => {
    const { clock, created, syncAll } = schedule({ hours: 6 })
    const opened = clock.now()
    created.refresh()
    expect(created.status().nextRunAt).toBe(new Date(opened + 6 * hour).toISOString())
    await clock.advance(6 * hour - 1)
    expect(syncAll).not.toHaveBeenCalled()
    await clock.advance(1)
    expect(syncAll).toHaveBeenCalledTimes(1)
    expect(created.status()).toEqual({
      everyHours: 6,
      lastRunAt: new Date(opened + 6 * hour).toISOString(),
      nextRunAt: new Date(opened + 12 * hour).toISOString(),
    })
    await clock.advance(12 * hour)
    expect(syncAll).toHaveBeenCalledTimes(3)
  })

  it('counts from the last scheduled run the catalog remembers, across restarts', async () => {
    const clock = createFakeClock()
    const last = new Date(clock.now() - 2 * hour).toISOString()
    const syncAll = vi.fn(async () => undefined)
    const created = new SyncSchedule({ everyHours: () => 3, lastRunAt: () => last, syncAll, clock })
    created.refresh()
    expect(created.status().nextRunAt).toBe(new Date(clock.now() + hour).toISOString())
    await clock.advance(hour)
    expect(syncAll).toHaveBeenCalledTimes(1)
  })

  it('a run missed while Chatkeep was closed comes a minute after it opens, not at once', async () => {
    const clock = createFakeClock()
    const syncAll = vi.fn(async () => undefined)
    const created = new SyncSchedule({
      everyHours: () => 1,
      lastRunAt: () => new Date(clock.now() - 30 * hour).toISOString(),
      syncAll,
      clock,
    })
    created.refresh()
    await clock.advance(catchUpDelayMs - 1)
    expect(syncAll).not.toHaveBeenCalled()
    await clock.advance(1)
    expect(syncAll).toHaveBeenCalledTimes(1)
  })

  it('follows the setting: a shorter interval re-arms, off disarms, stop ends it', async () => {
    const { clock, created, syncAll, setHours } = schedule({ hours: 24 })
    created.refresh()
    setHours(2)
    await clock.advance(2 * hour)
    expect(syncAll).toHaveBeenCalledTimes(1)
    setHours(null)
    expect(clock.pending).toBe(0)
    expect(created.status().nextRunAt).toBeNull()
    setHours(1)
    created.stop()
    await clock.advance(10 * hour)
    expect(syncAll).toHaveBeenCalledTimes(1)
  })

  it('a sync that cannot start is logged and the schedule goes on', async () => {
    const clock = createFakeClock()
    const log = vi.fn()
    const syncAll = vi.fn(async () => {
      throw new Error('Chatkeep is closing')
    })
    const created = new SyncSchedule({ everyHours: () => 1, lastRunAt: () => null, syncAll, clock, log })
    created.refresh()
    await clock.advance(hour)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Chatkeep is closing'))
    await clock.advance(hour)
    expect(syncAll).toHaveBeenCalledTimes(2)
  })
})
