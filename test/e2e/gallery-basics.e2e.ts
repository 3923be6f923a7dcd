// What every photo app has: a selection that survives new searches (one export of two searches),
// Ctrl+A, thumbnail sizes, day labels, a date header and scrubber, photos fitted to the screen and
// zoom towards the pointer.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshot, test, viewFirstAt } from './support/fixtures'

test('the selection survives a new search, so one export combines two searches', async ({ openApp }) => {
  const target = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-combine-'))
  try {
    const page = await openApp('#/media?q=sunset')
    await expect(page.getByTestId('result-count')).toHaveText('2 items')
    await page.getByTestId('media-grid').focus()
    await page.keyboard.press('ControlOrMeta+a')
    await expect(page.getByTestId('selection-bar')).toContainText('2 selected')

    await page.getByTestId('search').fill('protected')
    await expect(page.getByTestId('result-count')).toHaveText('1 item')
    await expect(page.getByTestId('selection-bar')).toContainText('2 selected')
    await page
      .getByTestId('media-cell')
      .first()
      .click({ modifiers: ['ControlOrMeta'] })
    await expect(page.getByTestId('selection-bar')).toContainText('3 selected')
    await screenshot(page, 'gallery-selection-two-searches')

    await page.getByTestId('export-button').click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Export 3 selected items')
    await page.getByTestId('export-to').fill(target)
    await dialog.getByRole('button', { name: 'Start export' }).click()
    const progress = page.getByTestId('export-progress')
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
    await expect(progress).toContainText('3 of 3 files')
  } finally {
    await rm(target, { recursive: true, force: true })
  }
})

test('Ctrl+A selects the whole view; Escape clears it', async ({ openApp }) => {
  const page = await openApp()
  await page.getByTestId('media-grid').focus()
  await page.keyboard.press('ControlOrMeta+a')
  await expect(page.getByTestId('selection-bar')).toContainText('4,012 selected', { timeout: 20_000 })
  await expect(page.getByTestId('export-button')).toHaveText('Export 4,012 selected…')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('selection-bar')).toHaveCount(0)
})

test('thumbnail size is chosen in the toolbar and kept after a reload', async ({ openApp }) => {
  const page = await openApp()
  const firstWidth = async (): Promise<number> =>
    (await page.getByTestId('media-cell').first().boundingBox())?.width ?? 0
  const medium = await firstWidth()
  await page.getByTestId('thumb-large').click()
  await expect(page.getByTestId('thumb-large')).toHaveAttribute('aria-checked', 'true')
  await expect.poll(firstWidth).toBeGreaterThan(medium * 1.3)
  await page.reload()
  await expect(page.getByTestId('thumb-large')).toHaveAttribute('aria-checked', 'true')
  await expect.poll(firstWidth).toBeGreaterThan(medium * 1.3)
  await page.getByTestId('thumb-small').click()
  await expect.poll(firstWidth).toBeLessThan(medium)
  await page.getByTestId('thumb-medium').click()
})

test('day labels, the date header and the scrubber walk the timeline', async ({ openApp }) => {
  const page = await openApp()
  // The newest item opens the first day; a later cell where the day changes gets a label too.
  await expect(page.locator('#cell-0').getByTestId('cell-day')).toHaveText('Nov 18')
  expect(await page.getByTestId('cell-day').count()).toBeGreaterThan(1)
  await expect(page.getByTestId('date-header')).toHaveCount(0)

  const scrubber = page.getByTestId('date-scrubber')
  await scrubber.fill(String(Number(await scrubber.getAttribute('max'))))
  await expect(page.locator('#cell-4011')).toBeVisible()
  // The oldest items of the bulk chat are from January 2023.
  await expect(page.getByTestId('date-header')).toContainText('2023')
  await expect(scrubber).toHaveAttribute('aria-valuetext', /2023/)
  await screenshot(page, 'gallery-scrubbed')
  // By keyboard: Home on the scrubber goes back to the newest.
  await scrubber.focus()
  await page.keyboard.press('Home')
  await expect(page.locator('#cell-0')).toBeVisible()

  // Sorted by size, dates mean nothing: no day labels, no scrubber.
  await page.getByTestId('filter-sort').selectOption('largest')
  await expect(page.getByTestId('date-scrubber')).toHaveCount(0)
  await expect(page.getByTestId('cell-day')).toHaveCount(0)
})

test('photos and locked previews fill the screen; zoom keeps the point under the pointer', async ({
  openViewer,
}) => {
  const page = await openViewer('#/media?q=sunset')
  const image = page.getByTestId('zoom-image')
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
  const stage = await page.locator('.viewer-stage').boundingBox()
  const box = await image.boundingBox()
  if (!stage || !box) throw new Error('no stage or image box')
  // The 320-pixel photo is scaled up to the stage, not left at its natural size.
  expect(Math.max(box.width / stage.width, box.height / stage.height)).toBeGreaterThan(0.95)

  // Wheel over a point a quarter into the image: after zooming in, that point is still under it.
  const point = { x: box.x + box.width * 0.25, y: box.y + box.height * 0.3 }
  await page.mouse.move(point.x, point.y)
  await page.mouse.wheel(0, -200)
  await expect(page.getByTestId('zoom-frame')).toHaveAttribute('data-scale', '1.20')
  await expect
    .poll(async () => {
      const zoomed = await image.boundingBox()
      if (!zoomed) return null
      return [
        Math.round(((point.x - zoomed.x) / zoomed.width) * 100),
        Math.round(((point.y - zoomed.y) / zoomed.height) * 100),
      ]
    })
    .toEqual([25, 30])
  await page.keyboard.press('0')
  await expect(page.getByTestId('zoom-frame')).toHaveAttribute('data-scale', '1.00')
  await page.keyboard.press('Escape')

  await viewFirstAt(page, '#/media?status=locked&q=exclusive')
  const preview = page.getByTestId('stage-preview')
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
  const previewBox = await preview.boundingBox()
  expect(previewBox?.height ?? 0).toBeGreaterThan(400)
})
