import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../../src/main/providers/errors'
import { decodeCursor, encodeCursor, offsetFromNextPage } from '../../../src/main/providers/onlyfans-family'
import {
  assertCursorAdvances,
  collectPages,
  CursorGuard,
  iteratePages,
  parseOffsetCursor,
} from '../../../src/main/providers/paging'
import type { Page } from '../../../src/main/providers/types'

const opts = { provider: 'fansmetric', what: 'test' } as const

describe('iteratePages', () => {
  it('ends when next is null', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [1, 2], next: 'a' },
      a: { items: [3], next: null },
    }
    expect(await collectPages((c) => Promise.resolve(pages[c ?? ''] as Page<number>), opts)).toEqual([
      1, 2, 3,
    ])
  })

  it('ends on an empty page even when a cursor is offered', async () => {
    let calls = 0
    const all = await collectPages((c) => {
      calls++
      return Promise.resolve(c === null ? { items: [1], next: 'x' } : { items: [], next: 'y' })
    }, opts)
    expect(all).toEqual([1])
    expect(calls).toBe(2)
  })

  it('throws a clear error when a cursor repeats', async () => {
    const run = collectPages(
      (c) => Promise.resolve({ items: [1], next: c === 'b' ? 'a' : c === 'a' ? 'b' : 'a' }),
      opts,
    )
    await expect(run).rejects.toThrow(UpstreamError)
    await expect(
      collectPages(
        (c) => Promise.resolve({ items: [1], next: c === 'b' ? 'a' : c === 'a' ? 'b' : 'a' }),
        opts,
      ),
    ).rejects.toThrow(/cursor "a" repeated/)
  })

  it('throws when the page limit is exceeded', async () => {
    let n = 0
    const gen = iteratePages(() => Promise.resolve({ items: [n], next: String(++n) }), {
      ...opts,
      maxPages: 5,
    })
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const page of gen) seen.push(...page.items)
      })(),
    ).rejects.toThrow(/after 5 pages/)
    expect(seen.length).toBe(5)
  })
})

describe('cursor helpers', () => {
  it('CursorGuard counts pages and remembers the start cursor', () => {
    const guard = new CursorGuard({ ...opts, startCursor: 's' })
    guard.next('t')
    expect(() => guard.next('s')).toThrow(/repeated/)
  })
  it('assertCursorAdvances catches a one-page loop', () => {
    expect(() => assertCursorAdvances('ofauth', 'x', '10', '10')).toThrow(UpstreamError)
    expect(() => assertCursorAdvances('ofauth', 'x', '10', '20')).not.toThrow()
    expect(() => assertCursorAdvances('ofauth', 'x', null, null)).not.toThrow()
  })
  it('parses offsets and OnlyFans-family cursors', () => {
    expect(parseOffsetCursor('ofauth', null)).toBe(0)
    expect(parseOffsetCursor('ofauth', '40')).toBe(40)
    expect(() => parseOffsetCursor('ofauth', 'abc')).toThrow(UpstreamError)
    expect(decodeCursor(encodeCursor('last_id', '123'))).toEqual({ kind: 'last_id', value: '123' })
    expect(decodeCursor('20')).toEqual({ kind: 'offset', value: '20' })
    expect(decodeCursor('garbage')).toBeNull()
    expect(offsetFromNextPage('https://app.onlyfansapi.com/api/a/chats?limit=10&offset=30')).toBe(30)
    expect(offsetFromNextPage('/v1/1/chats?limit=10&offset=10')).toBe(10)
    expect(offsetFromNextPage('https://app.onlyfansapi.com/api/a/transactions?marker=1771551870')).toBeNull()
    expect(offsetFromNextPage(null)).toBeNull()
  })
})
