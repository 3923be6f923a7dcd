import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { FileStore, PathEscapeError, TempFileChangedError } from '../../../src/main/store/file-store'

let dataDir: string
let store: FileStore

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

async function tempWith(key: string, bytes: Buffer): Promise<string> {
  const temp = store.tempPathFor(key)
  await writeFile(temp, bytes)
  return temp
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'chatkeep-store-'))
  store = await FileStore.open(dataDir)
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('FileStore', () => {
  it('keeps temp files under files/.tmp, one stable name per job key', () => {
    const a = store.tempPathFor('job:1')
    expect(store.tempPathFor('job:1')).toBe(a)
    expect(store.tempPathFor('job:2')).not.toBe(a)
    expect(path.dirname(a)).toBe(store.tempDir)
    expect(path.dirname(store.tempPathFor('../../../etc/passwd'))).toBe(store.tempDir)
  })

  it('commits into files/ab/<sha256>.<ext> and leaves no temp file', async () => {
    const bytes = Buffer.from('hello archive')
    const digest = sha(bytes)
    const stored = await store.commit(await tempWith('k', bytes), digest, 'jpg')
    expect(stored.relPath).toBe(`files/${digest.slice(0, 2)}/${digest}.jpg`)
    expect(stored.absPath).toBe(path.join(store.root, digest.slice(0, 2), `${digest}.jpg`))
    expect(stored.size).toBe(bytes.length)
    expect(await readFile(stored.absPath, 'utf8')).toBe('hello archive')
    expect(await readdir(store.tempDir)).toEqual([])
    expect(store.root).toBe(path.join(await realpath(dataDir), 'files'))
  })

  it('stores identical bytes once, even when they arrive under another extension', async () => {
    const bytes = Buffer.from('same bytes')
    const digest = sha(bytes)
    const first = await store.commit(await tempWith('a', bytes), digest, 'jpg')
    const second = await store.commit(await tempWith('b', bytes), digest, 'jpg')
    const third = await store.commit(await tempWith('c', bytes), digest, 'bin')
    expect(second.relPath).toBe(first.relPath)
    expect(third.relPath).toBe(first.relPath)
    expect(await readdir(path.join(store.root, digest.slice(0, 2)))).toEqual([`${digest}.jpg`])
    expect(await readdir(store.tempDir)).toEqual([])
  })

  it('replaces a stored file whose size shows it is damaged', async () => {
    const bytes = Buffer.from('the real content')
    const digest = sha(bytes)
    await mkdir(path.join(store.root, digest.slice(0, 2)), { recursive: true })
    await writeFile(path.join(store.root, digest.slice(0, 2), `${digest}.png`), 'trunc')
    const stored = await store.commit(await tempWith('k', bytes), digest, 'png')
    expect(await readFile(stored.absPath, 'utf8')).toBe('the real content')
  })

  it('refuses digests, extensions and temp paths it did not make', async () => {
    const temp = await tempWith('k', Buffer.from('x'))
    await expect(store.commit(temp, 'not-a-digest', 'jpg')).rejects.toThrow(/sha256/)
    await expect(store.commit(temp, sha(Buffer.from('x')), 'exe')).rejects.toThrow(/extension/)
    await expect(store.commit(temp, sha(Buffer.from('x')), '../x')).rejects.toThrow(/extension/)
    const outside = path.join(dataDir, 'elsewhere.part')
    await writeFile(outside, 'x')
    await expect(store.commit(outside, sha(Buffer.from('x')), 'jpg')).rejects.toBeInstanceOf(PathEscapeError)
  })

  it('resolves stored paths and refuses anything outside the files root', async () => {
    const bytes = Buffer.from('inside')
    const stored = await store.commit(await tempWith('k', bytes), sha(bytes), 'jpg')
    expect(await store.absPath(stored.relPath)).toBe(stored.absPath)
    for (const bad of [
      '../../etc/passwd',
      '../files/x',
      '/etc/passwd',
      'ab/../../x',
      'files/ab/../../x',
      'files/../catalog.sqlite',
      'a\\..\\..\\x',
      'files\\ab\\x',
      '',
      'ab/\0x',
      'files/ab/\0x',
      // The shard-relative form is not the catalog's: one form, the store's, is accepted.
      stored.relPath.slice('files/'.length),
    ]) {
      await expect(store.absPath(bad), bad).rejects.toBeInstanceOf(PathEscapeError)
    }
    // The temp area is inside the root but never served.
    await writeFile(path.join(store.tempDir, 'half.part'), 'x')
    await expect(store.absPath('files/.tmp/half.part')).rejects.toBeInstanceOf(PathEscapeError)
  })

  it('refuses a symlink that leads out of the files root', async () => {
    const secret = path.join(dataDir, 'secret.txt')
    await writeFile(secret, 'do not serve')
    await mkdir(path.join(store.root, 'ab'), { recursive: true })
    await symlink(secret, path.join(store.root, 'ab', 'link.jpg'))
    await expect(store.absPath('files/ab/link.jpg')).rejects.toBeInstanceOf(PathEscapeError)
    // A symlinked directory escapes just the same.
    await symlink(os.tmpdir(), path.join(store.root, 'cd'))
    await expect(store.absPath('files/cd/anything')).rejects.toBeDefined()
    await writeFile(path.join(os.tmpdir(), `chatkeep-escape-${process.pid}`), 'x')
    await expect(store.absPath(`files/cd/chatkeep-escape-${process.pid}`)).rejects.toBeInstanceOf(
      PathEscapeError,
    )
    await rm(path.join(os.tmpdir(), `chatkeep-escape-${process.pid}`), { force: true })
  })

  it('follows a symlink that stays inside the root', async () => {
    const bytes = Buffer.from('linked')
    const stored = await store.commit(await tempWith('k', bytes), sha(bytes), 'jpg')
    const shard = path.basename(path.dirname(stored.absPath))
    await symlink(stored.absPath, path.join(store.root, shard, 'alias.jpg'))
    expect(await store.absPath(`files/${shard}/alias.jpg`)).toBe(stored.absPath)
    // Into the temp area, though, it is refused.
    await writeFile(path.join(store.tempDir, 'half.part'), 'x')
    await symlink(path.join(store.tempDir, 'half.part'), path.join(store.root, shard, 'tmp.jpg'))
    await expect(store.absPath(`files/${shard}/tmp.jpg`)).rejects.toBeInstanceOf(PathEscapeError)
  })

  it('verifies by size, then by re-hashing: ok, size, hash, missing or outside', async () => {
    const bytes = Buffer.from('verify me')
    const digest = sha(bytes)
    const stored = await store.commit(await tempWith('k', bytes), digest, 'mp4')
    expect(await store.verify(stored.relPath, digest, bytes.length)).toEqual({ ok: true, size: bytes.length })
    await writeFile(stored.absPath, 'verify mE')
    const corrupt = await store.verify(stored.relPath, digest, bytes.length)
    expect(corrupt).toMatchObject({ ok: false, reason: 'hash', size: bytes.length })
    await writeFile(stored.absPath, 'verify me, longer')
    expect(await store.verify(stored.relPath, digest, bytes.length)).toEqual({
      ok: false,
      reason: 'size',
      size: 17,
    })
    await rm(stored.absPath)
    expect(await store.verify(stored.relPath, digest)).toEqual({ ok: false, reason: 'missing' })
    expect(await store.verify('files/../catalog.sqlite', digest)).toEqual({ ok: false, reason: 'outside' })
  })

  it('moves a damaged file to the quarantine folder and lists what is stored', async () => {
    const bytes = Buffer.from('to be quarantined')
    const stored = await store.commit(await tempWith('q', bytes), sha(bytes), 'png')
    const other = Buffer.from('stays')
    const kept = await store.commit(await tempWith('s', other), sha(other), 'png')
    const listed: string[] = []
    for await (const relPath of store.listStored()) listed.push(relPath)
    expect(listed.sort()).toEqual([stored.relPath, kept.relPath].sort())
    const moved = await store.quarantine(stored.relPath)
    expect(path.dirname(moved ?? '')).toBe(path.join(store.root, '.quarantine'))
    expect(await readFile(moved ?? '', 'utf8')).toBe('to be quarantined')
    expect(existsSync(stored.absPath)).toBe(false)
    expect(await store.quarantine(stored.relPath)).toBeNull()
    const after: string[] = []
    for await (const relPath of store.listStored()) after.push(relPath)
    expect(after).toEqual([kept.relPath])
  })

  it('removes from a temp area every file no live download can resume, and nothing else', async () => {
    const area = await store.tempArea('onlyfansapi-0123456789abcdef')
    expect(path.dirname(area.tempDir)).toBe(store.tempDir)
    const live = area.tempPathFor('live')
    await writeFile(live, 'partial')
    await writeFile(`${live}.json`, '{}')
    const done = area.tempPathFor('done')
    await writeFile(done, 'finished long ago')
    await writeFile(`${area.tempPathFor('gone')}.json`, '{}')
    await writeFile(path.join(area.tempDir, 'junk'), 'x')
    // Other areas and the shared folder are not this area's to clean.
    const other = await store.tempArea('fansmetric-0123456789abcdef')
    await writeFile(other.tempPathFor('done'), 'someone else')
    await writeFile(store.tempPathFor('flat'), 'flat')
    expect(await area.removeStaleTemps(['live', 'another'])).toBe(3)
    expect((await readdir(area.tempDir)).sort()).toEqual([path.basename(live), `${path.basename(live)}.json`])
    expect(await readdir(other.tempDir)).toEqual([path.basename(other.tempPathFor('done'))])
    expect(existsSync(store.tempPathFor('flat'))).toBe(true)
    await expect(store.removeStaleTemps([])).rejects.toThrow(/per temp area/)
    await expect(store.tempArea('../x')).rejects.toThrow(/temp area/)
    // An area is dropped once empty, and only then.
    await area.removeTempAreaIfEmpty()
    expect(existsSync(area.tempDir)).toBe(true)
    await area.removeStaleTemps([])
    await area.removeTempAreaIfEmpty()
    expect(existsSync(area.tempDir)).toBe(false)
  })

  it('commits only the bytes its writer counted: a temp file changed since is dropped, not stored', async () => {
    const bytes = Buffer.from('written and hashed')
    const digest = sha(bytes)
    const temp = await tempWith('changed', Buffer.concat([bytes, Buffer.from(' and more from elsewhere')]))
    await expect(store.commit(temp, digest, 'jpg', { size: bytes.length })).rejects.toBeInstanceOf(
      TempFileChangedError,
    )
    expect(existsSync(temp)).toBe(false)
    expect(await readdir(store.root)).toEqual(['.tmp'])
    // Without a length from the writer, the store hashes the file itself.
    const same = await tempWith('same-length', Buffer.from('written and hashes'))
    await expect(store.commit(same, digest, 'jpg')).rejects.toBeInstanceOf(TempFileChangedError)
    expect(existsSync(same)).toBe(false)
  })

  it('resolves a commit only after the directory holding the new entry was fsynced', async () => {
    const bytes = Buffer.from('durable entry')
    const digest = sha(bytes)
    const events: string[] = []
    let releaseSync!: () => void
    const held = await FileStore.open(dataDir, {
      syncDirectory: (dir) => {
        // The rename must already be done when its directory is synced, or the fsync proves nothing.
        events.push(`sync ${path.basename(dir)} holds file: ${existsSync(path.join(dir, `${digest}.jpg`))}`)
        return new Promise<void>((resolve) => (releaseSync = resolve))
      },
    })
    const committing = held.commit(await tempWith('d', bytes), digest, 'jpg', { size: bytes.length })
    void committing.then(() => events.push('committed'))
    while (events.length === 0) await new Promise((resolve) => setImmediate(resolve))
    // Several turns of the loop: room for a commit that does not wait to (wrongly) resolve.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(events).toEqual([`sync ${digest.slice(0, 2)} holds file: true`])
    releaseSync()
    const stored = await committing
    expect(events).toEqual([`sync ${digest.slice(0, 2)} holds file: true`, 'committed'])
    expect(stored.size).toBe(bytes.length)
  })

  it('waits for a directory fsync before reporting a twin that is already stored', async () => {
    const synced: string[] = []
    const recording = await FileStore.open(dataDir, {
      syncDirectory: async (dir) => {
        synced.push(path.basename(dir))
      },
    })
    const bytes = Buffer.from('twice')
    const digest = sha(bytes)
    await recording.commit(await tempWith('a', bytes), digest, 'png')
    await recording.commit(await tempWith('b', bytes), digest, 'png', { size: bytes.length })
    expect(synced).toEqual([digest.slice(0, 2), digest.slice(0, 2)])
    expect(await readdir(store.tempDir)).toEqual([])
  })

  it('makes a shard directory again when it vanished after an earlier commit', async () => {
    const one = Buffer.from('first in shard')
    const stored = await store.commit(await tempWith('1', one), sha(one), 'jpg')
    await rm(path.dirname(stored.absPath), { recursive: true })
    const again = await store.commit(await tempWith('2', one), sha(one), 'jpg')
    expect(await readFile(again.absPath, 'utf8')).toBe('first in shard')
  })

  it('does not take a stored file deleted behind its back for the twin of new bytes', async () => {
    const bytes = Buffer.from('stored, deleted, downloaded again')
    const digest = sha(bytes)
    const first = await store.commit(await tempWith('1', bytes), digest, 'jpg')
    await rm(first.absPath)
    const again = await store.commit(await tempWith('2', bytes), digest, 'jpg')
    expect(again.relPath).toBe(first.relPath)
    expect(await readFile(again.absPath)).toEqual(bytes)
  })

  it('finds a twin stored by an earlier store on the same folder', async () => {
    const bytes = Buffer.from('stored by an earlier run')
    const digest = sha(bytes)
    const first = await store.commit(await tempWith('1', bytes), digest, 'png')
    const later = await FileStore.open(dataDir)
    const temp = later.tempPathFor('2')
    await writeFile(temp, bytes)
    const second = await later.commit(temp, digest, 'jpg')
    expect(second.relPath).toBe(first.relPath)
    expect(await readdir(path.dirname(first.absPath))).toEqual([path.basename(first.absPath)])
  })
  it('removes a stored file it is asked to, and never anything outside its shards', async () => {
    const bytes = Buffer.from('remove me')
    const stored = await store.commit(await tempWith('r', bytes), sha(bytes), 'png')
    expect(await store.remove(stored.relPath)).toBe(true)
    expect(existsSync(stored.absPath)).toBe(false)
    expect(await store.remove(stored.relPath)).toBe(false)
    await expect(store.remove('../catalog.sqlite')).rejects.toThrow(PathEscapeError)
    await expect(store.remove('files/.tmp/x.part')).rejects.toThrow(PathEscapeError)
    // A symlink planted in a shard is not followed, and not taken for a stored file.
    const outside = path.join(dataDir, 'outside.txt')
    await writeFile(outside, 'keep')
    const planted = store.relPathFor(sha(Buffer.from('x')), 'png')
    await mkdir(path.dirname(path.join(dataDir, planted)), { recursive: true })
    await symlink(outside, path.join(dataDir, planted))
    expect(await store.remove(planted)).toBe(false)
    expect(await readFile(outside, 'utf8')).toBe('keep')
  })
})
