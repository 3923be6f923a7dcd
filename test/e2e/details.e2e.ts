// Who sent it and where, in words: the viewer names the sender (name, @username, side), the chat
// and the date and offers the file for download in a browser; a tile says fan, date and size on
// hover or focus; statuses, rules and errors read as plain words.
import { expect, screenshot, test, viewFirstAt } from './support/fixtures'

test('the viewer says who sent an item, in which chat and when, and offers it for download', async ({
  openViewer,
}) => {
  // Mallory (the fan) sent this photo.
  const page = await openViewer('#/media?q=pwned')
  const sender = page.getByTestId('sender')
  await expect(sender).toHaveText('Mallory @mallory (fan)')
  await expect(page.getByTestId('metadata-chat')).toHaveText('Mallory')
  await expect(page.getByTestId('metadata')).toContainText('Nov 17, 2026')
  const download = page.getByTestId('viewer-download')
  await expect(download).toHaveAttribute('download', /^p-\d+-1-0\.png$/)
  const href = await download.getAttribute('href')
  const response = await page.request.get(new URL(href ?? '', page.url()).toString())
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('image/png')
  await page.keyboard.press('Escape')

  await viewFirstAt(page, '#/media?q=sunset')
  await expect(page.getByTestId('sender')).toHaveText('Luna (creator)')
})

test('a tile shows fan, date and size on hover and on keyboard focus', async ({ openApp }) => {
  const page = await openApp('#/media?q=sunset')
  const first = page.locator('#cell-1')
  const caption = first.getByTestId('cell-caption')
  await expect(caption).toBeHidden()
  await first.hover()
  await expect(caption).toBeVisible()
  await expect(caption).toContainText('Alice Rivers')
  await expect(caption).toContainText('Nov 18, 2026')
  await expect(caption).toContainText(/\d+ (B|KB)/)
  await expect(first).toHaveAttribute('title', /Alice Rivers · Nov 18, 2026 · \d+ (B|KB)/)
  await screenshot(page, 'gallery-tile-caption')

  await page.mouse.move(0, 0)
  await expect(caption).toBeHidden()
  await page.getByTestId('media-grid').focus()
  await expect(page.locator('#cell-0').getByTestId('cell-caption')).toBeVisible()
  await page.keyboard.press('ArrowRight')
  await expect(caption).toBeVisible()
  await expect(page.locator('#cell-0').getByTestId('cell-caption')).toBeHidden()
})

test('statuses, access rules and item kinds are words, never codes', async ({ openApp }) => {
  const page = await openApp()
  const statuses = await page.getByTestId('filter-status').locator('option').allTextContents()
  expect(statuses).toEqual([
    'Any',
    'Archived',
    'Locked',
    'DRM-protected',
    'Still processing',
    'Download failed',
    'Waiting to download',
  ])
  const rules = await page.getByLabel('Access').locator('option').allTextContents()
  expect(rules).toContain('Pay per view')
  expect(rules.join(' ')).not.toMatch(/ppv|limited_time|not_ready/)

  await page.goto(`${new URL(page.url()).origin}/#/media?status=drm`)
  await expect(page.locator('.cell .status-pill')).toHaveText('DRM-protected')
  // Audio has no picture size: its details never read "0 × 0".
  await viewFirstAt(page, '#/media?type=audio')
  await expect(page.getByTestId('metadata-file')).toContainText('Voice note or audio')
  await expect(page.getByTestId('metadata-file')).not.toContainText('×')
})

test('a refused key reads as what happened and what to do, the raw answer folded away', async ({
  openApp,
}) => {
  const page = await openApp('#/sync')
  const raw = 'onlyfansapi: HTTP 401: UNAUTHORIZED'
  await page.route('**/api/sync:start', (route) =>
    route.fulfill({ status: 403, json: { ok: false, error: { code: 'forbidden', message: raw } } }),
  )
  await page.getByRole('button', { name: 'Sync now' }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('OnlyFansAPI refused the API key (HTTP 401).')
  await expect(alert).toContainText('Enter the right key in Settings')
  await expect(alert).not.toContainText('Something went wrong')
  await expect(alert.locator('.error-detail code')).toBeHidden()
  await alert.getByText('Details').click()
  await expect(alert.locator('.error-detail code')).toHaveText(raw)
  await screenshot(page, 'sync-error-explained')
})

test('"Show in chat" opens the chat at the message that carried the item, far from the newest', async ({
  openApp,
}) => {
  const page = await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  await page.getByTestId('chat-media-grid').click()
  await expect(page.getByTestId('result-count')).toHaveText('4,000 items')
  // Item 400 of the chat, newest first: a few pages of messages back from where the chat opens.
  await page.goto(`${page.url()}&at=400`)
  const text = (await page.getByTestId('metadata-text').innerText()).trim()
  expect(text).toMatch(/^Archive set \d+$/)
  await page.getByTestId('show-in-chat').click()
  const target = page.locator('.message.is-target')
  await expect(target.getByTestId('message-text')).toHaveText(text, { timeout: 20_000 })
  await expect(target).toHaveAttribute('aria-current', 'true')
  await expect(target).toBeInViewport()
})
