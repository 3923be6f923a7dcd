import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ConfinementError,
  ExportTargetError,
  FolderMaker,
  resolveExportRoot,
} from '../../../src/main/export/confine'
import { tempDir } from '../../support/temp-dir'

let dirs: Array<{ remove(): void }> = []
afterEach(() => {
  for (const d of dirs) d.remove()
  dirs = []
})
function fresh(): string {
  const d = tempDir('chatkeep-confine-')
  dirs.push(d)
  return d.path
}

describe('export root', () => {
  it('refuses the file store and anything inside it, even through a symlink', async () => {
    const data = fresh()
    mkdirSync(join(data, 'files', 'ab'), { recursive: true })
    await expect(resolveExportRoot(join(data, 'files'), data)).rejects.toThrow(ExportTargetError)
    await expect(resolveExportRoot(join(data, 'files', 'ab', 'new'), data)).rejects.toThrow(ExportTargetError)
    const elsewhere = fresh()
    symlinkSync(join(data, 'files'), join(elsewhere, 'sneaky'))
    await expect(resolveExportRoot(join(elsewhere, 'sneaky', 'x'), data)).rejects.toThrow(ExportTargetError)
    expect(readdirSync(join(data, 'files', 'ab'))).toEqual([])
  })

  it('creates a missing folder and returns its real path', async () => {
    const data = fresh()
    const out = join(fresh(), 'new', 'export')
    expect(await resolveExportRoot(out, data)).toBe(out)
  })
})

describe('FolderMaker', () => {
  it('refuses to write through a planted symlink pointing outside', async () => {
    const root = fresh()
    const outside = fresh()
    symlinkSync(outside, join(root, 'evil'))
    const folders = new FolderMaker(root)
    await expect(folders.ensure('evil/sub')).rejects.toThrow(ConfinementError)
    expect(readdirSync(outside)).toEqual([])
  })

  it('refuses a symlink even when it points inside, and a file where a folder should be', async () => {
    const root = fresh()
    mkdirSync(join(root, 'real'))
    symlinkSync(join(root, 'real'), join(root, 'alias'))
    writeFileSync(join(root, 'file'), 'x')
    const folders = new FolderMaker(root)
    await expect(folders.ensure('alias')).rejects.toThrow(/symbolic link/)
    await expect(folders.ensure('file/x')).rejects.toThrow(/not a folder/)
  })

  it('makes nested folders once and maps paths under the root', async () => {
    const root = fresh()
    const folders = new FolderMaker(root)
    await Promise.all([folders.ensure('a/b/c'), folders.ensure('a/b/d'), folders.ensure('a/b/c')])
    expect(readdirSync(join(root, 'a', 'b')).sort()).toEqual(['c', 'd'])
    expect(folders.pathOf('a/b/c/x.png')).toBe(join(root, 'a', 'b', 'c', 'x.png'))
    expect(() => folders.pathOf('../x')).toThrow(ConfinementError)
  })
})
