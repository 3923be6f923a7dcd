import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyAll, emptyTally, type CopyContext } from '../../../src/main/export/copy-files'
import { ExportFolders } from '../../../src/main/export/folders'
import { FileStore } from '../../../src/main/store/file-store'
import type { PlannedFile } from '../../../src/main/export/plan'
import type { ExportLink } from '../../../src/main/export/types'
import { freshDirEachTest } from '../../support/each-test-dirs'

const fresh = freshDirEachTest('chatkeep-copy-')

const link: ExportLink = {
  provider: 'onlyfansapi',
  account: 'acct',
  chat: 'c1',
  fan: 'fan',
  fanName: 'Fan',
  messageId: 'm1',
  mediaId: 'x1',
  type: 'photo',
  createdAt: '2024-01-01T00:00:00.000Z',
  text: '',
  price: null,
  status: 'downloaded',
  file: null,
  index: 1,
  mediaRowId: 1,
  messageRowId: 1,
  chatRowId: 1,
}

/** A store with one file per entry of `bodies`, and the planned files that export them into `dir/`. */
async function setup(bodies: readonly string[], dir = 'd') {
  const store = await FileStore.open(fresh())
  const files: PlannedFile[] = bodies.map((body, i) => {
    const sha256 = createHash('sha256').update(body).digest('hex')
    const relPath = store.relPathFor(sha256, 'jpg')
    const stored = store.pathOf(relPath) as string
    mkdirSync(dirname(stored), { recursive: true })
    writeFileSync(stored, body)
    return {
      path: `${dir}/f${i}.jpg`,
      source: { variant: 'full', relPath, sha256, size: body.length, ext: 'jpg' },
      link,
    }
  })
  const root = fresh()
  const context: CopyContext = {
    folders: await ExportFolders.open(root),
    store,
    mode: 'copy',
    manifest: new Map(),
    tally: emptyTally(),
    errors: [],
    failed: new Set(),
    stopped: null,
  }
  return { root, files, context, store }
}

describe('copyAll', () => {
  it('writes new files straight to their names, no temp files, every byte in place', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => `body ${i} `.repeat(i + 1))
    const { root, files, context } = await setup(bodies)
    await copyAll(files, context, 8, undefined, () => undefined)
    expect(context.errors).toEqual([])
    expect(context.tally).toMatchObject({ copied: 40, filesDone: 40, skipped: 0 })
    expect(readdirSync(join(root, 'd')).sort()).toEqual(files.map((f) => f.path.slice(2)).sort())
    for (const [i, file] of files.entries())
      expect(readFileSync(join(root, file.path), 'utf8')).toBe(bodies[i])
    expect(context.manifest.size).toBe(40)
  })

  it('does not write through a symlink planted at a name after its folder was listed', async () => {
    const { root, files, context } = await setup(['new bytes', 'other bytes'])
    const outside = fresh()
    const victim = join(outside, 'victim.txt')
    writeFileSync(victim, 'untouched')
    // The folder is listed (empty) first, as in an export; the links appear afterwards.
    await context.folders.ensure('d')
    symlinkSync(victim, join(root, 'd', 'f0.jpg'))
    // A dangling link: an exclusive create must not create its target either.
    symlinkSync(join(outside, 'created-through-link'), join(root, 'd', 'f1.jpg'))
    await copyAll(files, context, 4, undefined, () => undefined)
    expect(context.errors).toEqual([])
    expect(readFileSync(victim, 'utf8')).toBe('untouched')
    expect(existsSync(join(outside, 'created-through-link'))).toBe(false)
    for (const name of ['f0.jpg', 'f1.jpg']) expect(lstatSync(join(root, 'd', name)).isFile()).toBe(true)
    expect(readFileSync(join(root, 'd', 'f0.jpg'), 'utf8')).toBe('new bytes')
    expect(readFileSync(join(root, 'd', 'f1.jpg'), 'utf8')).toBe('other bytes')
  })

  it('stops taking files on cancel, and every file under a final name is complete', async () => {
    const bodies = Array.from({ length: 200 }, (_, i) => `cancel ${i} `.repeat(500))
    const { root, files, context } = await setup(bodies)
    const controller = new AbortController()
    await copyAll(files, context, 16, controller.signal, () => {
      if (context.tally.filesDone === 5) controller.abort()
    })
    const written = readdirSync(join(root, 'd'))
    expect(written.length).toBeGreaterThanOrEqual(5)
    expect(written.length).toBeLessThan(200)
    expect(written.filter((n) => n.endsWith('.tmp'))).toEqual([])
    const byName = new Map(files.map((f, i) => [f.path.slice(2), bodies[i]]))
    for (const name of written) expect(readFileSync(join(root, 'd', name), 'utf8')).toBe(byName.get(name))
    expect(context.manifest.size).toBe(written.length)
  })

  it('reports a missing store file and leaves nothing under its name', async () => {
    const { root, files, context, store } = await setup(['present', 'gone'])
    const gone = files[1]!
    rmSync(store.pathOf(gone.source.relPath) as string)
    await copyAll(files, context, 2, undefined, () => undefined)
    expect(context.errors).toEqual([
      { path: gone.path, mediaId: 'x1', message: 'the archived file is missing; run "chatkeep verify"' },
    ])
    expect(readdirSync(join(root, 'd'))).toEqual(['f0.jpg'])
    expect(context.failed).toEqual(new Set([gone.path]))
  })
})
