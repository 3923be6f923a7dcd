// The shapes every benchmark reports, and the machine facts each result carries so numbers from
// different machines are never compared blind.
import { cpus, loadavg, totalmem } from 'node:os'

export interface Metric {
  readonly name: string
  readonly value: number | null
  readonly unit: string
  /** Human-readable target, e.g. "≥ 1.0" or "≤ 30". */
  readonly target: string
  /** null when the metric is informational or could not be measured. */
  readonly pass: boolean | null
  readonly note?: string
}

export interface BenchReport {
  readonly bench: string
  readonly metrics: readonly Metric[]
  /** Free-form context: sizes, per-round numbers, why something was skipped. */
  readonly notes: readonly string[]
}

export interface MachineFacts {
  readonly cpus: number
  readonly cpuModel: string
  readonly totalMemoryBytes: number
  readonly node: string
  readonly platform: string
  /** 1-minute load average when the facts were taken: other work on the machine skews timings. */
  readonly loadAverage1m: number
}

export function machineFacts(): MachineFacts {
  const list = cpus()
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  }
}

/** A metric with a lower bound. */
export function atLeast(
  name: string,
  value: number | null,
  unit: string,
  min: number,
  note?: string,
): Metric {
  return {
    name,
    value,
    unit,
    target: `≥ ${min}`,
    pass: value === null ? null : value >= min,
    ...(note ? { note } : {}),
  }
}

/** A metric with an upper bound. */
export function atMost(name: string, value: number | null, unit: string, max: number, note?: string): Metric {
  return {
    name,
    value,
    unit,
    target: `≤ ${max}`,
    pass: value === null ? null : value <= max,
    ...(note ? { note } : {}),
  }
}

/** A metric reported for context, without a target. */
export function info(name: string, value: number | null, unit: string, note?: string): Metric {
  return { name, value, unit, target: '—', pass: null, ...(note ? { note } : {}) }
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export const MB = 1_000_000
export const MiB = 1024 * 1024
