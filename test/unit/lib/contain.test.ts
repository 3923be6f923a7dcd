import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isInside, realPathInside, resolveInside } from '../../../src/main/lib/contain'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir('chatkeep-contain-')
afterAll(() => dir.remove())

describe('isInside', () => {
  it('is lexical: under the root, not the root unless asked, never beside it', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true)
    expect(isInside('/a/b', '/a/b/c/../d')).toBe(true)
    expect(isInside('/a/b', '/a/b')).toBe(false)
    expect(isInside('/a/b', '/a/b', { orEqual: true })).toBe(true)
    expect(isInside('/a/b', '/a/b/')).toBe(false)
    expect(isInside('/a/b', '/a/bc')).toBe(false)
    expect(isInside('/a/b', '/a/b/../c')).toBe(false)
    expect(isInside('/a/b', '/a')).toBe(false)
    expect(isInside('/a/b', '/')).toBe(false)
  })

  it('takes a name that merely starts with two dots as inside (an earlier copy did not)', () => {
    expect(isInside('/a/b', `/a/b/..hidden`)).toBe(true)
    expect(isInside('/a/b', `/a/b/..${sep}x`)).toBe(false)
  })
})

describe('resolveInside', () => {
  it('joins under the root and refuses what leaves it, or is the root', () => {
    expect(resolveInside('/r', 'a', 'b.txt')).toBe(join('/r', 'a', 'b.txt'))
    expect(resolveInside('/r', './index.html')).toBe(join('/r', 'index.html'))
    expect(resolveInside('/r', '../etc/passwd')).toBeNull()
    expect(resolveInside('/r', 'a/../../x')).toBeNull()
    expect(resolveInside('/r', '.')).toBeNull()
    expect(resolveInside('/r', '/etc/passwd')).toBe(join('/r', 'etc', 'passwd'))
  })
})

describe('realPathInside', () => {
  it('follows links, and refuses one that leads out of the root or a missing file', async () => {
    const root = join(dir.path, 'root')
    const outside = join(dir.path, 'outside')
    mkdirSync(join(root, 'sub'), { recursive: true })
    mkdirSync(outside)
    writeFileSync(join(root, 'sub', 'file'), 'in')
    writeFileSync(join(outside, 'secret'), 'out')
    symlinkSync(join(root, 'sub', 'file'), join(root, 'alias'))
    symlinkSync(join(outside, 'secret'), join(root, 'escape'))
    symlinkSync(outside, join(root, 'dir-escape'))
    expect(await realPathInside(root, join(root, 'sub', 'file'))).toBe(join(root, 'sub', 'file'))
    expect(await realPathInside(root, join(root, 'alias'))).toBe(join(root, 'sub', 'file'))
    expect(await realPathInside(root, join(root, 'escape'))).toBeNull()
    expect(await realPathInside(root, join(root, 'dir-escape', 'secret'))).toBeNull()
    expect(await realPathInside(root, join(root, 'missing'))).toBeNull()
    expect(await realPathInside(root, root)).toBeNull()
  })
})
