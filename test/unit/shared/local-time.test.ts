import { describe, expect, it } from 'vitest'
import { localIso, localTimestamp, utcOffset } from '../../../src/shared/local-time'

describe('local times with their offset', () => {
  it("formats in this machine's time zone, with the offset it had at that moment", () => {
    for (const iso of ['2025-01-15T12:34:56.000Z', '2025-07-15T23:59:59.000Z', '2024-02-29T00:00:00.000Z']) {
      const date = new Date(iso)
      const text = localTimestamp(iso)
      expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/)
      // Read back with its offset, it is the same moment.
      expect(Date.parse(localIso(iso))).toBe(date.getTime())
      expect(text.endsWith(utcOffset(date))).toBe(true)
    }
  })

  it('writes offsets with sign, hours and minutes', () => {
    const at = (minutes: number): string => utcOffset({ getTimezoneOffset: () => minutes } as Date)
    expect(at(0)).toBe('+00:00')
    expect(at(-330)).toBe('+05:30')
    expect(at(300)).toBe('-05:00')
    expect(at(-765)).toBe('+12:45')
  })

  it('leaves what is not a date as it was', () => {
    expect(localTimestamp('not a date')).toBe('not a date')
  })
})
