import { describe, expect, it } from 'vitest'
import { UpstreamError } from '../../../src/main/providers/errors'
import {
  decodeCursor,
  defaultMaxPages,
  encodeCursor,
  maxStalePages,
  pageBudget,
  pageThrough,
  runawayItemFactor,
  runawaySlackItems,
} from '../../../src/main/providers/paging'
import type { Page, PageCursor } from '../../../src/main/providers/types'

const opts = { provider: 'fansmetric', what: 'test', keyOf: (n: number) => String(n) } as const

/** Drives pageThrough over a fake, counting the requests it makes (each one is paid). */
async function drive<T>(
  fetchPage: (cursor: PageCursor | null) => Page<T>,
  options: Partial<Parameters<typeof pageThrough<T>>[1]> & { keyOf: (item: T) => string },
): Promise<{ items: T[]; requests: number; error: unknown }> {
  let requests = 0
  const items: T[] = []
  let error: unknown = null
  try {
    const pages = pageThrough(
      (cursor) => {
        requests++
        return Promise.resolve(fetchPage(cursor))
      },
      { provider: 'fansmetric', what: 'test', ...options },
    )
    for await (const page of pages) items.push(...page.fresh)
  } catch (caught) {
    error = caught
  }
  return { items, requests, error }
}

describe('pageThrough', () => {
  it('pages until a page has no cursor', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [1, 2], next: 'a' },
      a: { items: [3], next: null },
    }
    const run = await drive((c) => pages[c ?? ''] as Page<number>, opts)
    expect(run).toEqual({ items: [1, 2, 3], requests: 2, error: null })
  })

  it('goes on past an empty page that offers a cursor (a run of text-only messages)', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [1], next: 'a' },
      a: { items: [], next: 'b' },
      b: { items: [2], next: null },
    }
    const run = await drive((c) => pages[c ?? ''] as Page<number>, opts)
    expect(run).toEqual({ items: [1, 2], requests: 3, error: null })
  })

  it('lets the caller stop early without another request', async () => {
    let requests = 0
    for await (const page of pageThrough((c) => {
      requests++
      return Promise.resolve({ items: [Number(c ?? 0)], next: String(Number(c ?? 0) + 1) })
    }, opts)) {
      if (page.number === 2) break
    }
    expect(requests).toBe(2)
  })

  it('keeps repeats out of `fresh` (offset paging over a list that grows)', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [5, 4], next: 'a' },
      a: { items: [4, 3], next: null },
    }
    expect((await drive((c) => pages[c ?? ''] as Page<number>, opts)).items).toEqual([5, 4, 3])
  })

  it('stops a provider that repeats a cursor, naming it', async () => {
    const run = await drive((c) => ({ items: [c === 'a' ? 2 : 1], next: c === 'a' ? 'b' : 'a' }), {
      ...opts,
      keyOf: (n: number) => `${n}-${Math.random()}`,
    })
    expect(run.error).toBeInstanceOf(UpstreamError)
    expect(String(run.error)).toMatch(/fansmetric: paging test stopped: cursor "a" repeated after 3 pages/)
  })

  it('treats the start cursor as seen', async () => {
    const run = await drive(() => ({ items: [1], next: 's' }), { ...opts, startCursor: 's' })
    expect(String(run.error)).toMatch(/cursor "s" repeated after 1 pages/)
  })
})

describe('runaway paging (a hostile provider)', () => {
  it('endless fresh cursors over the same items stop after a few pages, not the page limit', async () => {
    let n = 0
    const run = await drive(() => ({ items: [1, 2, 3], next: `fresh-${++n}` }), opts)
    expect(run.error).toBeInstanceOf(UpstreamError)
    expect(String(run.error)).toMatch(/3 pages in a row brought nothing new \(runaway paging after 4 pages\)/)
    // The first page is real; the stale ones that follow cost maxStalePages requests.
    expect(run.requests).toBe(1 + maxStalePages)
    expect(run.items).toEqual([1, 2, 3])
  })

  it('endless fresh cursors over empty pages stop the same way', async () => {
    let n = 0
    const run = await drive<number>(() => ({ items: [], next: `fresh-${++n}` }), opts)
    expect(run.requests).toBe(maxStalePages)
    expect(String(run.error)).toMatch(/runaway paging/)
  })

  it('a stale page in between real ones is forgiven', async () => {
    let n = 0
    const run = await drive(() => {
      n++
      // Every other page repeats the one before (offsets shifted by new messages).
      if (n > 20) return { items: [], next: null }
      return { items: [Math.ceil(n / 2)], next: String(n) }
    }, opts)
    expect(run.error).toBeNull()
    expect(run.items).toHaveLength(10)
  })

  it('pages that report reaching further back are progress even with no items (Fansly text runs)', async () => {
    let n = 0
    const run = await drive<number>(() => {
      n++
      const oldest = new Date(Date.UTC(2025, 0, 30 - n)).toISOString()
      return { items: [], next: n < 20 ? String(n) : null, span: { newest: oldest, oldest } }
    }, opts)
    expect(run).toMatchObject({ requests: 20, error: null })
  })

  it('with a size hint, endless fresh items stop just past what the hint allows', async () => {
    let n = 0
    const run = await drive(() => ({ items: Array.from({ length: 100 }, () => ++n), next: String(n) }), {
      ...opts,
      expectedItems: 1_000,
    })
    expect(String(run.error)).toMatch(/far past the 1000 items expected \(runaway paging\)/)
    const budget = Math.ceil((1_000 * runawayItemFactor + runawaySlackItems) / 100)
    expect(run.requests).toBe(budget)
    expect(run.requests).toBeLessThan(100)
  })

  it('without a hint, only the page limit stops endless fresh items', async () => {
    let n = 0
    const run = await drive(() => ({ items: [++n], next: String(n) }), { ...opts, maxPages: 40 })
    expect(String(run.error)).toMatch(/page limit of 40 pages reached/)
    expect(run.requests).toBe(40)
    expect(defaultMaxPages).toBe(10_000)
  })

  it('a chat that grew a lot since the hint still pages to its end', async () => {
    // 1,000 archived, 5,000 new since: well inside the slack.
    let n = 0
    const run = await drive(
      () => {
        const items = Array.from({ length: 100 }, () => ++n)
        return { items, next: n >= 6_000 ? null : String(n) }
      },
      { ...opts, expectedItems: 1_000 },
    )
    expect(run.error).toBeNull()
    expect(run.items).toHaveLength(6_000)
  })

  it('budgets pages from the hint and the largest page seen', () => {
    expect(pageBudget(null, 100)).toBeNull()
    expect(pageBudget(1_000, 0)).toBeNull()
    expect(pageBudget(0, 10)).toBe(runawaySlackItems / 10)
    expect(pageBudget(1_000, 100)).toBe(70)
  })
})

describe('cursors', () => {
  it('encode one paging parameter and decode only what the list accepts', () => {
    expect(encodeCursor('last_id', '123')).toBe('last_id:123')
    expect(decodeCursor('ofauth', ['offset', 'last_id'], 'last_id:123')).toEqual({
      param: 'last_id',
      value: '123',
    })
    expect(decodeCursor('ofauth', ['offset'], null)).toBeNull()
    expect(decodeCursor('ofauth', ['offset'], '')).toBeNull()
  })

  it.each([
    ['a last_id cursor on an offset list', 'last_id:99', ['offset'] as const],
    ['an offset cursor on an id list', 'offset:10', ['id'] as const],
    ['a mangled cursor', 'offset:ten', ['offset', 'last_id'] as const],
    ['a bare number', '20', ['offset'] as const],
    ['a foreign cursor', 'eyJwYWdlIjoyfQ', ['offset', 'last_id'] as const],
  ])('refuses %s instead of restarting from the first page', (_name, cursor, accepted) => {
    expect(() => decodeCursor('fansmetric', accepted, cursor)).toThrow(UpstreamError)
    expect(() => decodeCursor('fansmetric', accepted, cursor)).toThrow(/fansmetric: invalid page cursor/)
  })
})
