import { createHash } from 'node:crypto'
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { alreadyThere, readManifest, serializeManifest } from '../../../src/main/export/manifest'
import { NameTakenError, placeFile, placeNew } from '../../../src/main/export/place-file'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir('chatkeep-files-')
afterAll(() => dir.remove())
const sha = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('placeFile', () => {
  it('copies through a temp name and leaves no temp behind', async () => {
    const src = join(dir.path, 'src1')
    writeFileSync(src, 'hello')
    await placeFile(src, join(dir.path, 'dst1'), 'copy')
    expect(readFileSync(join(dir.path, 'dst1'), 'utf8')).toBe('hello')
    expect(readdirSync(dir.path).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('hard-links in hardlink mode (same inode), also over an existing link to the same file', async () => {
    const src = join(dir.path, 'src2')
    writeFileSync(src, 'linked')
    const dst = join(dir.path, 'dst2')
    expect(await placeFile(src, dst, 'hardlink')).toEqual({ how: 'linked', fellBack: false })
    expect(statSync(dst).ino).toBe(statSync(src).ino)
    await placeFile(src, dst, 'hardlink')
    expect(readdirSync(dir.path).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  // /dev/shm is a separate tmpfs on Linux: a hard link there from the temp dir crosses devices.
  const otherDevice = ((): string | null => {
    try {
      return statSync('/dev/shm').dev !== statSync(dir.path).dev ? '/dev/shm' : null
    } catch {
      return null
    }
  })()

  it.skipIf(otherDevice === null)('falls back to a copy when a hard link would cross devices', async () => {
    const src = join(dir.path, 'src4')
    writeFileSync(src, 'far away')
    const target = mkdtempSync(join(otherDevice as string, 'chatkeep-xdev-'))
    try {
      const dst = join(target, 'dst4')
      expect(await placeFile(src, dst, 'hardlink')).toEqual({ how: 'copied', fellBack: true })
      expect(readFileSync(dst, 'utf8')).toBe('far away')
      expect(readdirSync(target)).toEqual(['dst4'])
    } finally {
      rmSync(target, { recursive: true, force: true })
    }
  })

  it('replaces a symlink at the destination instead of writing through it', async () => {
    const src = join(dir.path, 'src3')
    writeFileSync(src, 'new')
    const victim = join(dir.path, 'victim')
    writeFileSync(victim, 'keep me')
    symlinkSync(victim, join(dir.path, 'dst3'))
    await placeFile(src, join(dir.path, 'dst3'), 'copy')
    expect(readFileSync(victim, 'utf8')).toBe('keep me')
    expect(lstatSync(join(dir.path, 'dst3')).isSymbolicLink()).toBe(false)
  })
})

describe('placeNew', () => {
  it('copies straight to the final name, with no temp name on the way', async () => {
    const src = join(dir.path, 'new-src1')
    writeFileSync(src, 'direct')
    const target = mkdtempSync(join(dir.path, 'new-'))
    expect(await placeNew(src, join(target, 'a.jpg'), 'copy')).toEqual({ how: 'copied', fellBack: false })
    expect(readdirSync(target)).toEqual(['a.jpg'])
    expect(readFileSync(join(target, 'a.jpg'), 'utf8')).toBe('direct')
  })

  it.each(['copy', 'hardlink'] as const)(
    'in %s mode refuses a name that is taken (a symlink, dangling or not) and touches nothing',
    async (mode) => {
      const src = join(dir.path, `new-src-${mode}`)
      writeFileSync(src, 'new')
      const target = mkdtempSync(join(dir.path, 'taken-'))
      const victim = join(target, 'victim')
      writeFileSync(victim, 'keep me')
      symlinkSync(victim, join(target, 'link.jpg'))
      symlinkSync(join(target, 'would-be-created'), join(target, 'dangling.jpg'))
      await expect(placeNew(src, join(target, 'link.jpg'), mode)).rejects.toThrow(NameTakenError)
      await expect(placeNew(src, join(target, 'dangling.jpg'), mode)).rejects.toThrow(NameTakenError)
      expect(readFileSync(victim, 'utf8')).toBe('keep me')
      expect(lstatSync(join(target, 'link.jpg')).isSymbolicLink()).toBe(true)
      expect(readdirSync(target).sort()).toEqual(['dangling.jpg', 'link.jpg', 'victim'])
    },
  )

  it('removes what it created when the copy fails part way', async () => {
    // A folder opens for reading but cannot be read as bytes: the copy fails after the create.
    const src = mkdtempSync(join(dir.path, 'not-a-file-'))
    const target = mkdtempSync(join(dir.path, 'failed-'))
    await expect(placeNew(src, join(target, 'half.jpg'), 'copy')).rejects.toThrow()
    expect(readdirSync(target)).toEqual([])
  })
})

describe('manifest and sameness', () => {
  it('trusts the manifest while size and mtime hold, and re-hashes when they move', async () => {
    const path = join(dir.path, 'm1')
    writeFileSync(path, 'abc')
    const first = await alreadyThere(path, sha('abc'), 3, undefined)
    expect(first.same).toBe(true)
    const entry = first.same ? first.entry : undefined
    const hash = vi.fn(async () => sha('abc'))
    expect((await alreadyThere(path, sha('abc'), 3, entry, hash)).same).toBe(true)
    expect(hash).not.toHaveBeenCalled()
    utimesSync(path, new Date(2001, 1, 1), new Date(2001, 1, 1))
    expect((await alreadyThere(path, sha('abc'), 3, entry, hash)).same).toBe(true)
    expect(hash).toHaveBeenCalledTimes(1)
    writeFileSync(path, 'abd')
    expect((await alreadyThere(path, sha('abc'), 3, entry)).same).toBe(false)
    expect((await alreadyThere(join(dir.path, 'missing'), sha('abc'), 3, entry)).same).toBe(false)
  })

  it('round-trips and ignores a damaged manifest', async () => {
    const path = join(dir.path, 'manifest.json')
    const entries = new Map([['a/b.png', { sha256: sha('x'), size: 1, mtimeMs: 5 }]])
    writeFileSync(path, serializeManifest(entries))
    expect(await readManifest(path)).toEqual(entries)
    writeFileSync(path, '{not json')
    expect((await readManifest(path)).size).toBe(0)
    writeFileSync(path, JSON.stringify({ files: { 'a.png': { sha256: 'nothex', size: 1, mtimeMs: 1 } } }))
    expect((await readManifest(path)).size).toBe(0)
  })
})
