import { mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfinementError, ExportTargetError, resolveExportRoot } from '../../../src/main/export/confine'
import { ExportFolders } from '../../../src/main/export/folders'
import { freshDirEachTest } from '../../support/each-test-dirs'

const fresh = freshDirEachTest('chatkeep-confine-')

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

  it('refuses the data folder itself, and any folder that contains it, as typed or through a link', async () => {
    const parent = fresh()
    const data = join(parent, 'Chatkeep')
    mkdirSync(data)
    writeFileSync(join(data, 'catalog.sqlite'), 'catalog')
    await expect(resolveExportRoot(data, data)).rejects.toThrow(/data folder .* inside it/)
    await expect(resolveExportRoot(join(data, 'export'), data)).rejects.toThrow(/inside it/)
    await expect(resolveExportRoot(parent, data)).rejects.toThrow(/contains Chatkeep's data folder/)
    await expect(resolveExportRoot('/', data)).rejects.toThrow(/contains/)
    const elsewhere = fresh()
    symlinkSync(parent, join(elsewhere, 'around'))
    await expect(resolveExportRoot(join(elsewhere, 'around'), data)).rejects.toThrow(/contains/)
    symlinkSync(data, join(elsewhere, 'data-link'))
    await expect(resolveExportRoot(join(elsewhere, 'data-link', 'x'), data)).rejects.toThrow(/inside it/)
    // Nothing was created on the way.
    expect(readdirSync(data)).toEqual(['catalog.sqlite'])
  })

  it.skipIf(process.platform !== 'linux')(
    'fails at once with one line where folders cannot be made (/proc), instead of spinning',
    async () => {
      const started = Date.now()
      await expect(resolveExportRoot('/proc/self/x', fresh())).rejects.toThrow(
        /^Cannot create the export folder \/proc\/self\/x: ENOENT/,
      )
      expect(Date.now() - started).toBeLessThan(5_000)
    },
  )

  it('creates a missing folder and returns its real path', async () => {
    const data = fresh()
    const out = join(fresh(), 'new', 'export')
    expect(await resolveExportRoot(out, data)).toBe(out)
  })

  it('refuses a folder it cannot write into at once, leaving nothing behind', async () => {
    // /proc/self exists and is a folder, and no one (root included) may create a file in it.
    await expect(resolveExportRoot('/proc/self', fresh())).rejects.toThrow(
      /^Cannot write into \/proc\/self \(E[A-Z]+\): choose another folder/,
    )
    const root = fresh()
    expect(await resolveExportRoot(root, fresh())).toBe(realpathSync(root))
    expect(readdirSync(root)).toEqual([])
  })
})

describe('ExportFolders', () => {
  it('refuses to write through a planted symlink pointing outside', async () => {
    const root = fresh()
    const outside = fresh()
    symlinkSync(outside, join(root, 'evil'))
    const folders = await ExportFolders.open(root)
    await expect(folders.ensure('evil/sub')).rejects.toThrow(ConfinementError)
    expect(readdirSync(outside)).toEqual([])
  })

  it('refuses a symlink even when it points inside, and a file where a folder should be', async () => {
    const root = fresh()
    mkdirSync(join(root, 'real'))
    symlinkSync(join(root, 'real'), join(root, 'alias'))
    writeFileSync(join(root, 'file'), 'x')
    const folders = await ExportFolders.open(root)
    await expect(folders.ensure('alias')).rejects.toThrow(/symbolic link/)
    await expect(folders.ensure('file/x')).rejects.toThrow(/not a folder/)
  })

  it('makes nested folders once and maps paths under the root', async () => {
    const root = fresh()
    const folders = await ExportFolders.open(root)
    await Promise.all([folders.ensure('a/b/c'), folders.ensure('a/b/d'), folders.ensure('a/b/c')])
    expect(readdirSync(join(root, 'a', 'b')).sort()).toEqual(['c', 'd'])
    expect(folders.displayPathOf('a/b/c/x.png')).toBe(join(root, 'a', 'b', 'c', 'x.png'))
    // Where a file is written: pinned to the folder on Linux, its path elsewhere; the same place.
    expect(realpathSync(dirname(folders.pathOf('a/b/c/x.png')))).toBe(join(root, 'a', 'b', 'c'))
    expect(() => folders.pathOf('../x')).toThrow(ConfinementError)
  })
})
