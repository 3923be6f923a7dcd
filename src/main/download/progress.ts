// Download progress for a whole run: bytes so far, the rate over a sliding window, and an ETA.
// Pure: state in, state out, time passed in, so tests need no clock.

export interface ProgressOptions {
  /** The rate is measured over this much recent time, so a stall shows within seconds. */
  readonly windowMs: number
  /** Bytes are summed per bucket of this length, which bounds the state to windowMs/bucketMs entries. */
  readonly bucketMs: number
}

export const defaultProgressOptions: ProgressOptions = Object.freeze({ windowMs: 5_000, bucketMs: 250 })

interface Bucket {
  readonly start: number
  readonly bytes: number
}

export interface ProgressState {
  readonly bytes: number
  /** When the first byte was recorded; a young run's rate is over its age, not the full window. */
  readonly startedAt: number | null
  readonly buckets: readonly Bucket[]
}

export interface ProgressSnapshot {
  readonly bytes: number
  readonly bytesPerSecond: number
  /** Null when the total is unknown or nothing is moving. */
  readonly etaSeconds: number | null
}

export const emptyProgress: ProgressState = Object.freeze({ bytes: 0, startedAt: null, buckets: [] })

export function recordBytes(
  state: ProgressState,
  bytes: number,
  nowMs: number,
  options: ProgressOptions = defaultProgressOptions,
): ProgressState {
  const start = Math.floor(nowMs / options.bucketMs) * options.bucketMs
  const kept = state.buckets.filter((b) => b.start > nowMs - options.windowMs - options.bucketMs)
  const last = kept.at(-1)
  const buckets =
    last && last.start === start
      ? [...kept.slice(0, -1), { start, bytes: last.bytes + bytes }]
      : [...kept, { start, bytes }]
  return { bytes: state.bytes + bytes, startedAt: state.startedAt ?? nowMs, buckets }
}

export function progressSnapshot(
  state: ProgressState,
  nowMs: number,
  totalBytes: number | null,
  options: ProgressOptions = defaultProgressOptions,
): ProgressSnapshot {
  if (state.startedAt === null) return { bytes: state.bytes, bytesPerSecond: 0, etaSeconds: null }
  const recent = state.buckets.filter(
    (b) => b.start + options.bucketMs > nowMs - options.windowMs && b.start <= nowMs,
  )
  const inWindow = recent.reduce((sum, b) => sum + b.bytes, 0)
  // Measured from the oldest bucket counted (buckets are whole), and over at least one bucket of
  // time so the first chunk does not read as an absurd rate.
  const from = Math.max(recent[0]?.start ?? nowMs - options.windowMs, state.startedAt)
  const spanMs = Math.max(nowMs - from, options.bucketMs)
  const bytesPerSecond = (inWindow * 1000) / spanMs
  const remaining = totalBytes === null ? null : Math.max(0, totalBytes - state.bytes)
  const etaSeconds =
    remaining === null ? null : remaining === 0 ? 0 : bytesPerSecond > 0 ? remaining / bytesPerSecond : null
  return { bytes: state.bytes, bytesPerSecond, etaSeconds }
}
