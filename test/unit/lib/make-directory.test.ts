import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeDirectory, makeDirectorySync, NotAFolderError } from '../../../src/main/lib/make-directory'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir('chatkeep-mkdir-')
afterAll(() => dir.remove())

describe('makeDirectory', () => {
  it('makes every missing level, and is a no-op on an existing folder', async () => {
    const deep = join(dir.path, 'a', 'b', 'c')
    await makeDirectory(deep)
    expect(statSync(deep).isDirectory()).toBe(true)
    await makeDirectory(deep)
    await Promise.all([makeDirectory(join(deep, 'd')), makeDirectory(join(deep, 'd', 'e'))])
    expect(existsSync(join(deep, 'd', 'e'))).toBe(true)
  })

  it('does the same synchronously', () => {
    const deep = join(dir.path, 'sync', 'x', 'y')
    makeDirectorySync(deep)
    makeDirectorySync(deep)
    expect(statSync(deep).isDirectory()).toBe(true)
    writeFileSync(join(dir.path, 'sync', 'file'), 'x')
    expect(() => makeDirectorySync(join(dir.path, 'sync', 'file'))).toThrow(NotAFolderError)
  })

  it('refuses a file in the way', async () => {
    writeFileSync(join(dir.path, 'file'), 'x')
    await expect(makeDirectory(join(dir.path, 'file'))).rejects.toBeInstanceOf(NotAFolderError)
    await expect(makeDirectory(join(dir.path, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' })
  })

  it.skipIf(process.platform !== 'linux')(
    'gives up at once where no folder can be made (Node recursive mkdir spins forever on /proc)',
    async () => {
      const started = Date.now()
      await expect(makeDirectory('/proc/self/chatkeep/x')).rejects.toMatchObject({ code: 'ENOENT' })
      expect(() => makeDirectorySync('/proc/self/chatkeep/x')).toThrow(/ENOENT/)
      expect(Date.now() - started).toBeLessThan(2_000)
    },
  )
})
