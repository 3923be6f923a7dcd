import { describe, expect, it } from 'vitest'
import { abortableSleep } from '../../../src/main/abortable-sleep'

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now()
    await abortableSleep(20)
    expect(Date.now() - started).toBeGreaterThanOrEqual(15)
  })

  it('rejects with the abort reason, at once or mid-wait', async () => {
    const reason = new Error('stop')
    await expect(abortableSleep(10, AbortSignal.abort(reason))).rejects.toBe(reason)
    const controller = new AbortController()
    const waiting = abortableSleep(60_000, controller.signal)
    controller.abort(reason)
    await expect(waiting).rejects.toBe(reason)
  })
})
