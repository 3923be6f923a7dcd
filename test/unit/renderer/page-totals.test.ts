// The gallery's idea of a query's size while a text search pages with lower bounds (pageTotals.ts).
import { describe, expect, it } from 'vitest'
import { cellCount, mergeTotal } from '../../../src/renderer/features/gallery/pageTotals'

const bound = (total: number) => ({ total, lowerBound: true })
const exact = (total: number) => ({ total, lowerBound: false })

describe('mergeTotal', () => {
  it('takes the first answer as it is', () => {
    expect(mergeTotal(null, bound(237))).toEqual(bound(237))
    expect(mergeTotal(null, exact(12))).toEqual(exact(12))
  })

  it('only ever grows a lower bound, whatever order the pages answer in', () => {
    expect(mergeTotal(bound(437), bound(237))).toEqual(bound(437))
    expect(mergeTotal(bound(237), bound(437))).toEqual(bound(437))
  })

  it('lets an exact total replace a bound, and keeps it against a late bound', () => {
    expect(mergeTotal(bound(437), exact(1_234))).toEqual(exact(1_234))
    expect(mergeTotal(exact(1_234), bound(637))).toEqual(exact(1_234))
  })
})

describe('cellCount', () => {
  it('lays out an exact total as it is', () => {
    expect(cellCount(exact(1_234), 200)).toBe(1_234)
    expect(cellCount(exact(0), 200)).toBe(0)
  })

  it('lays out a lower bound up to the end of the page that holds the next unseen item', () => {
    expect(cellCount(bound(237), 200)).toBe(400)
    // A bound on a page boundary still leaves the next page to ask for.
    expect(cellCount(bound(400), 200)).toBe(600)
    expect(cellCount(bound(1), 200)).toBe(200)
  })
})
