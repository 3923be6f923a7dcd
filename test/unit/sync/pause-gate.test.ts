import { describe, expect, it } from 'vitest'
import { PauseGate, untilAborted } from '../../../src/main/sync/pause-gate'

describe('PauseGate', () => {
  it('lets calls through while open, holds them while paused, and lets them go on resume', async () => {
    const gate = new PauseGate()
    await gate.wait()
    const changes: boolean[] = []
    gate.onChange((paused) => changes.push(paused))
    expect(gate.pause()).toBe(true)
    expect(gate.pause()).toBe(false)
    let passed = false
    const waiting = gate.wait().then(() => (passed = true))
    await new Promise((resolve) => setImmediate(resolve))
    expect(passed).toBe(false)
    expect(gate.resume()).toBe(true)
    await waiting
    expect(passed).toBe(true)
    expect(changes).toEqual([true, false])
  })

  it('a cancel while paused rejects the waiting call with the reason', async () => {
    const gate = new PauseGate()
    gate.pause()
    const controller = new AbortController()
    const waiting = gate.wait(controller.signal)
    controller.abort(new Error('Sync cancelled.'))
    await expect(waiting).rejects.toThrow('Sync cancelled.')
  })
})

describe('untilAborted', () => {
  it('stops waiting for an answer once the signal aborts', async () => {
    const controller = new AbortController()
    const never = new Promise<never>(() => undefined)
    const waiting = untilAborted(never, controller.signal)
    controller.abort(new Error('Interrupted'))
    await expect(waiting).rejects.toThrow('Interrupted')
  })

  it('passes the answer through otherwise', async () => {
    await expect(untilAborted(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7)
  })
})
