// The one Range header parser (RFC 9110 §14), shared by the Electron media protocol and serve's
// `/media`. range-parser does the grammar (whitespace, case of the unit, suffix ranges, clamping);
// this module decides what we answer. Video seeking only ever asks for one range, so a request for
// several is answered with the whole file, which the RFC allows.
import { parse } from 'range-parser'

/** Inclusive byte offsets inside a file. */
export interface ByteSpan {
  readonly start: number
  readonly end: number
}

export type ByteRange =
  /** No usable Range header: 200 with the whole file. */
  | { readonly kind: 'whole' }
  /** 206 with bytes start..end (inclusive), both inside the file. */
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  /** 416, with a Content-Range that names only the size. */
  | { readonly kind: 'unsatisfiable' }

/** range-parser sets this bit for a header that breaks the grammar; the RFC says ignore it. */
const INVALID = 1

const whole: ByteRange = { kind: 'whole' }

export function parseRange(header: string | null | undefined, size: number): ByteRange {
  if (header === null || header === undefined || header.trim() === '') return whole
  const result = parse(size, header.trim())
  if (result.type !== 'bytes' || (result.code & INVALID) !== 0) return whole
  // Every listed range starts past the end (or asks for an empty suffix): nothing can be sent.
  if (result.ranges.length === 0) return result.code === 0 ? whole : { kind: 'unsatisfiable' }
  const [only] = result.ranges
  if (result.ranges.length > 1 || only === undefined) return whole
  return { kind: 'partial', start: only.start, end: only.end }
}

/** The `Content-Range` value for a 206 answer or (with `range` null) a 416 answer. */
export function contentRange(range: ByteSpan | null, size: number): string {
  return range === null ? `bytes */${size}` : `bytes ${range.start}-${range.end}/${size}`
}
