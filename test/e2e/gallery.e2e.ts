import Database from 'better-sqlite3'
import { join } from 'node:path'
import { expect, screenshot, test } from './support/fixtures'

function countFromCatalog(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return (db.prepare(sql).get() as { n: number }).n
  } finally {
    db.close()
  }
}

test('the app opens and shows catalog totals from the real SQLite catalog', async ({ openApp, app }) => {
  const page = await openApp()
  const media = countFromCatalog(app.dataDir, 'SELECT count(*) AS n FROM media')
  const downloaded = countFromCatalog(
    app.dataDir,
    "SELECT count(*) AS n FROM media WHERE status = 'downloaded'",
  )
  const chats = countFromCatalog(app.dataDir, 'SELECT count(*) AS n FROM chats')
  const messages = countFromCatalog(app.dataDir, 'SELECT count(*) AS n FROM messages')
  expect(media).toBe(app.seed.media)
  await expect(page.getByTestId('stat-media')).toHaveText(media.toLocaleString('en-US'))
  await expect(page.getByTestId('stat-downloaded')).toHaveText(downloaded.toLocaleString('en-US'))
  await expect(page.getByTestId('stat-chats')).toHaveText(String(chats))
  await expect(page.getByTestId('stat-messages')).toHaveText(messages.toLocaleString('en-US'))
  await expect(page.getByTestId('result-count')).toHaveText(`${media.toLocaleString('en-US')} items`)
  // The page took the token and dropped it from the address bar.
  expect(page.url()).not.toContain('token=')
  await expect(page.getByTestId('media-cell').first()).toBeVisible()
  await screenshot(page, 'gallery')
})

test('search narrows the results and lives in the URL, so back and forward work', async ({ openApp }) => {
  const page = await openApp()
  await page.getByTestId('search').fill('sunset')
  await expect(page.getByTestId('result-count')).toHaveText('2 items')
  expect(page.url()).toContain('q=sunset')
  for (const cell of await page.getByTestId('media-cell').all()) {
    await expect(cell).toHaveAccessibleName(/Alice Rivers/)
  }

  await page.getByRole('button', { name: 'Videos' }).click()
  await expect(page.getByTestId('empty-state')).toContainText('Nothing matches these filters')
  await page.goBack()
  await expect(page.getByTestId('result-count')).toHaveText('2 items')
  await expect(page.getByRole('button', { name: 'Videos' })).toHaveAttribute('aria-pressed', 'false')
  await page.goForward()
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await screenshot(page, 'gallery-no-match')
})

test('filters: type, status, price, access rule and date range', async ({ openApp }) => {
  const page = await openApp()
  const count = page.getByTestId('result-count')
  await page.getByRole('button', { name: 'Videos' }).click()
  await expect(count).toHaveText('2 items')
  await page.getByTestId('filter-status').selectOption('drm')
  await expect(count).toHaveText('1 item')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(count).toHaveText('4,012 items')

  await page.getByTestId('filter-status').selectOption('locked')
  await expect(count).toHaveText('3 items')
  await page.getByLabel('Access').selectOption('subscription')
  await expect(count).toHaveText('1 item')
  await page.getByRole('button', { name: 'Clear filters' }).click()

  await page.getByTestId('filter-paid').selectOption('paid')
  await page.getByLabel('Minimum price').fill('25')
  await expect(count).toHaveText('2 items')

  await page.goto(`${new URL(page.url()).origin}/#/media?from=2026-11-18&to=2026-11-18`)
  await expect(count).toHaveText('7 items')
  await page.getByTestId('filter-sort').selectOption('oldest')
  await expect(page.getByTestId('media-cell').first()).toHaveAccessibleName(/Alice Rivers/)
  await screenshot(page, 'gallery-filtered')
})

test('keyboard navigation, multi-select with shift and ctrl, Enter opens the viewer', async ({ openApp }) => {
  const page = await openApp()
  const grid = page.getByTestId('media-grid')
  const cells = page.getByTestId('media-cell')
  await cells.nth(0).click()
  await cells.nth(3).click({ modifiers: ['Shift'] })
  await expect(page.getByTestId('selection-bar')).toContainText('4 selected')
  await cells.nth(5).click({ modifiers: ['ControlOrMeta'] })
  await expect(page.getByTestId('selection-bar')).toContainText('5 selected')
  await screenshot(page, 'gallery-selection')

  await grid.press('ArrowRight')
  await grid.press('ArrowRight')
  await expect(grid).toHaveAttribute('aria-activedescendant', 'cell-7')
  await grid.press('ArrowDown')
  const columns = await page.locator('.grid-row').first().getByTestId('media-cell').count()
  await expect(grid).toHaveAttribute('aria-activedescendant', `cell-${7 + columns}`)
  await grid.press('Enter')
  await expect(page.getByTestId('viewer')).toBeVisible()
  await expect(page.getByTestId('viewer')).toContainText(`${8 + columns} of 4,012`)
  expect(page.url()).toContain(`at=${7 + columns}`)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('viewer')).toHaveCount(0)
})

test('the DOM stays bounded while scrolling thousands of items', async ({ openApp }) => {
  const page = await openApp()
  const grid = page.getByTestId('media-grid')
  const nodes = (): Promise<number> => page.evaluate(() => document.getElementsByTagName('*').length)
  const before = await nodes()
  const counts: number[] = []
  for (const fraction of [0.1, 0.35, 0.6, 0.85, 1]) {
    await grid.evaluate((element, f) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) * f
    }, fraction)
    // Cells of the new position arrive with their page of rows.
    await expect(page.locator('[data-testid="media-cell"]:not(.is-placeholder)').first()).toBeVisible()
    await page.waitForTimeout(150)
    counts.push(await nodes())
    const cells = await page.locator('.cell').count()
    expect(cells).toBeLessThan(200)
  }
  // The last row of the catalog is reachable and rendered.
  await expect(page.locator('#cell-4011')).toBeVisible()
  expect(Math.max(...counts)).toBeLessThan(before * 1.6)
  expect(Math.max(...counts)).toBeLessThan(2500)
  await screenshot(page, 'gallery-scrolled')
})
