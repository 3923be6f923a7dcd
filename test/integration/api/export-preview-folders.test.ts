// The export dialog's preview and the desktop's folders, through the real core on an archive
// synced for real from the fake providers: the preview names exactly the files the export then
// writes (same planner, collisions included), "Open folder" opens only a finished export's own
// folder, and "Show in folder" only ever shows a file the store resolves.
import { readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openServeCore } from '../../../src/main/cli/serve-core'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { openCore } from '../../../src/main/core'
import { previewExport } from '../../../src/main/export/preview'
import type { Core, DesktopShell } from '../../../src/main/core-types'
import { channels } from '../../../src/shared/contract'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { tempDirs } from '../../support/temp-dir'

const dirs = tempDirs('chatkeep-preview-')
let fake: FakeProviders
let dataDir: string
let shown: string[]
let opened: string[]
let desktop: Core
let serve: Core

const shell: DesktopShell = {
  openFolder: async (path) => void opened.push(path),
  showItem: (path) => void shown.push(path),
}

beforeAll(async () => {
  // Hostile fan names included (specials), so the names really go through the planner's rules.
  fake = await startFakeProviders({ seed: 5, chats: 4, messagesPerChat: 5 })
  dataDir = dirs.fresh()
  serve = await openServeCore({
    dataDir,
    env: { CHATKEEP_BASE_URL: fake.url, FANSMETRIC_API_KEY: fake.keys.fansmetric },
    log: () => undefined,
  })
  const { id } = await serve.handlers['accounts:add']({
    provider: 'fansmetric',
    externalId: 'acct_fake_fm_1',
  })
  const {
    jobs: [job],
  } = await serve.handlers['sync:start']({ accountId: id, full: false })
  await until(
    async () =>
      (await serve.handlers['sync:status']({})).jobs.find((j) => j.id === job?.id)?.state === 'done',
  )
  desktop = await openCore({ dataDir, transport: 'electron', desktopShell: shell })
}, 60_000)

afterAll(async () => {
  await desktop.close()
  await serve.close()
  await fake.close()
  dirs.removeAll()
})

async function until(done: () => Promise<boolean>): Promise<void> {
  for (const stop = Date.now() + 30_000; !(await done());) {
    if (Date.now() > stop) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const preview = (core: Core, input: unknown): ReturnType<Core['handlers']['export:preview']> =>
  core.handlers['export:preview'](channels['export:preview'].input.parse(input))

async function exportAndWait(core: Core, input: unknown): Promise<{ exportId: number; to: string }> {
  const request = channels['export:start'].input.parse(input)
  const { exportId } = await core.handlers['export:start'](request)
  await expect
    .poll(
      async () => (await core.handlers['export:status']({})).find((j) => j.exportId === exportId)?.phase,
      {
        timeout: 30_000,
      },
    )
    .toBe('done')
  return { exportId, to: request.to }
}

/** The files an export wrote, in its order: the sidecar lists each item's path, oldest first. */
function exportedPaths(to: string): string[] {
  const sidecar = JSON.parse(readFileSync(join(to, 'chatkeep-export.json'), 'utf8')) as {
    items: { path: string | null }[]
  }
  return [...new Set(sidecar.items.map((item) => item.path).filter((path) => path !== null))]
}

describe('export:preview', () => {
  it.each([
    ['the default template', undefined],
    ['a template whose names collide', '{type}.{ext}'],
    ['chat folders with hostile fan names', '{fanName}/{yyyy-mm-dd}_{mediaId}.{ext}'],
  ])('names the first files exactly as the export writes them: %s', async (_, template) => {
    const answer = await preview(serve, { limit: 8, ...(template && { template }) })
    expect(answer.problem).toBeNull()
    expect(answer.names).toHaveLength(8)
    expect(answer.more).toBe(true)
    const to = join(dirs.fresh(), 'out')
    await exportAndWait(serve, { to, ...(template && { template }) })
    expect(answer.names).toEqual(exportedPaths(to).slice(0, 8))
    if (template === '{type}.{ext}') expect(answer.names).toContain('photo (2).png')
  })

  it('plans a prefix of the links in rounds and still names what planning them all names', async () => {
    const catalog = openCatalog(dataDir, { readonly: true })
    try {
      const all = { kind: 'gallery' } as const
      const template = '{type}.{ext}'
      const whole = previewExport(catalog, all, template, { limit: 1000 })
      expect(whole.more).toBe(false)
      for (const firstRound of [1, 2, 3, 7]) {
        const rounds = previewExport(catalog, all, template, { limit: 12, firstRound })
        expect(rounds).toEqual({ names: whole.names.slice(0, 12), more: true, problem: null })
      }
    } finally {
      catalog.close()
    }
  })

  it('follows a selection, says when there is nothing more, and explains a wrong template', async () => {
    const page = await serve.handlers['media:search'](
      channels['media:search'].input.parse({ statuses: ['downloaded'], sort: 'oldest', limit: 2 }),
    )
    const ids = page.rows.map((row) => row.id)
    const answer = await preview(serve, { mediaIds: ids, template: '{mediaId}.{ext}' })
    expect(answer).toMatchObject({ more: false, problem: null })
    const providerIds = await Promise.all(
      ids.map(async (id) => (await serve.handlers['media:get']({ id })).providerMediaId),
    )
    expect(answer.names.map((name) => name.replace(/\.[a-z0-9]+$/, ''))).toEqual(providerIds)
    expect((await preview(serve, { template: '{nope}.{ext}' })).problem).toMatch(/nope/)
    expect((await preview(serve, { template: '{mediaId}.desktop' })).problem).toBe(
      'The template must end with ".{ext}".',
    )
    expect(await preview(serve, { mediaIds: [] })).toEqual({ names: [], more: false, problem: null })
  })
})

describe('export:openFolder', () => {
  it('opens only a finished export’s own folder, and serve says where the files are instead', async () => {
    opened = []
    const to = join(dirs.fresh(), 'opened')
    const { exportId } = await exportAndWait(desktop, { to, template: '{mediaId}.{ext}' })
    expect(await desktop.handlers['export:openFolder']({ exportId })).toEqual({ opened: true })
    expect(opened).toEqual([realpathSync(to)])
    await expect(desktop.handlers['export:openFolder']({ exportId: 999 })).rejects.toThrow(/not finished/)

    const served = await exportAndWait(serve, {
      to: join(dirs.fresh(), 'served'),
      template: '{mediaId}.{ext}',
    })
    await expect(serve.handlers['export:openFolder']({ exportId: served.exportId })).rejects.toThrow(
      `Open the folder in your file manager: ${realpathSync(served.to)}`,
    )
    expect(opened).toHaveLength(1)
  })
})

describe('media:showInFolder', () => {
  it('shows an archived file, and refuses items without one or a file planted outside the store', async () => {
    shown = []
    const catalog = openCatalog(dataDir, { readonly: true })
    const rows = catalog.db
      .prepare<[], { id: number; status: string; rel: string | null }>(
        `SELECT m.id, m.status, f.rel_path AS rel FROM media m
         LEFT JOIN media_files mf ON mf.media_id = m.id AND mf.kind = 'full'
         LEFT JOIN files f ON f.id = mf.file_id ORDER BY m.id`,
      )
      .all()
    catalog.close()
    const withFile = rows.filter((row) => row.rel !== null)
    const without = rows.find((row) => row.rel === null)
    if (withFile.length < 2 || !without)
      throw new Error('the synced archive needs items with and without files')

    expect(await desktop.handlers['media:showInFolder']({ id: withFile[0]!.id })).toEqual({ shown: true })
    expect(shown).toEqual([realpathSync(join(dataDir, withFile[0]!.rel!))])
    await expect(desktop.handlers['media:showInFolder']({ id: without.id })).rejects.toThrow(
      /no archived file/,
    )
    await expect(serve.handlers['media:showInFolder']({ id: withFile[0]!.id })).rejects.toThrow(/Download/)

    // A stored file replaced by a link to something outside the store is never shown.
    const planted = join(dataDir, withFile[1]!.rel!)
    rmSync(planted)
    symlinkSync('/etc/hostname', planted)
    await expect(desktop.handlers['media:showInFolder']({ id: withFile[1]!.id })).rejects.toThrow(
      /no archived file/,
    )
    expect(shown).toHaveLength(1)
  })
})
