import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../../src/main/providers/errors'
import { encodeCursor, expectCursor, offsetCursor } from '../../../src/main/providers/onlyfans-family'

describe('OnlyFans-family cursors', () => {
  it('reads the offset of an offset-paged endpoint; no cursor is the first page', () => {
    expect(offsetCursor('onlyfansapi', null)).toBe(0)
    expect(offsetCursor('onlyfansapi', '')).toBe(0)
    expect(offsetCursor('onlyfansapi', encodeCursor('offset', 40))).toBe(40)
    // A bare number from an older cursor is an offset.
    expect(offsetCursor('ofauth', '20')).toBe(20)
  })

  it.each([
    ['a last_id cursor on an offset endpoint', 'last_id:99', ['offset'] as const],
    ['an offset cursor on a last_id endpoint', 'offset:10', ['last_id'] as const],
    ['a mangled cursor', 'offset:ten', ['offset', 'last_id'] as const],
    ['a foreign cursor', 'eyJwYWdlIjoyfQ', ['offset', 'last_id'] as const],
  ])('refuses %s instead of restarting from the first page', (_name, cursor, kinds) => {
    expect(() => expectCursor('fansmetric', cursor, kinds)).toThrow(UpstreamError)
    expect(() => expectCursor('fansmetric', cursor, kinds)).toThrow(/fansmetric: invalid page cursor/)
  })

  it('passes the kinds an endpoint accepts', () => {
    expect(expectCursor('ofauth', 'last_id:99', ['offset', 'last_id'])).toEqual({
      kind: 'last_id',
      value: '99',
    })
    expect(expectCursor('ofauth', 'offset:5', ['offset', 'last_id'])).toEqual({ kind: 'offset', value: '5' })
  })
})
