import { describe, expect, it } from 'vitest'
import {
  DiskFullError,
  DownloadCancelled,
  RetryableDownloadError,
  UrlExpired,
} from '../../../src/main/download/errors'
import { DownloadQueue, type TaskContext } from '../../../src/main/download/queue'

interface Gate {
  readonly started: Promise<void>
  release(value?: string): void
  fail(error: Error): void
}

/** A task that starts, counts itself in, and waits for the test to let it finish. */
function gatedTasks(): {
  running: () => ReadonlyMap<string, number>
  maxRunning: () => number
  maxPerHost: () => ReadonlyMap<string, number>
  make: (host: string) => { gate: Gate; run: (ctx: TaskContext) => Promise<string> }
} {
  const running = new Map<string, number>()
  const maxPerHost = new Map<string, number>()
  let total = 0
  let maxTotal = 0
  return {
    running: () => running,
    maxRunning: () => maxTotal,
    maxPerHost: () => maxPerHost,
    make(host) {
      let resolveStart!: () => void
      let settle!: { resolve: (v: string) => void; reject: (e: Error) => void }
      const started = new Promise<void>((r) => (resolveStart = r))
      const done = new Promise<string>((resolve, reject) => (settle = { resolve, reject }))
      const gate: Gate = {
        started,
        release: (value = host) => settle.resolve(value),
        fail: (error) => settle.reject(error),
      }
      const run = async (ctx: TaskContext): Promise<string> => {
        const n = (running.get(host) ?? 0) + 1
        running.set(host, n)
        maxPerHost.set(host, Math.max(maxPerHost.get(host) ?? 0, n))
        total += 1
        maxTotal = Math.max(maxTotal, total)
        resolveStart()
        const aborted = new Promise<never>((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new DownloadCancelled('aborted')), {
            once: true,
          }),
        )
        try {
          return await Promise.race([done, aborted])
        } finally {
          running.set(host, (running.get(host) ?? 1) - 1)
          total -= 1
        }
      }
      return { gate, run }
    },
  }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('DownloadQueue', () => {
  it('caps each host and the whole queue, and lets other hosts through while one host is busy', async () => {
    const tasks = gatedTasks()
    const queue = new DownloadQueue({ concurrency: 5, perHostConcurrency: 2 })
    const gates: Gate[] = []
    const results: Promise<string>[] = []
    for (const host of ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'c']) {
      const { gate, run } = tasks.make(host)
      gates.push(gate)
      results.push(queue.add({ host, run }))
    }
    await tick()
    // a's later tasks wait for a's cap without holding global slots: b and c started too.
    expect(tasks.running().get('a')).toBe(2)
    expect(tasks.running().get('b')).toBe(2)
    expect(tasks.running().get('c')).toBe(1)
    for (const gate of gates) {
      gate.release()
      await tick()
    }
    await queue.onIdle()
    expect(await Promise.all(results)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'c'])
    expect(tasks.maxPerHost().get('a')).toBe(2)
    expect(tasks.maxRunning()).toBeLessThanOrEqual(5)
  })

  it('retries a retryable failure after the policy delay, without a slot held while waiting', async () => {
    const sleeps: number[] = []
    const queue = new DownloadQueue({
      perHostConcurrency: 1,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000 },
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
    })
    const attempts: number[] = []
    const result = await queue.add({
      host: 'h',
      run: async ({ attempt }) => {
        attempts.push(attempt)
        if (attempt === 1) throw new RetryableDownloadError('busy', 429, 2000)
        if (attempt === 2) throw new RetryableDownloadError('reset')
        return 'ok'
      },
    })
    expect(result).toBe('ok')
    expect(attempts).toEqual([1, 2, 3])
    expect(sleeps).toEqual([2050, 100])
  })

  it('hands an expired URL straight back to the caller', async () => {
    const queue = new DownloadQueue({
      retryPolicy: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    })
    let calls = 0
    const error = await queue
      .add({
        host: 'h',
        run: async () => {
          calls += 1
          throw new UrlExpired('expired', 403)
        },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UrlExpired)
    expect(calls).toBe(1)
  })

  it('stops everything on a full disk: running tasks aborted, waiting ones cancelled, the error surfaced', async () => {
    const tasks = gatedTasks()
    const queue = new DownloadQueue({ concurrency: 2, perHostConcurrency: 2 })
    const first = tasks.make('a')
    const second = tasks.make('a')
    const third = tasks.make('a')
    const p1 = queue.add({ host: 'a', run: first.run }).catch((e: unknown) => e)
    const p2 = queue.add({ host: 'a', run: second.run }).catch((e: unknown) => e)
    let thirdRan = false
    const p3 = queue
      .add({ host: 'a', run: async (ctx) => ((thirdRan = true), third.run(ctx)) })
      .catch((e: unknown) => e)
    await first.gate.started
    first.gate.fail(new DiskFullError('disk full'))
    expect(await p1).toBeInstanceOf(DiskFullError)
    expect(await p2).toBeInstanceOf(DownloadCancelled)
    expect(await p3).toBeInstanceOf(DownloadCancelled)
    expect(thirdRan).toBe(false)
    await expect(queue.onIdle()).rejects.toBeInstanceOf(DiskFullError)
    expect(queue.error).toBeInstanceOf(DiskFullError)
    await expect(queue.add({ host: 'a', run: async () => 'late' })).rejects.toBeInstanceOf(DiskFullError)
  })

  it('cancel() rejects waiting tasks and aborts running ones; onIdle still resolves', async () => {
    const tasks = gatedTasks()
    const queue = new DownloadQueue({ concurrency: 1 })
    const running = tasks.make('a')
    const waiting = tasks.make('b')
    const p1 = queue.add({ host: 'a', run: running.run }).catch((e: unknown) => e)
    const p2 = queue.add({ host: 'b', run: waiting.run }).catch((e: unknown) => e)
    await running.gate.started
    queue.cancel()
    expect(await p1).toBeInstanceOf(DownloadCancelled)
    expect(await p2).toBeInstanceOf(DownloadCancelled)
    await expect(queue.onIdle()).resolves.toBeUndefined()
    expect(queue.stopped).toBe(true)
    expect(queue.error).toBeNull()
  })

  it('sums reported bytes into the run progress', async () => {
    let now = 1000
    const queue = new DownloadQueue({ now: () => now })
    queue.expectBytes(4000)
    await queue.add({
      host: 'h',
      run: async ({ reportBytes }) => {
        reportBytes(1000)
        now += 500
        reportBytes(1000)
      },
    })
    const snap = queue.progress()
    expect(snap.bytes).toBe(2000)
    expect(snap.bytesPerSecond).toBeGreaterThan(0)
    expect(snap.etaSeconds).not.toBeNull()
  })

  it('lets a task give its slot back once its network part is over, and still waits for it', async () => {
    const queue = new DownloadQueue({ concurrency: 1, perHostConcurrency: 1 })
    const started: string[] = []
    let finishFirst!: () => void
    const firstTail = new Promise<void>((resolve) => (finishFirst = resolve))
    const first = queue.add({
      host: 'h',
      run: async ({ releaseSlot }) => {
        started.push('first')
        releaseSlot()
        await firstTail
        return 'first'
      },
    })
    const second = queue.add({
      host: 'h',
      run: async () => {
        started.push('second')
        return 'second'
      },
    })
    expect(await second).toBe('second')
    expect(started).toEqual(['first', 'second'])
    let idle = false
    const idling = queue.onIdle().then(() => (idle = true))
    await tick()
    expect(idle).toBe(false)
    finishFirst()
    expect(await first).toBe('first')
    await idling
  })

  it('keeps the slot when too many tasks already gave theirs back', async () => {
    const queue = new DownloadQueue({ concurrency: 1, perHostConcurrency: 1 })
    const tails: Array<() => void> = []
    let running = 0
    const results: Promise<number>[] = []
    for (let i = 0; i < 6; i++) {
      results.push(
        queue.add({
          host: 'h',
          run: async ({ releaseSlot }) => {
            running += 1
            releaseSlot()
            await new Promise<void>((resolve) => tails.push(resolve))
            return i
          },
        }),
      )
    }
    for (let i = 0; i < 10; i++) await tick()
    // Four released slots (4 × concurrency), then the fifth task holds its slot: the sixth waits.
    expect(running).toBe(5)
    // A task that gave its slot back ending frees no slot; the one holding it ending does.
    tails[0]!()
    for (let i = 0; i < 10; i++) await tick()
    expect(running).toBe(5)
    tails[4]!()
    for (let i = 0; i < 10; i++) await tick()
    expect(running).toBe(6)
    tails.forEach((finish) => finish())
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('still stops on a full disk reported after the slot was given back', async () => {
    const queue = new DownloadQueue({ concurrency: 1 })
    const full = queue.add({
      host: 'h',
      run: async ({ releaseSlot }) => {
        releaseSlot()
        await tick()
        throw new DiskFullError('full')
      },
    })
    await expect(full).rejects.toBeInstanceOf(DiskFullError)
    expect(queue.stopped).toBe(true)
    await expect(queue.onIdle()).rejects.toBeInstanceOf(DiskFullError)
  })
})
