import { describe, expect, it } from 'vitest'
import { interleaveByFolder } from '../../../src/main/export/schedule'

describe('interleaveByFolder', () => {
  it('takes the folders in turn, each in its own order, and keeps every item once', () => {
    const paths = ['a/1', 'a/2', 'a/3', 'b/1', 'c/1', 'c/2', 'top', 'a/b/1']
    const out = interleaveByFolder(paths, (p) => p)
    expect(out).toEqual(['a/1', 'b/1', 'c/1', 'top', 'a/b/1', 'a/2', 'c/2', 'a/3'])
    expect([...out].sort()).toEqual([...paths].sort())
  })

  it('handles nothing and a single folder', () => {
    expect(interleaveByFolder([], (p: string) => p)).toEqual([])
    expect(interleaveByFolder(['x/1', 'x/2'], (p) => p)).toEqual(['x/1', 'x/2'])
  })
})
