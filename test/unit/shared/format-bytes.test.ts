import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../../src/shared/format-bytes'

describe('formatBytes', () => {
  it('uses decimal units, one decimal below 10, whole numbers above', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1000)).toBe('1.0 KB')
    expect(formatBytes(1234)).toBe('1.2 KB')
    expect(formatBytes(12_400_000)).toBe('12 MB')
    expect(formatBytes(2_500_000_000)).toBe('2.5 GB')
    expect(formatBytes(5e15)).toBe('5000 TB')
  })

  it('shows unknown and nonsense as a dash', () => {
    expect(formatBytes(null)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
  })
})
