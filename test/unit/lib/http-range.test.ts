import { describe, expect, it } from 'vitest'
import { contentRange, parseRange } from '../../../src/main/lib/http-range'

const partial = (start: number, end: number) => ({ kind: 'partial', start, end })
const whole = { kind: 'whole' }
const unsatisfiable = { kind: 'unsatisfiable' }

describe('parseRange', () => {
  it('serves the whole file without a header', () => {
    expect(parseRange(undefined, 100)).toEqual(whole)
    expect(parseRange(null, 100)).toEqual(whole)
    expect(parseRange('  ', 100)).toEqual(whole)
  })

  it('reads the three single-range forms, clamping the end to the file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual(partial(0, 9))
    expect(parseRange('bytes=90-', 100)).toEqual(partial(90, 99))
    expect(parseRange('bytes=-10', 100)).toEqual(partial(90, 99))
    expect(parseRange('bytes=-500', 100)).toEqual(partial(0, 99))
    expect(parseRange('bytes=50-5000', 100)).toEqual(partial(50, 99))
    expect(parseRange('bytes=99-99', 100)).toEqual(partial(99, 99))
  })

  it('accepts optional whitespace and any case of the unit (RFC 9110 §14.1)', () => {
    expect(parseRange(' bytes=0-9 ', 100)).toEqual(partial(0, 9))
    expect(parseRange('Bytes=0-9', 100)).toEqual(partial(0, 9))
  })

  it('answers 416 when every range starts past the end or asks for nothing', () => {
    expect(parseRange('bytes=100-', 100)).toEqual(unsatisfiable)
    expect(parseRange('bytes=5000-6000', 100)).toEqual(unsatisfiable)
    expect(parseRange('bytes=-0', 100)).toEqual(unsatisfiable)
    expect(parseRange('bytes=0-', 0)).toEqual(unsatisfiable)
  })

  it('ignores headers it must not or need not honour: invalid, reversed, other units, several ranges', () => {
    for (const header of [
      'bytes=9-3',
      'bytes=200-100',
      'items=0-1',
      'bytes=',
      'bytes=-',
      'bytes=a-b',
      'bytes=0-1,abc',
      'bytes 0-1',
      'bytes=0-1,5-6',
    ]) {
      expect(parseRange(header, 100), header).toEqual(whole)
    }
  })

  it('serves an empty file whole to a suffix request (the only satisfiable form for it)', () => {
    expect(parseRange('bytes=-10', 0)).toEqual(whole)
  })
})

describe('contentRange', () => {
  it('names the bytes sent, or only the size for a 416', () => {
    expect(contentRange({ start: 100, end: 199 }, 1000)).toBe('bytes 100-199/1000')
    expect(contentRange(null, 1000)).toBe('bytes */1000')
  })
})
