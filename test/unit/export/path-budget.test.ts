import { describe, expect, it } from 'vitest'
import { PathNamer } from '../../../src/main/export/namer'
import {
  fileNameUnits,
  fitFolders,
  portablePathUnits,
  relativePathBudget,
  windowsMaxPathUnits,
} from '../../../src/main/export/path-budget'
import { safeSegment } from '../../../src/main/export/safe-name'
import type { RenderedPath } from '../../../src/main/export/template'

const p = (dirs: string[], base: string, ext = 'jpg', suffix?: string): RenderedPath => ({
  dirs,
  base,
  ext,
  ...(suffix ? { suffix } : {}),
})
const hostile = safeSegment('Ωmega fan 😈 '.repeat(1000))

describe('relativePathBudget', () => {
  it('is the portable budget off Windows, whatever the folder', () => {
    expect(relativePathBudget('/home/a/' + 'x'.repeat(300), 'linux')).toBe(portablePathUnits)
    expect(relativePathBudget('/Users/a/Export', 'darwin')).toBe(portablePathUnits)
  })

  it('on Windows, leaves room for the folder and a separator inside MAX_PATH', () => {
    expect(relativePathBudget('C:\\Users\\anna\\Documents\\Chatkeep Export', 'win32')).toBe(
      Math.min(portablePathUnits, windowsMaxPathUnits - 40 - 1),
    )
    const deep = 'D:\\' + 'k'.repeat(150)
    expect(relativePathBudget(deep, 'win32')).toBe(windowsMaxPathUnits - deep.length - 1)
    expect(relativePathBudget('D:\\x', 'win32')).toBe(portablePathUnits)
  })
})

describe('fitFolders', () => {
  it('leaves folders that fit alone', () => {
    const dirs = ['onlyfansapi', 'acct_123', 'Anna']
    expect(fitFolders(dirs, 200)).toBe(dirs)
  })

  it('cuts the longest folders first, to one common length, and leaves the file its room', () => {
    const dirs = ['onlyfansapi', 'acct_123', hostile, 'b'.repeat(90)]
    const fitted = fitFolders(dirs, 200)
    expect(fitted.slice(0, 2)).toEqual(['onlyfansapi', 'acct_123'])
    expect(fitted[2]!.length).toBe(fitted[3]!.length)
    const used = fitted.reduce((sum, d) => sum + d.length + 1, 0)
    expect(used).toBeLessThanOrEqual(200 - fileNameUnits)
    // The largest common length that fits: one more unit each would not.
    expect(used + 2).toBeGreaterThan(200 - fileNameUnits)
    expect(fitted[2]).toMatch(/^Ωmega fan 😈.*~[0-9a-f]{6}$/u)
    expect(fitted[3]).toMatch(/^b+~[0-9a-f]{6}$/)
  })

  it('keeps two long names that begin alike apart, and gives the same result every time', () => {
    const a = `${'same start '.repeat(30)}Anna`
    const b = `${'same start '.repeat(30)}Bea`
    const [fa] = fitFolders([a], 150)
    const [fb] = fitFolders([b], 150)
    expect(fa).not.toBe(fb)
    expect(fa!.slice(0, -6)).toBe(fb!.slice(0, -6))
    expect(fitFolders([a], 150)).toEqual([fa])
  })

  it('never cuts a folder below 12 units, even when the template is too deep for the budget', () => {
    const dirs = Array.from({ length: 30 }, (_, i) => `folder number ${i} of many`)
    for (const dir of fitFolders(dirs, 200)) expect(dir.length).toBe(12)
  })

  it('cuts between characters, never inside an emoji', () => {
    const [cut] = fitFolders(['👩‍👩‍👧‍👦'.repeat(40)], 120)
    expect(cut).toMatch(/^(👩‍👩‍👧‍👦)*~[0-9a-f]{6}$/u)
  })
})

describe('PathNamer with a path budget', () => {
  it('hands out only paths within the budget, keeping extensions and collision numbers', () => {
    for (const budget of [120, 160, 200]) {
      const namer = new PathNamer([], budget)
      const paths = [
        namer.claim(p(['onlyfansapi', 'acct_1', hostile], 'x'.repeat(300), 'mp4'), 'm1').path,
        namer.claim(p(['onlyfansapi', 'acct_1', hostile], 'x'.repeat(300), 'mp4'), 'm2').path,
        namer.claim(p(['onlyfansapi', 'acct_1', hostile], 'y'.repeat(300), 'jpg', '_preview'), 'm3').path,
        namer.claim(p([hostile, hostile], 'transcript', 'html'), 't1').path,
      ]
      for (const path of paths) expect(path.length, path).toBeLessThanOrEqual(budget)
      expect(paths[0]).toMatch(/x\.mp4$/)
      expect(paths[1]).toMatch(/x \(2\)\.mp4$/)
      expect(paths[2]).toMatch(/y_preview\.jpg$/)
      expect(new Set(paths.map((path) => path.toLowerCase())).size).toBe(paths.length)
    }
  })

  it('keeps one folder spelling for every file of a long-named chat', () => {
    const namer = new PathNamer([], 200)
    const folders = new Set(
      Array.from(
        { length: 5 },
        (_, i) =>
          namer.claim(p(['ofauth', 'acct', hostile], `2024-01-0${i + 1}_1_${i}`), `m${i}`).path.split('/')[2],
      ),
    )
    expect(folders.size).toBe(1)
  })

  it('changes nothing for ordinary names', () => {
    const namer = new PathNamer([], 200)
    expect(namer.claim(p(['onlyfansapi', 'acct_123', 'Anna'], '2024-05-01_123_456'), 'm1').path).toBe(
      'onlyfansapi/acct_123/Anna/2024-05-01_123_456.jpg',
    )
  })
})
