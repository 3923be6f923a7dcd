// Settings as the desktop app answers it: keys go into the system keychain (keys:set), are never
// shown again, and can be removed (keys:delete); an account whose keychain is unavailable says why
// and which variable to set. Serve mode has no keychain, so the app's answers are played by
// Playwright here (the real serve answers are covered in live-sync.e2e.ts).
import type { ChannelOutput } from '../../src/shared/contract'
import { apiAuthorization, expect, screenshotLightAndDark, test } from './support/fixtures'

type KeyStatus = ChannelOutput<'keys:status'>

const secret = 'sk_live_do_not_show_0123456789'

test('an API key is saved to the keychain, cleared from the field, never shown, and can be deleted', async ({
  page,
  app,
}) => {
  await page.goto(app.url)
  const accounts = (await (
    await page.request.post(`${app.origin}/api/accounts:list`, { data: {}, headers: apiAuthorization(app) })
  ).json()) as { value: ChannelOutput<'accounts:list'> }
  const luna = accounts.value.find((a) => a.label === 'Luna')
  const nova = accounts.value.find((a) => a.label === 'Nova')
  if (!luna || !nova) throw new Error('the seed has Luna and Nova')

  let stored: string | null = null
  const sent: string[] = []
  await page.route('**/api/app:info', async (route) => {
    const real = (await (await route.fetch()).json()) as { value: ChannelOutput<'app:info'> }
    await route.fulfill({ json: { ok: true, value: { ...real.value, transport: 'electron' } } })
  })
  await page.route('**/api/keys:status', (route) => {
    const { accountId } = route.request().postDataJSON() as { accountId: number }
    const common = { envVar: 'ONLYFANSAPI_API_KEY', storesIn: 'keychain', lastTest: null } as const
    const status: KeyStatus =
      accountId === nova.id
        ? {
            ...common,
            hasKey: false,
            source: null,
            canStore: false,
            reason: 'The system keychain is not available (no Secret Service is running).',
          }
        : {
            ...common,
            hasKey: stored !== null,
            source: stored ? 'keychain' : null,
            canStore: true,
            reason: null,
          }
    return route.fulfill({ json: { ok: true, value: status } })
  })
  await page.route('**/api/keys:set', (route) => {
    const body = route.request().postDataJSON() as { accountId: number; apiKey: string }
    sent.push(body.apiKey)
    stored = body.apiKey
    return route.fulfill({ json: { ok: true, value: { stored: true } } })
  })
  await page.route('**/api/keys:delete', (route) => {
    const deleted = stored !== null
    stored = null
    return route.fulfill({ json: { ok: true, value: { deleted } } })
  })

  await page.goto(`${app.origin}/#/settings`)
  const row = page.getByTestId('account-row').filter({ hasText: 'Luna' })
  await expect(row.getByTestId('key-status')).toHaveText('Key missing')
  const input = row.getByTestId('key-input')
  await expect(input).toHaveAttribute('type', 'password')
  await input.fill('short')
  await expect(row.getByRole('button', { name: 'Save key' })).toBeDisabled()
  await input.fill(secret)
  await row.getByRole('button', { name: 'Save key' }).click()
  await expect(row.getByTestId('key-status')).toHaveText('Key in the system keychain (not tested)')
  await expect(row.getByTestId('key-reason')).toHaveText('A sync uses the key saved in the system keychain.')
  await expect(row.getByRole('status')).toContainText('Key saved')
  await expect(input).toHaveValue('')
  expect(sent).toEqual([secret])
  expect(await page.locator('body').innerText()).not.toContain(secret)

  const novaRow = page.getByTestId('account-row').filter({ hasText: 'Nova' })
  await expect(novaRow.getByTestId('key-status')).toHaveText('Key missing')
  await expect(novaRow.getByTestId('key-reason')).toContainText('no Secret Service')
  await expect(novaRow.getByTestId('key-reason')).toContainText('ONLYFANSAPI_API_KEY')
  await expect(novaRow.getByTestId('key-input')).toHaveCount(0)
  await screenshotLightAndDark(page, 'settings-keychain')

  await row.getByRole('button', { name: 'Delete key' }).click()
  await expect(row.getByTestId('key-status')).toHaveText('Key missing')
  await expect(row.getByRole('button', { name: 'Delete key' })).toHaveCount(0)
  expect(stored).toBeNull()
})

test('the archive mode and the credit cap are saved for the next sync, and can be undone', async ({
  page,
  app,
}) => {
  const settings = async (): Promise<ChannelOutput<'settings:get'>> =>
    (
      (await (
        await page.request.post(`${app.origin}/api/settings:get`, {
          data: {},
          headers: apiAuthorization(app),
        })
      ).json()) as { value: ChannelOutput<'settings:get'> }
    ).value
  expect(await settings()).toMatchObject({ archiveMode: 'conversations', maxCredits: null })
  await page.goto(app.url)
  await page.goto(`${app.origin}/#/settings`)
  const form = page.getByTestId('sync-settings')
  await expect(form.getByTestId('setting-archive')).toHaveValue('conversations')
  await form.getByTestId('setting-archive').selectOption('media')
  await form.getByTestId('setting-max-credits').fill('0')
  await expect(form.getByRole('button', { name: 'Save settings' })).toBeDisabled()
  await expect(form).toContainText('The credit cap must be a whole number')
  await form.getByTestId('setting-max-credits').fill('250')
  await form.getByRole('button', { name: 'Save settings' }).click()
  await expect(form.getByRole('status')).toContainText('Saved')
  expect(await settings()).toMatchObject({ archiveMode: 'media', maxCredits: 250 })
  await page.reload()
  await expect(page.getByTestId('setting-archive')).toHaveValue('media')
  await expect(page.getByTestId('setting-max-credits')).toHaveValue('250')
  // Back to the defaults (other tests sync with them): whole conversations, no cap.
  await page.getByTestId('setting-archive').selectOption('conversations')
  await page.getByTestId('setting-max-credits').fill('')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('sync-settings').getByRole('status')).toContainText('Saved')
  expect(await settings()).toMatchObject({ archiveMode: 'conversations', maxCredits: null })
})
