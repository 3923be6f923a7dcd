import { describe, expect, it } from 'vitest'
import { defaultPaceLimits, PaceWatch, type PaceLimits } from '../../../src/main/download/pace'

const limits: PaceLimits = {
  minBytesPerSecond: 1000,
  windowMs: 10_000,
  deadlineBaseMs: 60_000,
  deadlineBytesPerSecond: 10_000,
}

describe('PaceWatch', () => {
  it('lets a body that keeps the minimum rate run through window after window', () => {
    const watch = new PaceWatch(limits, 0, null)
    for (let t = 1000; t <= 600_000; t += 1000) expect(watch.record(1000, t)).toBeNull()
  })

  it('stops a trickle once a window has passed below the minimum', () => {
    const watch = new PaceWatch(limits, 0, null)
    expect(watch.record(1, 5_000)).toBeNull()
    expect(watch.record(1, 9_999)).toBeNull()
    expect(watch.record(1, 10_500)).toEqual({ reason: 'sent 3 bytes in 11 s' })
  })

  it('judges each window on its own: a fast start does not excuse a stall later', () => {
    const watch = new PaceWatch(limits, 0, null)
    expect(watch.record(1_000_000, 10_000)).toBeNull()
    expect(watch.record(10, 21_000)).toEqual({ reason: 'sent 10 bytes in 11 s' })
  })

  it('gives each file a deadline of the base plus its size at the floor rate', () => {
    // 60 s + 1,000,000 bytes at 10,000 B/s = 160 s; 2,000 B/s passes every window but not the deadline.
    const watch = new PaceWatch(limits, 0, 1_000_000)
    for (let t = 1000; t <= 160_000; t += 1000) expect(watch.record(2000, t)).toBeNull()
    expect(watch.record(2000, 161_000)).toEqual({ reason: 'did not finish within its 160 s' })
  })

  it('catches one byte every 20 s within a minute by default', () => {
    const watch = new PaceWatch(defaultPaceLimits, 0, 1_000_000)
    expect(watch.record(1, 20_000)).toBeNull()
    expect(watch.record(1, 40_000)).not.toBeNull()
  })
})
