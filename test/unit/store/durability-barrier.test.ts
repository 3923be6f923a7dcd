import { describe, expect, it } from 'vitest'
import { DurabilityBarrier } from '../../../src/main/store/durability-barrier'

interface HeldSync {
  readonly dir: string
  release(): void
  fail(error: Error): void
}

/** A directory fsync that the test finishes by hand, recording every call in order. */
function heldSyncs(): { calls: HeldSync[]; sync: (dir: string) => Promise<void> } {
  const calls: HeldSync[] = []
  return {
    calls,
    sync: (dir) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ dir, release: resolve, fail: reject })
      }),
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function settledFlag(promise: Promise<void>): { readonly done: boolean } {
  const state = { done: false }
  promise.then(
    () => (state.done = true),
    () => (state.done = true),
  )
  return state
}

describe('DurabilityBarrier', () => {
  it('gives commits of one tick one fsync per directory, and releases them only after it', async () => {
    const fs = heldSyncs()
    const barrier = new DurabilityBarrier(fs.sync)
    const a1 = settledFlag(barrier.sync('/s/ab'))
    const a2 = settledFlag(barrier.sync('/s/ab'))
    const c = settledFlag(barrier.sync('/s/cd'))
    await tick()
    expect(fs.calls.map((call) => call.dir).sort()).toEqual(['/s/ab', '/s/cd'])
    await tick()
    expect([a1.done, a2.done, c.done]).toEqual([false, false, false])
    fs.calls.find((call) => call.dir === '/s/ab')!.release()
    await tick()
    expect([a1.done, a2.done, c.done]).toEqual([true, true, false])
    fs.calls.find((call) => call.dir === '/s/cd')!.release()
    await tick()
    expect(c.done).toBe(true)
  })

  it('never lets an fsync that was already under way release a later request', async () => {
    const fs = heldSyncs()
    const barrier = new DurabilityBarrier(fs.sync)
    const first = settledFlag(barrier.sync('/s/ab'))
    await tick()
    expect(fs.calls).toHaveLength(1)
    // Asked while the first fsync runs: that fsync may have missed this rename.
    const late = settledFlag(barrier.sync('/s/ab'))
    fs.calls[0]!.release()
    await tick()
    expect(first.done).toBe(true)
    expect(late.done).toBe(false)
    expect(fs.calls).toHaveLength(2)
    fs.calls[1]!.release()
    await tick()
    expect(late.done).toBe(true)
  })

  it('hands a failed fsync to the waiters of that directory only', async () => {
    const fs = heldSyncs()
    const barrier = new DurabilityBarrier(fs.sync)
    const failing = barrier.sync('/s/ab')
    const fine = barrier.sync('/s/cd')
    await tick()
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
    fs.calls.find((call) => call.dir === '/s/ab')!.fail(eio)
    fs.calls.find((call) => call.dir === '/s/cd')!.release()
    await expect(failing).rejects.toBe(eio)
    await expect(fine).resolves.toBeUndefined()
  })
})
