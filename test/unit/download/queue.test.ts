import { describe, expect, it } from 'vitest'
import {
  DiskFullError,
  DownloadCancelled,
  RetryableDownloadError,
  UrlExpired,
} from '../../../src/main/download/errors'
import { defaultHostPolicy } from '../../../src/main/download/host-limits'
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

  it('hands every failure straight back: retries belong to the job row, not the queue', async () => {
    const queue = new DownloadQueue()
    for (const error of [new RetryableDownloadError('reset'), new UrlExpired('expired', 403)]) {
      let calls = 0
      const outcome = await queue
        .add({
          host: 'h',
          run: async () => {
            calls += 1
            throw error
          },
        })
        .catch((e: unknown) => e)
      expect(outcome).toBe(error)
      expect(calls).toBe(1)
    }
  })

  it('halves a host that answers 429 and starts nothing there until its Retry-After has passed', async () => {
    const tasks = gatedTasks()
    const queue = new DownloadQueue({ concurrency: 8, hostPolicy: { ...defaultHostPolicy, initial: 4 } })
    const first = Array.from({ length: 4 }, () => tasks.make('h'))
    const done = first.map(({ run }) => queue.add({ host: 'h', run }).catch((e: unknown) => e))
    await tick()
    expect(tasks.running().get('h')).toBe(4)
    const later = tasks.make('h')
    let laterStarted = false
    const laterDone = queue.add({ host: 'h', run: async (ctx) => ((laterStarted = true), later.run(ctx)) })
    first[0]!.gate.fail(new RetryableDownloadError('busy', 429, 150))
    await done[0]
    const failedAt = Date.now()
    // A slot is free, but the host asked for 150 ms and was halved to 2 (3 still running).
    for (const { gate } of first.slice(1)) gate.release()
    await Promise.all(done)
    await tick()
    expect(laterStarted).toBe(false)
    expect(queue.hostStats()).toEqual([expect.objectContaining({ host: 'h', limit: 2, decreases: 1 })])
    await later.gate.started
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(140)
    later.gate.release()
    await laterDone
  })

  it('moves a redirected download to its new host: the first host gets its slot back at once', async () => {
    const tasks = gatedTasks()
    const queue = new DownloadQueue({ concurrency: 4, perHostConcurrency: 1 })
    const cdn = tasks.make('cdn')
    const redirected = queue.add({
      host: 'proxy',
      run: async (ctx) => {
        await ctx.switchHost('cdn')
        return cdn.run(ctx)
      },
    })
    await cdn.gate.started
    // The proxy's one slot is free for the next download although the first is still running.
    const next = tasks.make('proxy')
    const nextDone = queue.add({ host: 'proxy', run: next.run })
    await next.gate.started
    // The CDN's one slot is taken: a second redirect there waits for it.
    let secondOnCdn = false
    const second = queue.add({
      host: 'proxy',
      run: async (ctx) => {
        await ctx.switchHost('cdn')
        secondOnCdn = true
        return 'second'
      },
    })
    next.gate.release()
    await nextDone
    await tick()
    expect(secondOnCdn).toBe(false)
    cdn.gate.release()
    expect(await redirected).toBe('cdn')
    expect(await second).toBe('second')
    expect(new Set(queue.hostStats().map((h) => h.host))).toEqual(new Set(['proxy', 'cdn']))
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

  it('pause() starts nothing new while running downloads go on; resume() starts what waited', async () => {
    const tasks = gatedTasks()
    const queue = new DownloadQueue({ concurrency: 4 })
    const first = tasks.make('a')
    const done = [queue.add({ host: 'a', run: first.run })]
    await first.gate.started
    queue.pause()
    expect(queue.paused).toBe(true)
    const later = [tasks.make('a'), tasks.make('b')]
    done.push(queue.add({ host: 'a', run: later[0]!.run }), queue.add({ host: 'b', run: later[1]!.run }))
    await tick()
    // The running one was not stopped; the new ones wait although slots are free.
    expect(tasks.running().get('a')).toBe(1)
    expect(tasks.running().get('b')).toBeUndefined()
    first.gate.release()
    await tick()
    expect(tasks.running().get('a')).toBe(0)
    queue.resume()
    expect(queue.paused).toBe(false)
    await Promise.all(later.map(({ gate }) => gate.started))
    for (const { gate } of later) gate.release()
    await queue.onIdle()
    expect(await Promise.all(done)).toEqual(['a', 'a', 'b'])
  })

  it('cancel() while paused rejects what waited', async () => {
    const queue = new DownloadQueue()
    queue.pause()
    const waiting = queue.add({ host: 'a', run: async () => 'never' })
    queue.cancel()
    await expect(waiting).rejects.toBeInstanceOf(DownloadCancelled)
    await queue.onIdle()
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
