// Accounts for daily use, in serve mode over a seeded archive of its own: renamed; an existing id
// added again is refused instead of silently renaming it; removal is confirmed, waits for a sync
// of the account, keeps the archive (still in the gallery, no longer offered for sync) or deletes
// it, touching nothing else: `chatkeep verify` passes afterwards.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { acquireAccountLock } from '../../src/main/sync/account-lock'
import { jsonOut, runCli } from '../support/cli'
import { expect, screenshot, serveDataDir, test, screenshotLightAndDark } from './support/fixtures'
import { seedCatalog } from './support/seed'
import type { ServeProcess } from './support/serve-process'

let dataDir: string
let served: ServeProcess
test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-accounts-'))
  await seedCatalog(dataDir)
  served = await serveDataDir(dataDir)
})
test.afterAll(async () => {
  await served.close()
  await rm(dataDir, { recursive: true, force: true })
})

test('an account is renamed, refused when added twice, removed keeping its archive, then deleted with it', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.goto(served.url)
  const stat = page.getByTestId('stat-media')
  await expect(stat).not.toHaveText('…')
  const mediaBefore = Number((await stat.innerText()).replace(/\D/g, ''))
  const bytesBefore = await page.getByTestId('stat-bytes').innerText()
  await page.goto(`${new URL(served.url).origin}/#/settings`)
  const library = page.getByRole('navigation', { name: 'Library' })

  // Renamed: the row and the sidebar follow.
  const nova = page.getByTestId('account-row').filter({ hasText: 'acct_nova' })
  await nova.getByRole('button', { name: 'Rename Nova' }).click()
  await nova.getByRole('textbox', { name: 'New name for Nova' }).fill('Nova Prime')
  await nova.getByRole('button', { name: 'Save name' }).click()
  await expect(nova.locator('.account-row-name')).toHaveText('Nova Prime')
  await expect(library).toContainText('Nova Prime')

  // Added again: refused in words, and nothing renamed.
  const form = page.getByTestId('add-account')
  await form.getByTestId('add-account-provider').selectOption('onlyfansapi-fansly')
  await form.getByTestId('add-account-id').fill('acct_nova')
  await form.getByTestId('add-account-label').fill('Hijack')
  await form.getByRole('button', { name: 'Add account' }).click()
  await expect(form.getByRole('alert')).toContainText(
    'OnlyFansAPI — Fansly account “Nova Prime” (acct_nova) is already in Chatkeep: rename it in its row instead.',
  )
  await expect(nova.locator('.account-row-name')).toHaveText('Nova Prime')
  await expect(library).not.toContainText('Hijack')

  // While a sync holds the account, the dialog says who and removes nothing.
  const lock = await acquireAccountLock(dataDir, 'onlyfansapi-fansly', 'acct_nova', {
    command: 'chatkeep sync',
  })
  const dialog = page.getByTestId('remove-account-dialog')
  try {
    await nova.getByRole('button', { name: 'Remove Nova Prime' }).click()
    await expect(dialog.getByTestId('removal-counts')).toHaveText(
      'Its archive: 1 chat and 2 media items. Every file it has is also another account’s, so deleting it frees no disk space.',
    )
    await expect(dialog.getByTestId('removal-busy')).toContainText(
      'Nova Prime is being synced (chatkeep sync)',
    )
    await expect(dialog.getByTestId('remove-confirm')).toBeDisabled()
    await screenshot(page, 'remove-account-busy')
  } finally {
    await lock.release()
  }
  await dialog.getByRole('button', { name: 'Check again' }).click()
  await expect(dialog.getByTestId('removal-busy')).toHaveCount(0)
  await screenshotLightAndDark(page, 'remove-account-dialog')

  // Keep its archive: still in the gallery and the sidebar, no longer offered for syncing.
  await expect(dialog.getByRole('radio', { name: /Keep it/ })).toBeChecked()
  await dialog.getByRole('button', { name: 'Remove account' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('accounts-notice')).toHaveText(
    'Nova Prime was removed; its archive stays in the gallery.',
  )
  await expect(nova.getByTestId('account-removed')).toHaveText('Removed · archive kept')
  await expect(nova.getByTestId('key-input')).toHaveCount(0)
  await expect(library).toContainText('Nova Prime')
  await expect(stat).toHaveText(mediaBefore.toLocaleString('en-US'))
  await page.getByTestId('nav-sync').click()
  await expect(page.getByTestId('sync-panel').getByRole('combobox')).not.toContainText('Nova Prime')
  await expect(page.getByTestId('sync-panel').getByRole('combobox')).toContainText('Luna')

  // Then its archive too: its two items leave the archive, the rest stays.
  await page.getByTestId('nav-settings').click()
  await nova.getByRole('button', { name: 'Delete the archive of Nova Prime' }).click()
  await expect(dialog.getByRole('radio', { name: /Keep it/ })).toHaveCount(0)
  await expect(dialog.getByRole('radio', { name: /Delete it/ })).toBeChecked()
  await dialog.getByRole('button', { name: 'Delete archive' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByTestId('accounts-notice')).toContainText(
    'Nova Prime and its archive were removed: 2 media items',
  )
  await expect(page.getByTestId('account-row').filter({ hasText: 'acct_nova' })).toHaveCount(0)
  await expect(library).not.toContainText('Nova Prime')
  await expect(stat).toHaveText((mediaBefore - 2).toLocaleString('en-US'))
  await expect(library).toContainText('Luna')
  // Nova's pictures are also Luna's (the same bytes, stored once): they stay on disk.
  await expect(page.getByTestId('stat-bytes')).toHaveText(bytesBefore)

  const verified = await runCli(['verify', '--data-dir', dataDir, '--json'])
  expect(verified.code).toBe(0)
  expect(jsonOut(verified)).toMatchObject({ missing: [], corrupt: [], orphans: 0 })
})
