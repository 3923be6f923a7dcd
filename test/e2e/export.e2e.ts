// Export from the gallery in serve mode: the selection, or everything a filter shows, into a
// folder on disk, with progress and a summary; files checked on disk afterwards.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshot, test } from './support/fixtures'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

test('the selection exports into a folder with progress, a summary and real files on disk', async ({
  openApp,
}) => {
  const target = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-export-'))
  try {
    const page = await openApp('#/media?type=video,audio')
    const cells = page.getByTestId('media-cell')
    await expect(page.getByTestId('result-count')).toHaveText('3 items')
    await cells.nth(0).click()
    await cells.nth(1).click({ modifiers: ['ControlOrMeta'] })
    await page.getByTestId('export-button').click()

    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Export 2 selected items')
    await expect(page.getByTestId('export-template')).toHaveValue(
      '{provider}/{account}/{fan}/{yyyy-mm-dd}_{messageId}_{mediaId}.{ext}',
    )
    // A relative folder or a template without .{ext} cannot be sent.
    await page.getByTestId('export-to').fill('exports')
    await expect(page.getByTestId('export-problem')).toContainText('full path')
    await expect(dialog.getByRole('button', { name: 'Start export' })).toBeDisabled()
    await page.getByTestId('export-to').fill(target)
    await page.getByTestId('export-template').fill('{fan}/{mediaId}')
    await expect(page.getByTestId('export-problem')).toContainText('.{ext}')
    await page.getByTestId('export-template').fill('{fan}/{type}_{mediaId}.{ext}')
    await screenshot(page, 'export-dialog')
    await page.emulateMedia({ colorScheme: 'dark' })
    await screenshot(page, 'export-dialog-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await dialog.getByText('Template variables').click()
    await expect(dialog).toContainText('{sha8}')
    await screenshot(page, 'export-dialog-variables')
    await dialog.getByRole('button', { name: 'Start export' }).click()

    const progress = page.getByTestId('export-progress')
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
    await expect(progress).toContainText('Export finished')
    await expect(progress).toContainText('2 of 2 files')
    const summary = page.getByTestId('export-summary')
    await expect(summary).toContainText('Copied')
    await expect(summary).toContainText('transcript')
    await screenshot(page, 'export-done')
    await page.emulateMedia({ colorScheme: 'dark' })
    await screenshot(page, 'export-done-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)

    const files = await filesUnder(target)
    // Newest first: the DRM video (exported as its archived preview) and the voice note.
    const media = files.filter((file) => /\/alice_r\/(video|audio)_[^/]+\.(mp4|mp3|png)$/.test(file))
    expect(media).toHaveLength(2)
    expect(media.some((file) => file.endsWith('.mp3'))).toBe(true)
    for (const file of media) expect((await stat(file)).size).toBeGreaterThan(1000)
    // Alice's transcript names the items this selection left out as such.
    const transcript = files.find((file) => file.endsWith('.html'))
    if (!transcript) throw new Error('no transcript exported')
    const html = await readFile(transcript, 'utf8')
    expect(html).toContain('not in this export')
    expect(html).not.toContain('downloaded, no file')

    // A new session (the page reloaded) starts the dialog in the folder of the last export; the
    // browser has no native folder picker, so no "Choose…" button.
    await page.reload()
    await expect(page.getByTestId('result-count')).toHaveText('3 items')
    await page.getByTestId('export-button').click()
    await expect(page.getByTestId('export-to')).toHaveValue(target)
    await expect(page.getByTestId('export-pick')).toHaveCount(0)
  } finally {
    await rm(target, { recursive: true, force: true })
  }
})

test('without a selection, everything the filter shows is exported, as hard links when asked', async ({
  openApp,
  app,
}) => {
  const target = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-export-'))
  try {
    const page = await openApp('#/media?q=sunset')
    await expect(page.getByTestId('result-count')).toHaveText('2 items')
    await page.getByTestId('export-button').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Export 2 items')
    await page.getByTestId('export-to').fill(join(target, 'new', 'folder'))
    await page.getByTestId('export-template').fill('{yyyy}/{mediaId}.{ext}')
    await page.getByTestId('export-hardlink').check()
    await dialog.getByRole('button', { name: 'Start export' }).click()
    await expect(page.getByTestId('export-progress')).toHaveAttribute('data-phase', 'done', {
      timeout: 30_000,
    })
    await expect(page.getByTestId('export-summary')).toContainText('Hard-linked')

    const files = (await filesUnder(join(target, 'new', 'folder'))).filter((file) =>
      /\/2026\/[^/]+\.png$/.test(file),
    )
    expect(files).toHaveLength(2)
    // Hard links share the archive's inode: more than one name for the same bytes.
    for (const file of files) expect((await stat(file)).nlink).toBeGreaterThan(1)
    expect(app.dataDir).not.toBe(target)
  } finally {
    await rm(target, { recursive: true, force: true })
  }
})

test('a running export can be cancelled and says so', async ({ openApp }) => {
  const target = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-export-'))
  try {
    const page = await openApp()
    await page.getByTestId('export-button').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Export 4,012 items')
    await page.getByTestId('export-to').fill(target)
    await dialog.getByRole('button', { name: 'Start export' }).click()
    const progress = page.getByTestId('export-progress')
    await dialog.getByRole('button', { name: 'Cancel export' }).click()
    await expect(progress).toHaveAttribute('data-phase', 'cancelled', { timeout: 30_000 })
    await expect(progress).toContainText('Export cancelled')
    const done = Number((await progress.getByRole('progressbar').getAttribute('aria-valuenow')) ?? '0')
    expect(done).toBeLessThan(4012)
    await screenshot(page, 'export-cancelled')
  } finally {
    await rm(target, { recursive: true, force: true })
  }
})
