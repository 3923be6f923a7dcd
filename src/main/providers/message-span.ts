// The times a page of messages covers: how far back a sync has read, whatever the page kept.
import type { MessageSpan } from './types'

/** Newest and oldest of the given times (ISO 8601 or anything Date.parse reads); null when none parses. */
export function spanOfTimes(times: Iterable<string | null>): MessageSpan | null {
  let newest = Number.NEGATIVE_INFINITY
  let oldest = Number.POSITIVE_INFINITY
  for (const text of times) {
    const time = text === null ? Number.NaN : Date.parse(text)
    if (Number.isNaN(time)) continue
    newest = Math.max(newest, time)
    oldest = Math.min(oldest, time)
  }
  if (!Number.isFinite(newest)) return null
  return { newest: new Date(newest).toISOString(), oldest: new Date(oldest).toISOString() }
}
