import { describe, expect, it } from 'vitest'
import { PathNamer } from '../../../src/main/export/namer'
import type { RenderedPath } from '../../../src/main/export/template'

const p = (dirs: string[], base: string, ext = 'jpg'): RenderedPath => ({ dirs, base, ext })

function run(claims: ReadonlyArray<readonly [RenderedPath, string]>): string[] {
  const namer = new PathNamer(['chatkeep-export.json'])
  return claims.map(([path, owner]) => namer.claim(path, owner).path)
}

describe('PathNamer', () => {
  const claims: ReadonlyArray<readonly [RenderedPath, string]> = [
    [p(['Anna'], 'photo'), 'm1'],
    [p(['Anna'], 'photo'), 'm2'],
    [p(['anna'], 'PHOTO'), 'm3'],
    [p(['ANNA'], 'photo'), 'm1'],
    [p(['Anna'], 'photo (2)'), 'm4'],
    [p([], 'chatkeep-export', 'json'), 'm5'],
    [p(['Anna'], 'other'), 'm6'],
  ]

  it('resolves collisions case-insensitively with " (n)" and keeps the first folder spelling', () => {
    expect(run(claims)).toEqual([
      'Anna/photo.jpg',
      'Anna/photo (2).jpg',
      'Anna/PHOTO (3).jpg',
      'Anna/photo.jpg',
      'Anna/photo (2) (2).jpg',
      'chatkeep-export (2).json',
      'Anna/other.jpg',
    ])
  })

  it('gives the same names for the same input order every time', () => {
    expect(run(claims)).toEqual(run(claims))
  })

  it('tells a reused claim (same owner, same name) from a new one', () => {
    const namer = new PathNamer()
    expect(namer.claim(p(['a'], 'x'), 'm1').reused).toBe(false)
    expect(namer.claim(p(['A'], 'X'), 'm1')).toEqual({ path: 'a/x.jpg', reused: true })
  })

  it('never hands out a folder name as a file name', () => {
    const namer = new PathNamer()
    namer.claim(p(['a', 'b'], 'x'), 'm1')
    expect(namer.claim(p(['a'], 'b', ''), 'm2').path).toBe('a/b (2)')
  })

  it('never makes a folder where a file already has the name', () => {
    const namer = new PathNamer()
    expect(namer.claim(p([], 'a', ''), 'm1').path).toBe('a')
    expect(namer.claim(p(['a'], 'x'), 'm2').path).toBe('a (2)/x.jpg')
    expect(namer.claim(p(['A'], 'y'), 'm3').path).toBe('a (2)/y.jpg')
  })

  it('treats NFC and NFD spellings as one name', () => {
    const namer = new PathNamer()
    expect(namer.claim(p([], '\u00fc'), 'm1').path).toBe('\u00fc.jpg')
    expect(namer.claim(p([], 'u\u0308'), 'm2').path).toBe('\u00fc (2).jpg')
  })
})
