import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { replaceWithTemp, tempNameBeside, writeFileAtomic } from '../../../src/main/lib/atomic-write'
import { freshDirEachTest } from '../../support/each-test-dirs'

const fresh = freshDirEachTest('chatkeep-atomic-')

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp file', async () => {
    const dir = fresh()
    const file = join(dir, 'settings.json')
    writeFileSync(file, 'old')
    await writeFileAtomic(file, 'new contents')
    expect(readFileSync(file, 'utf8')).toBe('new contents')
    await writeFileAtomic(file, Buffer.from('bytes too'), { durable: false })
    expect(readFileSync(file, 'utf8')).toBe('bytes too')
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it.skipIf(process.platform === 'win32')('creates the file with the mode asked for', async () => {
    const file = join(fresh(), 'keys.json')
    await writeFileAtomic(file, 'secret', { mode: 0o600 })
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('replaces a symlink planted at the name instead of writing through it', async () => {
    const dir = fresh()
    const victim = join(fresh(), 'victim')
    writeFileSync(victim, 'untouched')
    symlinkSync(victim, join(dir, 'out.json'))
    await writeFileAtomic(join(dir, 'out.json'), 'mine')
    expect(readFileSync(victim, 'utf8')).toBe('untouched')
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('mine')
  })

  it('leaves the old file and no temp file when the write cannot happen', async () => {
    const dir = fresh()
    await expect(writeFileAtomic(join(dir, 'missing-folder', 'x'), 'y')).rejects.toMatchObject({
      code: 'ENOENT',
    })
    const temp = tempNameBeside(join(dir, 'x'))
    writeFileSync(temp, 'staged')
    // A rename that fails removes its temp file.
    await expect(replaceWithTemp(temp, join(dir, 'no', 'such', 'x'), false)).rejects.toBeDefined()
    expect(readdirSync(dir)).toEqual([])
  })

  it('makes hidden temp names beside the target, each one fresh', () => {
    const a = tempNameBeside('/data/settings.json')
    expect(a).toMatch(/^\/data\/\.chatkeep-[0-9a-f]{12}\.tmp$/)
    expect(tempNameBeside('/data/settings.json')).not.toBe(a)
  })
})
