import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hashFileInto, sha256OfFile } from '../../../src/main/lib/sha256-file'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir('chatkeep-sha-')
afterAll(() => dir.remove())

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe('sha256 of a file', () => {
  it('hashes a whole file across several reads, and an empty one', async () => {
    // Larger than one 1 MiB read, not a multiple of it.
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff
    const file = join(dir.path, 'big')
    writeFileSync(file, bytes)
    expect(await sha256OfFile(file)).toEqual({ sha256: sha(bytes), size: bytes.length })
    writeFileSync(join(dir.path, 'empty'), '')
    expect(await sha256OfFile(join(dir.path, 'empty'))).toEqual({ sha256: sha(Buffer.alloc(0)), size: 0 })
  })

  it('hashes only a prefix when asked, and rejects a missing file', async () => {
    const file = join(dir.path, 'prefix')
    writeFileSync(file, 'hello, archive')
    const hash = createHash('sha256')
    expect(await hashFileInto(hash, file, 5)).toBe(5)
    expect(hash.digest('hex')).toBe(sha(Buffer.from('hello')))
    expect(await hashFileInto(createHash('sha256'), file, 0)).toBe(0)
    await expect(sha256OfFile(join(dir.path, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
