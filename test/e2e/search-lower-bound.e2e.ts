// A text search that has not counted every hit yet (media:search / chat:search with
// totalIsLowerBound): the renderer says "N+", lays out a page of placeholders past the hits found,
// and grows as the user scrolls, steps the viewer or selects all, until the search finds its end
// and the total becomes exact. media:search is answered here by a made-up walk (the catalog's own
// walk is tested in the catalog tests): each answer has found 37 items past the page it returns.
// chat:search is the real catalog's, paged from the newest hit.
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './support/fixtures'
import { routeSyntheticMedia, syntheticRow, type SearchAnswer } from './support/synthetic-rows'

const end = 1_234

function walk(asked: number[]): (offset: number, limit: number) => SearchAnswer {
  return (offset, limit) => {
    asked.push(offset)
    const found = Math.min(end, offset + limit + 37)
    const rows = Array.from({ length: Math.max(0, Math.min(limit, end - offset)) }, (_, i) =>
      syntheticRow(offset + i),
    )
    return { total: found, rows, ...(found < end && { totalIsLowerBound: true }) }
  }
}

async function searchFor(page: Page, origin: string, hash: string): Promise<void> {
  await page.goto(`${origin}/#/media?q=hey${hash}`)
}

test('the grid says N+ and grows past a lower bound as it scrolls, to the exact end', async ({
  page,
  app,
}) => {
  const asked: number[] = []
  await routeSyntheticMedia(page, walk(asked))
  await page.goto(app.url)
  await searchFor(page, app.origin, '')
  const count = page.getByTestId('result-count')
  await expect(count).toHaveText('237+ items')
  await expect(page.getByTestId('export-button')).toHaveText('Export all 237+…')
  await screenshot(page, 'search-lower-bound')

  // End goes to the last placeholder (the end of the next page), which asks for that page.
  const grid = page.getByTestId('media-grid')
  await grid.focus()
  await grid.press('End')
  await expect(grid).toHaveAttribute('aria-activedescendant', 'cell-399')
  // Page 1 answers 437+; the placeholders it adds near the focus may ask for page 2 at once.
  await expect(count).toHaveText(/^(437|637)\+ items$/)
  await expect(page.locator('#cell-399')).toHaveAccessibleName(/Fan 50/)
  for (let i = 0; i < 10 && (await count.textContent()) !== '1,234 items'; i += 1) {
    const before = await count.textContent()
    await grid.press('End')
    await expect(count).not.toHaveText(before ?? '')
  }
  await expect(count).toHaveText('1,234 items')
  await grid.press('End')
  await expect(grid).toHaveAttribute('aria-activedescendant', 'cell-1233')
  await expect(page.locator('#cell-1233')).toBeInViewport()
  // No placeholder is left past the exact end.
  await expect(page.locator('#cell-1234')).toHaveCount(0)
  expect(new Set(asked)).toEqual(new Set([0, 200, 400, 600, 800, 1000, 1200]))
})

test('the viewer steps past the hits found so far, and Ctrl+A selects every hit', async ({ page, app }) => {
  await routeSyntheticMedia(page, walk([]))
  await page.goto(app.url)
  await searchFor(page, app.origin, '&at=236')
  const viewer = page.getByTestId('viewer')
  await expect(viewer).toContainText(/237 of (237|437)\+/)
  await expect(page.getByTestId('viewer-next')).toBeEnabled()
  await page.keyboard.press('ArrowRight')
  await expect(viewer).toContainText('238 of 437+')
  await expect(viewer).toContainText('Fan 38')
  await page.keyboard.press('Escape')

  await page.getByTestId('media-grid').focus()
  await page.keyboard.press('Control+a')
  await expect(page.getByTestId('selection-bar')).toContainText('1,234 selected')
  await expect(page.getByTestId('gallery-notice')).toHaveCount(0)
})

test('search inside a chat pages its hits from the newest, saying N+ until the oldest page', async ({
  page,
  openApp,
}) => {
  // The real catalog's pages, five hits each instead of the reviewer's 200 (the same walk and
  // cursor, fewer clicks): 1239…1235, then 1234…1230, then 123 alone.
  const asked: Array<number | undefined> = []
  await page.route('**/api/chat:search', async (route) => {
    const input = route.request().postDataJSON() as { before?: number }
    asked.push(input.before)
    await route.continue({ postData: JSON.stringify({ ...input, limit: 5 }) })
  })
  await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  const box = page.getByTestId('chat-search')
  const count = page.getByTestId('chat-search-count')
  const target = page.locator('.message.is-target')
  const current = target.getByTestId('message-text')
  await box.fill('123')
  await box.press('Enter')
  await expect(count).toHaveText('1 of 5+')
  await expect(current).toHaveText('Archive set 1239')
  for (let i = 0; i < 4; i += 1) await page.getByTestId('chat-search-older').click()
  await expect(count).toHaveText('5 of 5+')
  await expect(current).toHaveText('Archive set 1235')
  // Past the oldest hit held: the next older page is fetched and the walk steps onto its newest.
  await page.getByTestId('chat-search-older').click()
  await expect(count).toHaveText('6 of 10+')
  await expect(current).toHaveText('Archive set 1234')
  await expect(target.getByTestId('search-hit')).toHaveText('1234')
  await expect(target).toBeInViewport()
  // Newer goes back through the hits already held, without asking again.
  await page.getByTestId('chat-search-newer').click()
  await expect(count).toHaveText('5 of 10+')
  await expect(current).toHaveText('Archive set 1235')
  for (let i = 0; i < 6; i += 1) await page.getByTestId('chat-search-older').click()
  await expect(count).toHaveText('11 of 11')
  await expect(current).toHaveText('Archive set 123')
  await expect(page.getByTestId('chat-search-older')).toBeDisabled()
  expect(asked).toHaveLength(3)
  expect(asked[0]).toBeUndefined()
  expect(asked.slice(1).every((before) => typeof before === 'number')).toBe(true)
})
