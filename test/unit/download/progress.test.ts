import { describe, expect, it } from 'vitest'
import { emptyProgress, progressSnapshot, recordBytes } from '../../../src/main/download/progress'

const options = { windowMs: 1000, bucketMs: 100 }

describe('progress', () => {
  it('reports nothing moving before the first byte', () => {
    expect(progressSnapshot(emptyProgress, 5000, 100, options)).toEqual({
      bytes: 0,
      bytesPerSecond: 0,
      etaSeconds: null,
    })
  })

  it('measures the rate over the time since the first byte while the run is young', () => {
    let state = recordBytes(emptyProgress, 500, 10_000, options)
    state = recordBytes(state, 500, 10_450, options)
    const snap = progressSnapshot(state, 10_500, 3000, options)
    expect(snap.bytes).toBe(1000)
    expect(snap.bytesPerSecond).toBe(2000)
    expect(snap.etaSeconds).toBe(1)
  })

  it('forgets bytes older than the window, so a stall shows', () => {
    let state = emptyProgress
    for (let t = 0; t < 2000; t += 100) state = recordBytes(state, 100, t, options)
    // Bucketed, so approximate: within a bucket's worth of the true 1000 B/s.
    const rate = progressSnapshot(state, 1950, null, options).bytesPerSecond
    expect(rate).toBeGreaterThan(900)
    expect(rate).toBeLessThan(1100)
    const stalled = progressSnapshot(state, 10_000, 5000, options)
    expect(stalled.bytes).toBe(2000)
    expect(stalled.bytesPerSecond).toBe(0)
    expect(stalled.etaSeconds).toBeNull()
  })

  it('keeps a bounded number of buckets however many chunks arrive', () => {
    let state = emptyProgress
    for (let t = 0; t < 100_000; t += 7) state = recordBytes(state, 1, t, options)
    expect(state.buckets.length).toBeLessThanOrEqual(options.windowMs / options.bucketMs + 2)
  })

  it('says zero seconds left once everything expected has arrived', () => {
    const state = recordBytes(emptyProgress, 100, 0, options)
    expect(progressSnapshot(state, 50, 100, options).etaSeconds).toBe(0)
    expect(progressSnapshot(state, 50, null, options).etaSeconds).toBeNull()
  })
})
