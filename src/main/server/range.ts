// Parsing a single HTTP byte range (RFC 9110 §14). Video seeking only ever asks for one range;
// multi-range requests are answered with the whole file, which the RFC allows.

export type ByteRange =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' }

const single = /^bytes=(\d*)-(\d*)$/

export function parseRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'whole' }
  const match = single.exec(header.trim())
  // Syntactically invalid or multi-range headers are ignored rather than refused.
  if (!match) return { kind: 'whole' }
  const [, rawStart = '', rawEnd = ''] = match
  if (rawStart === '' && rawEnd === '') return { kind: 'whole' }

  if (rawStart === '') {
    const suffix = Number(rawEnd)
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 }
  }

  const start = Number(rawStart)
  const end = rawEnd === '' ? size - 1 : Math.min(Number(rawEnd), size - 1)
  if (rawEnd !== '' && Number(rawEnd) < start) return { kind: 'whole' }
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end }
}
