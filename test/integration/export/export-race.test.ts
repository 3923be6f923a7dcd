// A folder of the export swapped for a symlink while exporting (another local user, in a shared
// folder) let 133 files land outside the export folder: folders were checked once, when made.
// Now each write is pinned to the folder the export made and checked before it happens, and a
// folder that changed stops the export. 0 files outside, whatever the other process does.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportArchive } from '../../../src/main/export'
import { FolderChangedError } from '../../../src/main/export/folders'
import { seedArchive } from '../../bench/lib/archive-seed'
import { tempDir } from '../../support/temp-dir'

const data = tempDir('chatkeep-race-data-')
const scratch = tempDir('chatkeep-race-')
const template = '{fan}/{mediaId}.{ext}'

beforeAll(async () => {
  await seedArchive(data.path, 400, 4)
}, 60_000)
afterAll(() => {
  data.remove()
  scratch.remove()
})

/** Every file under `dir`, following nothing. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
}

// The pinned writes go through /proc/self/fd, so the guarantee is Linux's; elsewhere the check
// before each write is the guard (docs/export.md).
describe.skipIf(process.platform !== 'linux')('a folder swapped under a running export', () => {
  it('stops the export at the next write into it, and nothing lands in the link target', async () => {
    const root = join(scratch.path, 'deterministic')
    const outside = join(scratch.path, 'outside-1')
    mkdirSync(outside)
    let swapped = false
    const run = exportArchive({
      dataDir: data.path,
      to: root,
      template,
      concurrency: 1,
      onProgress: (p) => {
        // Once the fan folders exist, one is moved aside and a link to elsewhere put in its place.
        if (p.phase === 'copying' && p.filesDone === 12 && !swapped) {
          swapped = true
          renameSync(join(root, 'fan_1'), join(root, 'fan_1.moved'))
          symlinkSync(outside, join(root, 'fan_1'))
        }
      },
    })
    await expect(run).rejects.toBeInstanceOf(FolderChangedError)
    await expect(run).rejects.toThrow(/"fan_1" of the export was moved or replaced/)
    expect(swapped).toBe(true)
    expect(filesUnder(outside)).toEqual([])
  })

  it('lets no file out while another process swaps the folders as fast as it can', async () => {
    const root = join(scratch.path, 'raced')
    const outside = join(scratch.path, 'outside-2')
    const stop = join(scratch.path, 'stop')
    // The attacker: a separate process that keeps turning every fan folder into a link to
    // `outside` and back, for as long as the export runs.
    const attacker = spawn(
      process.execPath,
      [
        '-e',
        `
        const fs = require('node:fs'), path = require('node:path')
        const [root, outside, stop] = process.argv.slice(1)
        fs.mkdirSync(outside, { recursive: true })
        let swaps = 0
        while (!fs.existsSync(stop)) {
          let names = []
          try { names = fs.readdirSync(root) } catch {}
          for (const name of names) {
            if (!name.startsWith('fan_') || name.endsWith('.moved')) continue
            const dir = path.join(root, name)
            try {
              if (fs.lstatSync(dir).isSymbolicLink()) continue
              fs.renameSync(dir, dir + '.moved')
              fs.symlinkSync(outside, dir)
              swaps++
              for (let i = 0; i < 2000; i++);
              fs.unlinkSync(dir)
              fs.renameSync(dir + '.moved', dir)
            } catch {}
          }
        }
        process.stdout.write(String(swaps))
        `,
        root,
        outside,
        stop,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let swaps = ''
    attacker.stdout.setEncoding('utf8').on('data', (chunk: string) => (swaps += chunk))
    const attackerDone = new Promise((done) => attacker.on('close', done))
    let outcome: unknown
    try {
      outcome = await exportArchive({ dataDir: data.path, to: root, template, concurrency: 8 }).catch(
        (error: unknown) => error,
      )
    } finally {
      writeFileSync(stop, '')
      await attackerDone
    }
    expect(Number(swaps)).toBeGreaterThan(0)
    expect(filesUnder(outside)).toEqual([])
    // The export either noticed a swap and stopped, or finished with every file in its folder.
    if (!(outcome instanceof FolderChangedError)) expect(outcome).toMatchObject({ errors: [] })
  })
})
