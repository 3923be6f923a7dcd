// The per-host policy against simulated hosts, on a virtual clock: a CDN that caps each
// connection's speed, a line that is the limit whatever the connection count, and a download
// proxy that answers 429 above a number of open connections.
import { describe, expect, it } from 'vitest'
import {
  defaultHostPolicy,
  HostLimit,
  type HostPolicy,
  type HostTicket,
} from '../../../src/main/download/host-limits'

interface SimHost {
  /** Bytes per second one connection gets (Infinity: no per-connection cap). */
  readonly perConnection: number
  /** Bytes per second all connections share (Infinity: no shared cap). */
  readonly line: number
  /** More open connections than this answer 429 with `retryAfterMs` (null: no limit). */
  readonly maxOpen: number | null
  readonly retryAfterMs: number
}

interface SimResult {
  readonly seconds: number
  readonly refused: number
  readonly maxInFlight: number
  /** Time-weighted mean of open connections. */
  readonly meanOpen: number
  /** Starts before the host's Retry-After had passed. */
  readonly earlyStarts: number
}

const MB = 1_000_000

/** 1–4 MB, the same sequence every run. */
function fileSize(index: number): number {
  const x = Math.sin(index * 12.9898) * 43758.5453
  return Math.round((1 + 3 * (x - Math.floor(x))) * MB)
}

function simulate(
  host: SimHost,
  files: number,
  ceiling = 16,
  policy: HostPolicy = defaultHostPolicy,
): SimResult {
  const limit = new HostLimit('h', ceiling, policy, 0)
  const stepMs = 5
  let now = 0
  let queued = files
  let next = 0
  let done = 0
  let refused = 0
  let earlyStarts = 0
  let openArea = 0
  let maxInFlight = 0
  let notBefore = 0
  const open: Array<{ left: number; token: HostTicket }> = []
  // As the queue does: whenever a connection ends, start what the host allows.
  const startAll = (): void => {
    while (queued > 0 && limit.canStart(now)) {
      if (now < notBefore) earlyStarts++
      const token = limit.start(now)
      if (host.maxOpen !== null && open.length >= host.maxOpen) {
        refused++
        notBefore = now + host.retryAfterMs
        limit.finish(now, token, { kind: 'congestion', retryAfterMs: host.retryAfterMs })
        continue
      }
      queued--
      open.push({ left: fileSize(next++), token })
      maxInFlight = Math.max(maxInFlight, open.length)
    }
  }
  while (done < files && now < 600_000) {
    startAll()
    const each = Math.min(host.perConnection, host.line / Math.max(1, open.length)) * (stepMs / 1000)
    now += stepMs
    openArea += open.length * stepMs
    for (const download of [...open]) {
      const got = Math.min(each, download.left)
      download.left -= got
      limit.addBytes(got, now)
      if (download.left <= 0) {
        open.splice(open.indexOf(download), 1)
        limit.finish(now, download.token, { kind: 'ok' })
        done++
        startAll()
      }
    }
  }
  return { seconds: now / 1000, refused, maxInFlight, meanOpen: openArea / now, earlyStarts }
}

const throttled: SimHost = { perConnection: 4 * MB, line: Infinity, maxOpen: null, retryAfterMs: 0 }

describe('HostLimit', () => {
  it('starts at 6 and fills the ceiling fast on a CDN that caps each connection', () => {
    const result = simulate(throttled, 120)
    const sixteenFromTheStart = simulate(throttled, 120, 16, { ...defaultHostPolicy, initial: 16 })
    expect(result.maxInFlight).toBe(16)
    expect(result.refused).toBe(0)
    // The climb from 6 to 16 costs little: within 10 % of opening 16 at once.
    expect(sixteenFromTheStart.seconds / result.seconds).toBeGreaterThan(0.9)
  })

  it('never opens more than the ceiling, whatever the host takes', () => {
    expect(simulate(throttled, 60, 10).maxInFlight).toBe(10)
    expect(simulate(throttled, 60, 4).maxInFlight).toBe(4)
  })

  it('stops growing when more connections bring no more bytes (the line is full)', () => {
    const result = simulate({ perConnection: Infinity, line: 20 * MB, maxOpen: null, retryAfterMs: 0 }, 400)
    // It tried 12, saw the bytes it had with 6, and grew no further than a probe now and then.
    expect(result.maxInFlight).toBeLessThan(16)
    expect(result.meanOpen).toBeLessThan(14)
  })

  it('settles under a proxy that refuses a 7th connection: few 429s, close to 6 open, Retry-After kept', () => {
    const files = 120
    const result = simulate({ perConnection: 4 * MB, line: Infinity, maxOpen: 6, retryAfterMs: 1000 }, files)
    expect(result.refused).toBeLessThanOrEqual(5)
    expect(result.earlyStarts).toBe(0)
    let bytes = 0
    for (let i = 0; i < files; i++) bytes += fileSize(i)
    // At least 0.75 × (6 × 4 MB/s).
    expect(bytes / result.seconds).toBeGreaterThan(0.75 * 24 * MB)
  })

  it('halves once per episode, pauses for Retry-After, and climbs back to the level that worked', () => {
    const limit = new HostLimit('h', 16, defaultHostPolicy, 0)
    const tickets = Array.from({ length: 6 }, () => limit.start(0))
    expect(limit.cap).toBe(6)
    // The 6th connection is refused, then the 5th (sent before the halving): one halving, and
    // the 5th says 4 is what the host takes.
    limit.finish(10, tickets[5]!, { kind: 'congestion', retryAfterMs: 500 })
    limit.finish(11, tickets[4]!, { kind: 'congestion', retryAfterMs: null })
    expect(limit.stats()).toMatchObject({ limit: 3, decreases: 1, congestion: 2 })
    for (const ticket of tickets.slice(0, 4)) limit.finish(100, ticket, { kind: 'ok' })
    expect(limit.canStart(400)).toBe(false)
    expect(limit.canStart(510)).toBe(true)
    // One round at 3 (half of it finished, 300 ms) climbs back to 4, not to 6.
    const round = [limit.start(510), limit.start(510), limit.start(510)]
    for (const ticket of round) limit.finish(900, ticket, { kind: 'ok' })
    expect(limit.cap).toBe(4)
  })

  it('does not grow on a host that is not kept busy', () => {
    const limit = new HostLimit('h', 16, defaultHostPolicy, 0)
    for (let t = 0; t < 10_000; t += 100) {
      const token = limit.start(t)
      limit.addBytes(1000, t + 25)
      limit.finish(t + 50, token, { kind: 'ok' })
    }
    expect(limit.cap).toBe(6)
  })
})
