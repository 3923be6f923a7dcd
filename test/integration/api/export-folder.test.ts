// Where the export dialog starts and the folder picker, through the core's handlers on a real
// catalog and settings file.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { channels } from '../../../src/shared/contract'
import { openCore } from '../../../src/main/core'
import type { Core, FolderPicker } from '../../../src/main/core-types'
import { tempDir } from '../../support/temp-dir'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function core(options: Partial<Parameters<typeof openCore>[0]> = {}): Promise<Core> {
  const opened = await openCore({ dataDir: tempDir().path, transport: 'electron', ...options })
  cleanups.push(() => opened.close())
  return opened
}

const start = (c: Core, to: string): ReturnType<Core['handlers']['export:start']> =>
  c.handlers['export:start'](channels['export:start'].input.parse({ to }))

describe('export:folder and export:pickFolder', () => {
  it('suggests a folder first, then remembers the last one exported into, across restarts', async () => {
    const dataDir = tempDir().path
    const suggested = join(tempDir().path, 'Chatkeep Export')
    const first = await core({ dataDir, suggestedExportFolder: suggested })
    expect(await first.handlers['export:folder']({})).toEqual({ folder: suggested, canPick: false })
    const target = join(tempDir().path, 'exports')
    await start(first, target)
    expect((await first.handlers['export:folder']({})).folder).toBe(target)
    // Changing another setting keeps it.
    await first.handlers['settings:set'](channels['settings:set'].input.parse({ concurrency: 4 }))
    await first.close()
    cleanups.pop()

    const second = await core({ dataDir, suggestedExportFolder: suggested })
    expect((await second.handlers['export:folder']({})).folder).toBe(target)
    expect(await second.handlers['settings:get']({})).toMatchObject({ concurrency: 4, exportFolder: target })
  })

  it('does not remember a folder the export refused', async () => {
    const dataDir = tempDir().path
    const c = await core({ dataDir })
    await expect(start(c, join(dataDir, 'files', 'inside'))).rejects.toThrow()
    expect(await c.handlers['export:folder']({})).toEqual({ folder: null, canPick: false })
  })

  it('says there is no picker in serve mode, and asks the picker it was given otherwise', async () => {
    const without = await core({ transport: 'http' })
    await expect(without.handlers['export:pickFolder']({})).rejects.toThrow(/type the full path/)

    const asked: (string | null)[] = []
    const picker: FolderPicker = {
      pick: async (defaultPath) => {
        asked.push(defaultPath)
        return asked.length === 1 ? '/home/u/Exports' : null
      },
    }
    const withPicker = await core({ folderPicker: picker })
    expect((await withPicker.handlers['export:folder']({})).canPick).toBe(true)
    expect(await withPicker.handlers['export:pickFolder']({ defaultPath: '/home/u' })).toEqual({
      path: '/home/u/Exports',
    })
    expect(await withPicker.handlers['export:pickFolder']({})).toEqual({ path: null })
    expect(asked).toEqual(['/home/u', null])
  })

  it('refuses an empty or oversized default path and an oversized remembered folder at the bridge', () => {
    const pickInput = channels['export:pickFolder'].input
    expect(pickInput.safeParse({ defaultPath: '' }).success).toBe(false)
    expect(pickInput.safeParse({ defaultPath: `/${'a'.repeat(5000)}` }).success).toBe(false)
    expect(pickInput.safeParse({ defaultPath: 42 }).success).toBe(false)
    expect(channels['settings:set'].input.safeParse({ exportFolder: '' }).success).toBe(false)
    expect(channels['settings:set'].input.safeParse({ exportFolder: 'x'.repeat(5000) }).success).toBe(false)
  })
})
