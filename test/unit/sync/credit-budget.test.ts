// The credit cap's arithmetic: requests refused before they would pass the cap, paid downloads
// reserving their price when queued and settling on what they cost, the price of a download.
import { describe, expect, it } from 'vitest'
import { CreditBudget, CreditCapReached, downloadCredits } from '../../../src/main/sync/credit-budget'

describe('downloadCredits', () => {
  const paid = { url: 'https://api/x', headers: {}, expiresAt: null, creditsPerMegabyte: 3 }
  it('charges per started megabyte, at least one, and nothing for a free download', () => {
    expect(downloadCredits(paid, 1)).toBe(3)
    expect(downloadCredits(paid, 1_000_000)).toBe(3)
    expect(downloadCredits(paid, 1_000_001)).toBe(6)
    expect(downloadCredits(paid, 25_400_000)).toBe(78)
    expect(downloadCredits(paid, null)).toBe(3)
    expect(downloadCredits({ ...paid, creditsPerMegabyte: undefined }, 50_000_000)).toBe(0)
    expect(downloadCredits(null, 10)).toBe(0)
  })
})

describe('CreditBudget', () => {
  it('without a cap only counts', () => {
    let api = 0
    const budget = new CreditBudget(null, () => api)
    for (let i = 0; i < 1000; i++) budget.beforeRequest()
    api = 1000
    expect(budget.reserveDownload(1e9)).toBe(true)
    budget.settleDownload(1e9, 12)
    expect(budget.spent).toBe(1012)
    expect(budget.reached).toBeNull()
  })

  it('refuses the request that would pass the cap, and says so from then on', () => {
    let api = 0
    const budget = new CreditBudget(3, () => api)
    for (let i = 0; i < 3; i++) {
      budget.beforeRequest()
      api++
    }
    expect(() => budget.beforeRequest()).toThrow(CreditCapReached)
    expect(budget.reached?.message).toMatch(/^Stopped at the credit cap of 3: 3 credits spent/)
    expect(budget.spent).toBe(3)
  })

  it('holds queued downloads against the cap, and settles them on what they cost', () => {
    let api = 1
    const budget = new CreditBudget(10, () => api)
    expect(budget.reserveDownload(6)).toBe(true)
    // 1 spent + 6 held: a 4-credit download does not fit, a request still does.
    expect(budget.reserveDownload(4)).toBe(false)
    expect(budget.reached).toBeInstanceOf(CreditCapReached)
    for (api = 1; api < 4; api++) budget.beforeRequest()
    // The run stopped when the download was refused; that first refusal is what it reports.
    expect(() => budget.beforeRequest()).toThrow(/cap of 10: 7 credits spent or held/)
    // The download came in at one megabyte: its price drops from the 6 held to 3.
    budget.settleDownload(6, 3)
    expect(budget.spent).toBe(7)
    // One that never started costs nothing.
    expect(new CreditBudget(5, () => 0).reserveDownload(5)).toBe(true)
  })
})
