// The gallery at a million items. The renderer is what is tested here, so media:search and
// media:get are answered by Playwright with synthetic contract-shaped rows (the catalog's own
// speed at 1M rows is measured by the bench and the catalog tests). Chromium cannot lay out an
// element much taller than 33.5M px; the grid must cap its canvas and still reach every item.
import { expect, screenshot, test } from './support/fixtures'
import { routeSyntheticMedia, syntheticRow } from './support/synthetic-rows'

const total = 1_000_000

test('a million items: the canvas stays under the browser limit and every item is reachable', async ({
  page,
  app,
}) => {
  await routeSyntheticMedia(page, (offset, limit) => ({
    total,
    rows: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
      syntheticRow(offset + i),
    ),
  }))
  await page.goto(app.url)
  await expect(page.getByTestId('result-count')).toHaveText('1,000,000 items')
  const grid = page.getByTestId('media-grid')
  const canvasHeight = await page
    .getByTestId('grid-canvas')
    .evaluate((el) => el.getBoundingClientRect().height)
  expect(canvasHeight).toBeLessThanOrEqual(10_000_000)
  expect(canvasHeight).toBeGreaterThan(1_000_000)

  // End reaches the very last item; Home comes back.
  await grid.focus()
  await grid.press('End')
  await expect(grid).toHaveAttribute('aria-activedescendant', 'cell-999999')
  await expect(page.locator('#cell-999999')).toBeInViewport()
  await expect(page.locator('#cell-999999')).toHaveAccessibleName(/Fan 50/)
  await grid.press('Home')
  await expect(page.locator('#cell-0')).toBeInViewport()

  // Half-way down the scrollbar is half-way through the catalog.
  await grid.evaluate((element) => {
    element.scrollTop = (element.scrollHeight - element.clientHeight) / 2
  })
  const firstId = async (): Promise<number> =>
    Number(await page.locator('[data-testid="media-cell"]').first().getAttribute('data-media-id'))
  await expect.poll(firstId).toBeGreaterThan(480_000)
  expect(await firstId()).toBeLessThan(520_000)
  expect(await page.locator('.cell').count()).toBeLessThan(200)

  // A deep link opens the viewer on item 765,433; closing it leaves the grid on that item.
  await page.goto(`${app.origin}/#/media?at=765432`)
  await expect(page.getByTestId('viewer')).toContainText('765,433 of 1,000,000')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('viewer')).toContainText('765,434 of 1,000,000')
  expect(page.url()).toContain('at=765433')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('viewer')).toHaveCount(0)
  await expect(grid).toHaveAttribute('aria-activedescendant', 'cell-765433')
  await expect(page.locator('#cell-765433')).toBeInViewport()

  // Arrow keys keep the focused cell on screen, one row at a time.
  const columns = await page.locator('.grid-row').first().locator('.cell').count()
  await grid.focus()
  for (let i = 0; i < 8; i += 1) await grid.press('ArrowDown')
  const focused = 765_433 + 8 * columns
  await expect(grid).toHaveAttribute('aria-activedescendant', `cell-${focused}`)
  await expect(page.locator(`#cell-${focused}`)).toBeInViewport({ ratio: 0.95 })
  await grid.press('PageUp')
  const afterPage = Number((await grid.getAttribute('aria-activedescendant'))?.replace('cell-', ''))
  expect(afterPage).toBeLessThan(focused)
  await expect(page.locator(`#cell-${afterPage}`)).toBeInViewport({ ratio: 0.95 })
  await screenshot(page, 'gallery-million')
})
