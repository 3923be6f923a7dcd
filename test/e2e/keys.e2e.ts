// Keys in browser mode, for real: serve started with a wrong OnlyFansAPI key in its environment,
// against the fake providers. The settings screen says exactly where the key comes from, "Test key"
// costs one request and turns the badge red with the provider's own words, a key typed for this
// session turns it green and syncs, and after serve stops nothing of that key is left anywhere:
// not in the data folder (catalog, WAL, settings, locks, files), not in serve's log.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, screenshotLightAndDark, test } from './support/fixtures'
import { startLiveWorld, wrongOnlyFansApiKey, type LiveWorld } from './support/live'

let world: LiveWorld
test.beforeAll(async () => {
  world = await startLiveWorld()
})
test.afterAll(async () => world.close())

/** Every byte in the data folder, every file at every depth. */
async function dataFolderBytes(dir: string): Promise<Buffer> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  )
  return Buffer.concat(await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name)))))
}

/** Presses Test key: exactly one request to the provider, then the badge reads `text` in `tone`. */
async function testKey(row: Locator, text: string, tone: 'ok' | 'danger'): Promise<void> {
  const before = world.fake.apiRequestCount('onlyfansapi')
  await row.getByTestId('key-test').click()
  const badge = row.getByTestId('key-status')
  await expect(badge).toHaveText(text)
  await expect(badge).toHaveClass(new RegExp(`key-pill-${tone}`))
  expect(world.fake.apiRequestCount('onlyfansapi') - before).toBe(1)
}

test('a wrong environment key is tested red, a key for this session tested green, synced, and never stored', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const sessionKey = world.fake.keys.onlyfansapi
  await page.goto(world.url)
  await page.goto(`${world.origin}/#/settings`)
  await expect(page.getByTestId('serve-key-note')).toContainText(
    'for this session only, never written to disk',
  )
  const form = page.getByTestId('add-account')
  await form.getByTestId('add-account-provider').selectOption('onlyfansapi')
  await form.getByTestId('add-account-id').fill('acct_fake_onlyfans_1')
  await form.getByTestId('add-account-label').fill('Kira')
  await form.getByRole('button', { name: 'Add account' }).click()

  const row = page.getByTestId('account-row').filter({ hasText: 'Kira' })
  const badge = row.getByTestId('key-status')
  // Untested, a key from the environment is named, and not shown as good.
  await expect(badge).toHaveText('Key from ONLYFANSAPI_API_KEY (not tested)')
  await expect(badge).toHaveClass(/key-pill-neutral/)
  await expect(row.getByTestId('key-reason')).toHaveText(
    'A sync uses the environment variable ONLYFANSAPI_API_KEY.',
  )

  // Test key: exactly one request to the provider, and its refusal in its own words.
  await testKey(row, 'Key from ONLYFANSAPI_API_KEY: refused by OnlyFansAPI', 'danger')
  await expect(row.getByTestId('key-test-result')).toContainText('OnlyFansAPI refused the key')
  await expect(row.getByTestId('key-test-result')).toContainText('Unauthenticated. Check your API key.')
  await screenshotLightAndDark(page, 'settings-key-refused')

  // A sync with that key fails, and says what to do here: a session key or the variable.
  await page.getByTestId('nav-sync').click()
  const panel = page.getByTestId('sync-panel')
  await panel.getByRole('combobox').selectOption({ label: 'Kira (OnlyFansAPI — OnlyFans)' })
  await panel.getByRole('button', { name: 'Sync now' }).click()
  const run = page.getByTestId('sync-run').filter({ hasText: 'acct_fake_onlyfans_1' }).first()
  await expect(run).toContainText('Failed', { timeout: 30_000 })
  await expect(run.getByTestId('sync-error')).toContainText('OnlyFansAPI refused the API key')
  await expect(run.getByTestId('sync-error')).toContainText(
    'Enter the right key in Settings for this session (Test key checks it), or restart chatkeep serve with the right ONLYFANSAPI_API_KEY.',
  )

  // The right key, for this session: cleared from the field at once, named, tested green.
  await page.getByTestId('nav-settings').click()
  const input = row.getByTestId('key-input')
  await expect(input).toHaveAttribute('type', 'password')
  await input.fill(sessionKey)
  await row.getByRole('button', { name: 'Use for this session' }).click()
  await expect(row.getByRole('status')).toHaveText(
    'Key kept in memory for this session only. Press Test key to check it.',
  )
  await expect(input).toHaveValue('')
  await expect(badge).toHaveText('Key for this session only (not tested)')
  await expect(row.getByTestId('key-reason')).toContainText(
    'kept in memory only and forgotten when chatkeep serve stops',
  )
  await testKey(row, 'Key for this session only: accepted by OnlyFansAPI', 'ok')
  await screenshotLightAndDark(page, 'settings-session-key')

  await page.getByTestId('nav-sync').click()
  await panel.getByRole('combobox').selectOption({ label: 'Kira (OnlyFansAPI — OnlyFans)' })
  await panel.getByRole('button', { name: 'Sync now' }).click()
  const runs = page.getByTestId('sync-run').filter({ hasText: 'acct_fake_onlyfans_1' })
  await expect(runs).toHaveCount(2)
  await expect(runs.first()).toContainText('Finished', { timeout: 30_000 })
  expect(await page.locator('body').innerText()).not.toContain(sessionKey)

  // Forgetting it goes back to the environment's key.
  await page.getByTestId('nav-settings').click()
  await row.getByRole('button', { name: 'Forget key' }).click()
  await expect(badge).toHaveText('Key from ONLYFANSAPI_API_KEY (not tested)')

  // Stopped, serve leaves no trace of the key: not in any file of the data folder, not in its log.
  await world.stopServe()
  const bytes = await dataFolderBytes(world.dataDir)
  expect(bytes.length).toBeGreaterThan(0)
  expect(bytes.includes(Buffer.from(sessionKey))).toBe(false)
  expect(bytes.includes(Buffer.from(wrongOnlyFansApiKey))).toBe(false)
  expect(world.stderr()).not.toContain(sessionKey)
  expect(world.stderr()).toContain('sync onlyfansapi acct_fake_onlyfans_1')
})
