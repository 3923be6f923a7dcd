// Controlling a real sync from the app (serve mode against the fake providers, a slow CDN so the
// sync lasts): start it, watch it in the header on another page, pause and resume it, cancel it
// from the header's indicator, read the sync history, then let the next sync finish it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import { startFakeProviders, type FakeProviders } from '../fake-providers/server'
import { serveDataDir, screenshot } from './support/fixtures'

interface Controlled {
  readonly url: string
  readonly origin: string
  readonly fake: FakeProviders
}

const test = base.extend<object, { controlled: Controlled }>({
  controlled: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixture object pattern
    async ({}, use) => {
      const fake = await startFakeProviders({
        seed: 9,
        chats: 2,
        messagesPerChat: 5,
        specials: false,
        fileSizes: [150_000, 250_000],
      })
      const dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-control-'))
      const served = await serveDataDir(dataDir, {
        CHATKEEP_BASE_URL: fake.url,
        FANSMETRIC_API_KEY: fake.keys.fansmetric,
      })
      const url = new URL(served.url)
      // The account, added over the API as the Settings page would.
      const added = await fetch(new URL('/api/accounts:add', url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${url.searchParams.get('token') ?? ''}`,
        },
        body: JSON.stringify({ provider: 'fansmetric', externalId: 'acct_fake_fm_1', label: 'Fiona' }),
      })
      if (!added.ok) throw new Error(`accounts:add answered ${added.status}`)
      await use({ url: served.url, origin: url.origin, fake })
      await served.close()
      await fake.close()
      await rm(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker', timeout: 120_000 },
  ],
})
const { expect } = test

test('start, watch from another page, pause, resume, cancel from the header, and read the history', async ({
  page,
  controlled,
}) => {
  // About 30 KB/s a file: the sync runs for a good while unless cancelled.
  controlled.fake.faults({ cdnBytesPerSecond: 30_000, target: 'cdn' })
  await page.goto(controlled.url)
  await page.goto(`${controlled.origin}/#/sync`)
  const panel = page.getByTestId('sync-panel')
  await panel.getByTestId('sync-now').click()

  const indicator = page.getByTestId('sync-indicator')
  await expect(indicator).toHaveAttribute('data-state', 'running')
  await expect(indicator).toContainText('Syncing Fiona')
  // While the account runs, "Sync now" is its Cancel.
  await expect(panel.getByTestId('sync-now')).toHaveText('Cancel')
  const card = page.getByTestId('sync-run').first()
  await expect(card).toContainText('Downloading', { timeout: 30_000 })

  await card.getByRole('button', { name: 'Pause' }).click()
  await expect(indicator).toHaveAttribute('data-state', 'paused')
  await expect(card.locator('.status-pill')).toHaveText('Paused')
  await card.getByRole('button', { name: 'Resume' }).click()
  await expect(indicator).toHaveAttribute('data-state', 'running')

  // Every page shows it; cancel it from the gallery's header.
  await page.getByTestId('nav-all-media').click()
  await expect(indicator).toBeVisible()
  await screenshot(page, 'sync-indicator')
  await indicator.getByRole('button', { name: 'Cancel the sync of Fiona' }).click()
  await expect(indicator).toHaveCount(0)

  await page.getByTestId('nav-sync').click()
  await expect(card).toHaveAttribute('data-state', 'cancelled')
  await expect(card.locator('.status-pill')).toHaveText('Cancelled')
  await expect(card.getByTestId('sync-result')).toContainText('left for the next sync')
  await expect(panel.getByTestId('sync-now')).toHaveText('Sync now')

  await page.getByTestId('nav-history').click()
  const runs = page.getByTestId('history-run')
  await expect(runs).toHaveCount(1)
  await expect(runs.first()).toHaveAttribute('data-status', 'cancelled')
  await expect(runs.first().getByTestId('history-result')).toContainText('left for the next sync')
  await expect(runs.first().getByTestId('history-result')).toContainText('The next sync tries the')
  await expect(runs.first()).toContainText('requests')
  await screenshot(page, 'sync-history-cancelled')

  // The next sync finishes what was left; the history has both, newest first.
  controlled.fake.resetFaults()
  await page.getByTestId('nav-sync').click()
  await panel.getByTestId('sync-now').click()
  await expect(page.getByTestId('sync-run').first()).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  })
  await page.getByTestId('nav-history').click()
  await expect(runs).toHaveCount(2)
  await expect(runs.first()).toHaveAttribute('data-status', 'done')
  await expect(runs.first().getByTestId('history-result')).toContainText('nothing failed')
  await expect(runs.first().getByTestId('history-result')).not.toContainText('The next sync tries')
  await screenshot(page, 'sync-history')
})
