// Syncing from the app for real: an account added in Settings, synced from the Sync panel against
// the fake providers through serve mode, its media then in the gallery; and a refused key shown
// with a retry.
import { apiAuthorization, screenshot, screenshotLightAndDark } from './support/fixtures'
import { expect, test, wrongOnlyFansApiKey } from './support/live'

test.describe.configure({ mode: 'serial' })

test('an empty archive walks a new user to Settings, where an account is added and its key status shown', async ({
  page,
  live,
}) => {
  await page.goto(live.url)
  const empty = page.getByTestId('empty-state')
  await expect(empty).toContainText('No media yet')
  await expect(empty).toContainText('Add an account in Settings')
  await empty.getByRole('button', { name: 'Add an account' }).click()
  await expect(page).toHaveURL(/#\/settings$/)
  await expect(page.getByTestId('getting-started')).toBeVisible()
  await expect(page.getByTestId('data-dir')).toHaveText(live.dataDir)
  await screenshot(page, 'settings-first-run')

  const form = page.getByTestId('add-account')
  await form.getByTestId('add-account-provider').selectOption('ofauth')
  await form.getByTestId('add-account-id').fill('900000002')
  // OFAuth needs its connection id before the form can be sent.
  await expect(form.getByRole('button', { name: 'Add account' })).toBeDisabled()
  await form.getByTestId('add-account-connection').fill('conn_fake_1')
  await form.getByTestId('add-account-provider').selectOption('fansmetric')
  await expect(form.getByTestId('add-account-connection')).toHaveCount(0)
  await form.getByTestId('add-account-id').fill('acct_fake_fm_1')
  await form.getByTestId('add-account-label').fill('Fiona (FansMetric)')
  await form.getByRole('button', { name: 'Add account' }).click()

  const row = page.getByTestId('account-row').filter({ hasText: 'Fiona (FansMetric)' })
  await expect(row).toBeVisible()
  // Where the key comes from, exactly; not green until the provider has accepted it.
  await expect(row.getByTestId('key-status')).toHaveText('Key from FANSMETRIC_API_KEY (not tested)')
  await expect(row.getByTestId('key-reason')).toHaveText(
    'A sync uses the environment variable FANSMETRIC_API_KEY.',
  )
  // Serve mode has no keychain: a key typed here is for this session only (keys.e2e.ts).
  await expect(row.getByRole('button', { name: 'Use for this session' })).toBeVisible()
  // The sidebar lists the new account at once.
  await expect(page.getByRole('navigation', { name: 'Library' })).toContainText('Fiona (FansMetric)')
  await screenshot(page, 'settings-accounts')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'settings-accounts-dark')
  await page.getByTestId('data-dir').scrollIntoViewIfNeeded()
  await screenshot(page, 'settings-downloads-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Download settings persist in the data folder.
  await page.getByTestId('setting-concurrency').fill('6')
  await page.getByTestId('setting-quality').selectOption('720')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('sync-settings').getByRole('status')).toContainText('Saved')
  await page.reload()
  await expect(page.getByTestId('setting-concurrency')).toHaveValue('6')
  await expect(page.getByTestId('setting-quality')).toHaveValue('720')
  await page.getByTestId('setting-concurrency').fill('40')
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled()
  await page.getByTestId('setting-quality').selectOption('source')
  await page.getByTestId('setting-concurrency').fill('4')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('sync-settings').getByRole('status')).toContainText('Saved')
})

test('a sync started from the Sync panel reaches done per chat and its media appear in the gallery', async ({
  page,
  live,
}) => {
  await page.goto(live.url)
  await page.getByTestId('nav-sync').click()
  const panel = page.getByTestId('sync-panel')
  await panel.getByRole('combobox').selectOption({ label: 'Fiona (FansMetric) (FansMetric — OnlyFans)' })
  await panel.getByRole('button', { name: 'Sync now' }).click()

  const run = page.getByTestId('sync-run').filter({ hasText: 'acct_fake_fm_1' }).first()
  await expect(run).toContainText('Finished', { timeout: 30_000 })
  const chats = run.getByTestId('sync-chat')
  await expect(chats).toHaveCount(3)
  for (const chat of await chats.all()) {
    await expect(chat).toHaveAttribute('data-state', 'done')
    await expect(chat).toContainText('done')
  }
  await expect(run.getByRole('progressbar', { name: 'Overall progress' })).toBeVisible()
  await screenshot(page, 'sync-live-done')

  await page.getByTestId('nav-all-media').click()
  await expect(page.getByTestId('media-cell').first()).toBeVisible()
  const count = Number((await page.getByTestId('result-count').innerText()).replace(/\D/g, ''))
  expect(count).toBeGreaterThan(0)
  await expect(page.getByTestId('stat-media')).toHaveText(String(count))
  await expect(page.getByRole('navigation', { name: 'Library' }).getByTestId('chat-link')).toHaveCount(3)
  await screenshot(page, 'gallery-after-live-sync')

  // Nothing was sent since: a second sync reads the chat list only and says so per chat.
  await page.getByTestId('nav-sync').click()
  await panel.getByRole('combobox').selectOption({ label: 'Fiona (FansMetric) (FansMetric — OnlyFans)' })
  await panel.getByRole('button', { name: 'Sync now' }).click()
  const runs = page.getByTestId('sync-run').filter({ hasText: 'acct_fake_fm_1' })
  await expect(runs).toHaveCount(2, { timeout: 30_000 })
  const again = runs.first()
  await expect(again).toContainText('Finished', { timeout: 30_000 })
  await expect(again.getByTestId('sync-chat')).toHaveCount(3)
  for (const chat of await again.getByTestId('sync-chat').all())
    await expect(chat).toHaveAttribute('data-state', 'unchanged')
  await expect(again.locator('.sync-stat').filter({ hasText: 'Requests' }).locator('dd')).toHaveText('1')
  await screenshot(page, 'sync-live-unchanged')
})

test('a chat open while a sync runs shows the text-only message it archived, at the bottom', async ({
  page,
  live,
  request,
}) => {
  const headers = apiAuthorization(live)
  const api = async <T>(channel: string, data: object): Promise<T> => {
    const response = await request.post(`${live.origin}/api/${channel}`, { headers, data })
    const body = (await response.json()) as { ok: boolean; value: T }
    expect(body.ok).toBe(true)
    return body.value
  }
  await page.goto(live.url)
  await page.getByRole('navigation', { name: 'Library' }).getByTestId('chat-link').first().click()
  await expect(page.getByTestId('message-text').last()).toBeInViewport()
  const chatId = Number(/#\/chat\/(\d+)/.exec(page.url())?.[1])
  const chats = await api<{ id: number; accountId: number; externalId: string }[]>('chats:list', {})
  const chat = chats.find((each) => each.id === chatId)
  if (!chat) throw new Error(`chat ${chatId} is not listed`)
  const accounts = await api<{ id: number; externalId: string }[]>('accounts:list', {})
  const account = accounts.find((each) => each.id === chat.accountId)
  if (!account) throw new Error('no account')

  const text = 'A text-only hello, sent after the first sync'
  live.fake.dataset.addMessage('fansmetric', account.externalId, chat.externalId, {
    text,
    mediaCount: 0,
    fromCreator: false,
  })
  await api('sync:start', { accountId: account.id })
  const last = page.getByTestId('message-text').last()
  await expect(last).toHaveText(text, { timeout: 30_000 })
  await expect(last).toBeInViewport()
  await expect(page.getByTestId('message').last()).toHaveClass(/from-fan/)
})

test('a refused key fails the run with the provider’s message and offers a retry', async ({ page, live }) => {
  await page.goto(`${live.url}`)
  await page.goto(`${live.origin}/#/settings`)
  const form = page.getByTestId('add-account')
  await form.getByTestId('add-account-provider').selectOption('onlyfansapi')
  await form.getByTestId('add-account-id').fill('acct_fake_onlyfans_1')
  await form.getByRole('button', { name: 'Add account' }).click()
  await expect(page.getByTestId('account-row').filter({ hasText: 'acct_fake_onlyfans_1' })).toContainText(
    'ONLYFANSAPI_API_KEY',
  )

  await page.getByTestId('nav-sync').click()
  const panel = page.getByTestId('sync-panel')
  await panel.getByRole('combobox').selectOption({ label: 'acct_fake_onlyfans_1 (OnlyFansAPI — OnlyFans)' })
  await panel.getByRole('button', { name: 'Sync now' }).click()
  const failed = page.getByTestId('sync-run').filter({ hasText: 'acct_fake_onlyfans_1' })
  await expect(failed.first()).toContainText('Failed', { timeout: 30_000 })
  await expect(failed.first().getByTestId('sync-error')).not.toBeEmpty()
  const message = await failed.first().getByTestId('sync-error').innerText()
  expect(message).not.toContain(wrongOnlyFansApiKey)
  await screenshotLightAndDark(page, 'sync-failed')

  await failed.first().getByRole('button', { name: 'Retry sync' }).click()
  await expect(failed).toHaveCount(2)
  await expect(failed.first()).toContainText('Failed', { timeout: 30_000 })
})

test('the gallery follows a running sync: items appear while it downloads and settle when it ends', async ({
  page,
  live,
}) => {
  // Slow CDN bodies so the run lasts long enough to watch.
  live.fake.faults({ cdnBytesPerSecond: 15_000 })
  try {
    await page.goto(live.url)
    await page.goto(`${live.origin}/#/settings`)
    const form = page.getByTestId('add-account')
    await form.getByTestId('add-account-provider').selectOption('ofauth')
    await form.getByTestId('add-account-id').fill('900000002')
    await form.getByTestId('add-account-connection').fill('conn_fake_1')
    await form.getByTestId('add-account-label').fill('Olive (OFAuth)')
    await form.getByRole('button', { name: 'Add account' }).click()
    await expect(page.getByTestId('account-row').filter({ hasText: 'Olive (OFAuth)' })).toContainText(
      'conn_fake_1',
    )

    await page.getByTestId('nav-sync').click()
    const panel = page.getByTestId('sync-panel')
    await panel.getByRole('combobox').selectOption({ label: 'Olive (OFAuth) (OFAuth — OnlyFans)' })
    await panel.getByRole('button', { name: 'Sync now' }).click()
    await expect(page.getByTestId('sync-run').filter({ hasText: '900000002' }).first()).toBeVisible()

    // The account's gallery, opened mid-run, fills in without a reload.
    await page.getByRole('navigation', { name: 'Library' }).getByText('Olive (OFAuth)').click()
    const pending = page.locator('.cell .status-pill', { hasText: 'Waiting to download' })
    await expect(pending.first()).toBeVisible({ timeout: 20_000 })
    await screenshot(page, 'gallery-during-sync')
  } finally {
    live.fake.resetFaults()
  }
  const pending = page.locator('.cell .status-pill', { hasText: 'Waiting to download' })
  await expect(pending).toHaveCount(0, { timeout: 30_000 })
  // Archived thumbnails replace the placeholders, still without a reload.
  await expect(page.locator('.cell img').first()).toBeVisible()
  await expect(page.getByTestId('result-count')).not.toHaveText('0 items')
})
