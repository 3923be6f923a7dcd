import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, screenshot, serveDataDir, test } from './support/fixtures'

test('serve sends a strict CSP and the app runs without violating it', async ({ page, app }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  const response = await page.goto(app.url)
  const headers = response?.headers() ?? {}
  expect(headers['content-security-policy']).toContain("default-src 'self'")
  expect(headers['content-security-policy']).not.toContain('unsafe-inline')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('no-referrer')
  await expect(page.getByTestId('media-cell').first()).toBeVisible()
  await page.getByTestId('media-cell').first().dblclick()
  await expect(page.getByTestId('viewer')).toBeVisible()
  expect(violations).toEqual([])
})

test('without the token the API refuses and the app says how to get in', async ({ browser, app }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const api = await page.request.post(`${app.origin}/api/catalog:stats`, { data: {} })
  expect(api.status()).toBe(401)
  await page.goto(`${app.origin}/`)
  await expect(page.getByRole('alert').first()).toContainText(
    'Open the address that “chatkeep serve” printed',
  )
  await context.close()
})

test('the sync panel and settings render against the contract', async ({ openApp, app }) => {
  const page = await openApp()
  await page.getByTestId('nav-sync').click()
  await expect(page.getByTestId('sync-panel')).toBeVisible()
  await expect(page.getByTestId('sync-panel').getByRole('combobox')).toContainText('Luna')
  await screenshot(page, 'sync')
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings')).toContainText(app.dataDir)
  await screenshot(page, 'settings')
})

test('dark theme follows the system', async ({ openApp }) => {
  const page = await openApp()
  await page.emulateMedia({ colorScheme: 'dark' })
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).toBe('rgb(17, 19, 23)')
  await screenshot(page, 'gallery-dark')
  await page.getByTestId('chat-link').filter({ hasText: 'Alice Rivers' }).click()
  await expect(page.getByTestId('message')).toHaveCount(7)
  await screenshot(page, 'chat-timeline-dark')
})

test('an empty archive tells a new user what to do', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-empty-'))
  const served = await serveDataDir(dataDir)
  try {
    await page.goto(served.url)
    await expect(page.getByTestId('empty-state')).toContainText('No media yet')
    await expect(page.getByTestId('empty-state')).toContainText('npm run demo')
    await expect(page.getByTestId('stat-media')).toHaveText('0')
    await screenshot(page, 'empty')
  } finally {
    await served.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})
