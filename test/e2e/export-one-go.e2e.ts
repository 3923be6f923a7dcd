// Export in one go, in serve mode over a seeded archive of its own and a home folder of its own:
// the first export is suggested a folder, the dialog previews the first file names for the
// template being typed (named by the export's own planner: the files then have exactly those
// names), the finished export says where it went; a bad target (/proc, a file, a folder that
// refuses writes) fails at once with one line while serve stays responsive. In the desktop app
// (played here by answering app:info as Electron) "Open folder" and "Show in folder" ask the core.
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { ChannelOutput } from '../../src/shared/contract'
import {
  apiAuthorization,
  expect,
  screenshot,
  serveDataDir,
  test,
  screenshotLightAndDark,
} from './support/fixtures'
import { seedCatalog } from './support/seed'
import type { ServeProcess } from './support/serve-process'

let dataDir: string
let home: string
let served: ServeProcess
let origin: string
test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-onego-'))
  home = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-home-'))
  await mkdir(join(home, 'Documents'))
  await seedCatalog(dataDir)
  served = await serveDataDir(dataDir, { HOME: home })
  origin = new URL(served.url).origin
})
test.afterAll(async () => {
  await served.close()
  await rm(dataDir, { recursive: true, force: true })
  await rm(home, { recursive: true, force: true })
})

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(served.url)
  await page.goto(`${origin}/${hash}`)
  await expect(page.getByTestId('stat-media')).not.toHaveText('…')
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort()
}

test('the first export is suggested a folder, previews its file names, and says where it went', async ({
  page,
}) => {
  await open(page, '#/media?q=sunset')
  await expect(page.getByTestId('result-count')).toHaveText('2 items')
  await page.getByTestId('export-button').click()
  const suggested = join(home, 'Documents', 'Chatkeep Export')
  await expect(page.getByTestId('export-to')).toHaveValue(suggested)

  const preview = page.getByTestId('export-preview').getByRole('listitem')
  await expect(preview).toHaveCount(2)
  for (const name of await preview.allInnerTexts())
    expect(name).toMatch(/^onlyfansapi\/acct_luna\/[^/]+\/\d{4}-\d\d-\d\d_m-\d+-\d+_p-[\d-]+\.png$/)
  // The preview follows the template as it is typed.
  await page.getByTestId('export-template').fill('{fan}/{type} {mediaId}.{ext}')
  await expect(preview.first()).toHaveText(/^[^/]+\/photo p-[\d-]+\.png$/)
  await page.getByTestId('export-template').fill('{mediaId}')
  await expect(page.getByTestId('export-preview')).toContainText('The template must end with ".{ext}".')
  await page.getByTestId('export-template').fill('{fan}/{type} {mediaId}.{ext}')
  await expect(preview).toHaveCount(2)
  const names = (await preview.allInnerTexts()).sort()
  await screenshotLightAndDark(page, 'export-preview')

  await page.getByRole('dialog').getByRole('button', { name: 'Start export' }).click()
  const progress = page.getByTestId('export-progress')
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  const where = await realpath(suggested)
  await expect(page.getByTestId('export-saved')).toHaveText(`Saved in${where}`)
  // A browser cannot open folders on this machine: the path is shown instead.
  await expect(page.getByTestId('export-open-folder')).toHaveCount(0)
  await screenshot(page, 'export-saved')
  const written = (await filesUnder(where)).filter((file) => file.endsWith('.png'))
  expect(written).toEqual(names)
})

/** Makes `dir` refuse new files, even for root (an immutable folder); false where that cannot be done. */
function refuseWrites(dir: string): boolean {
  try {
    if (process.getuid?.() === 0) execFileSync('chattr', ['+i', dir], { stdio: 'ignore' })
    else execFileSync('chmod', ['0555', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function allowWrites(dir: string): void {
  if (process.getuid?.() === 0) execFileSync('chattr', ['-i', dir], { stdio: 'ignore' })
  else execFileSync('chmod', ['0755', dir], { stdio: 'ignore' })
}

test('a bad target fails at once with one line, the dialog stays usable and serve stays responsive', async ({
  page,
}) => {
  const scratch = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-bad-'))
  const aFile = join(scratch, 'a-file.txt')
  await writeFile(aFile, 'not a folder')
  const locked = join(scratch, 'locked')
  await mkdir(locked)
  const canLock = refuseWrites(locked)
  try {
    await open(page, '#/media?q=sunset')
    await page.getByTestId('export-button').click()
    const dialog = page.getByRole('dialog')
    const targets: Array<readonly [string, RegExp]> = [
      [
        '/proc/self/chatkeep-export',
        /^Cannot create the export folder \/proc\/self\/chatkeep-export: ENOENT/,
      ],
      [aFile, /exists and is not a folder/],
      ...(canLock
        ? ([[locked, /^Cannot write into .*locked \(E[A-Z]+\): choose another folder/]] as const)
        : []),
    ]
    for (const [target, message] of targets) {
      await page.getByTestId('export-to').fill(target)
      const started = Date.now()
      await dialog.getByRole('button', { name: 'Start export' }).click()
      const alert = dialog.getByRole('alert')
      await expect(alert).toHaveText(message)
      // At once: no "Starting…" left behind, and well within what a person waits for.
      expect(Date.now() - started).toBeLessThan(3_000)
      expect((await alert.innerText()).split('\n')).toHaveLength(1)
      await expect(dialog.getByRole('button', { name: 'Start export' })).toBeEnabled()
      await expect(page.getByTestId('export-form')).toBeVisible()
      // Serve answers the next request at once.
      const asked = Date.now()
      const stats = await page.request.post(`${origin}/api/catalog:stats`, {
        data: {},
        headers: apiAuthorization(served),
      })
      expect(stats.ok()).toBe(true)
      expect(Date.now() - asked).toBeLessThan(2_000)
    }
    await screenshot(page, 'export-bad-target')
    // Nothing was made where it was refused.
    expect(await readdir(locked)).toEqual([])
    // The same dialog then exports to a good folder.
    const good = join(scratch, 'good')
    await page.getByTestId('export-to').fill(good)
    await dialog.getByRole('button', { name: 'Start export' }).click()
    await expect(page.getByTestId('export-progress')).toHaveAttribute('data-phase', 'done', {
      timeout: 30_000,
    })
  } finally {
    if (canLock) allowWrites(locked)
    await rm(scratch, { recursive: true, force: true })
  }
})

test('the desktop app offers Open folder after an export and Show in folder for an archived file', async ({
  page,
}) => {
  const asked: Array<{ channel: string; input: unknown }> = []
  await page.route('**/api/app:info', async (route) => {
    const real = (await (await route.fetch()).json()) as { value: ChannelOutput<'app:info'> }
    await route.fulfill({ json: { ok: true, value: { ...real.value, transport: 'electron' } } })
  })
  for (const channel of ['export:openFolder', 'media:showInFolder'] as const) {
    await page.route(`**/api/${channel}`, async (route) => {
      asked.push({ channel, input: route.request().postDataJSON() })
      await route.fulfill({
        json: { ok: true, value: channel === 'export:openFolder' ? { opened: true } : { shown: true } },
      })
    })
  }
  const target = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-open-'))
  try {
    await open(page, '#/media?q=sunset')
    await page.getByTestId('media-cell').first().click()
    await page.getByTestId('media-cell').first().dblclick()
    const viewer = page.getByTestId('viewer')
    await expect(viewer.getByTestId('viewer-show-in-folder')).toBeVisible()
    await viewer.getByTestId('viewer-show-in-folder').click()
    await expect.poll(() => asked.length).toBe(1)
    expect(asked[0]?.channel).toBe('media:showInFolder')
    const id = (asked[0]?.input as { id: number }).id
    const item = (await (
      await page.request.post(`${origin}/api/media:get`, { data: { id }, headers: apiAuthorization(served) })
    ).json()) as { value: ChannelOutput<'media:get'> }
    expect(item.value.hasFile).toBe(true)
    await screenshot(page, 'viewer-show-in-folder')
    await page.keyboard.press('Escape')

    // An item without an archived file has nothing to show.
    await open(page, '#/media?status=locked')
    await page.getByTestId('media-cell').first().dblclick()
    await expect(page.getByTestId('metadata')).toContainText('Sent by')
    await expect(page.getByTestId('viewer-show-in-folder')).toHaveCount(0)
    await page.keyboard.press('Escape')

    await open(page, '#/media?q=sunset')
    await page.getByTestId('export-button').click()
    await page.getByTestId('export-to').fill(target)
    await page.getByRole('dialog').getByRole('button', { name: 'Start export' }).click()
    await expect(page.getByTestId('export-progress')).toHaveAttribute('data-phase', 'done', {
      timeout: 30_000,
    })
    await page.getByTestId('export-open-folder').click()
    await expect.poll(() => asked.length).toBe(2)
    const status = (await (
      await page.request.post(`${origin}/api/export:status`, { data: {}, headers: apiAuthorization(served) })
    ).json()) as { value: ChannelOutput<'export:status'> }
    const done = status.value.find((job) => job.to === target)
    expect(asked[1]).toEqual({ channel: 'export:openFolder', input: { exportId: done?.exportId } })
  } finally {
    await rm(target, { recursive: true, force: true })
  }
})
