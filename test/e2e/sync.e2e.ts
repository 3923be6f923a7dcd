// The sync engine is not wired into serve yet, so these tests stand in for it at the HTTP
// boundary: sync:status and the event stream are answered by Playwright with contract-shaped data,
// which exercises the panel, the bridge's JSON envelope handling and its EventSource parsing.
import type { SyncProgress } from '../../src/shared/domain'
import { expect, screenshot, test } from './support/fixtures'

function run(partial: Partial<SyncProgress> & Pick<SyncProgress, 'runId' | 'phase'>): SyncProgress {
  return {
    provider: 'onlyfansapi',
    account: 'acct_luna',
    requests: 0,
    credits: 0,
    mediaSeen: 0,
    downloaded: 0,
    alreadyHad: 0,
    failed: 0,
    messagesSeen: 0,
    messagesNew: 0,
    bytes: 0,
    totalBytes: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    chats: [],
    error: null,
    ...partial,
  }
}

const finished = run({
  runId: 1,
  phase: 'done',
  provider: 'onlyfansapi-fansly',
  account: 'acct_nova',
  requests: 12,
  credits: 4,
  mediaSeen: 2,
  downloaded: 1,
  alreadyHad: 1,
  bytes: 48_000,
  totalBytes: 48_000,
  chats: [
    {
      chatId: 'group_sam',
      label: 'Sam Porter',
      mediaSeen: 2,
      done: 2,
      total: 2,
      bytes: 48_000,
      failed: 0,
      unchanged: false,
    },
  ],
})

const running = run({
  runId: 2,
  phase: 'downloading',
  requests: 57,
  credits: 19,
  mediaSeen: 4010,
  downloaded: 1500,
  alreadyHad: 600,
  failed: 3,
  bytes: 310_000_000,
  totalBytes: 720_000_000,
  bytesPerSecond: 12_400_000,
  etaSeconds: 33,
  chats: [
    {
      chatId: 'chat_alice',
      label: 'Alice Rivers',
      mediaSeen: 7,
      done: 7,
      total: 7,
      bytes: 900_000,
      failed: 0,
      unchanged: false,
    },
    {
      chatId: 'chat_mallory',
      label: 'Mallory',
      mediaSeen: 1,
      done: 0,
      total: 1,
      bytes: 0,
      failed: 1,
      unchanged: false,
    },
    {
      chatId: 'chat_bulk',
      label: 'Bulk Collector',
      mediaSeen: 4000,
      done: 2093,
      total: 4000,
      bytes: 309_000_000,
      failed: 2,
      unchanged: false,
    },
    {
      chatId: 'chat_quiet',
      label: 'Quiet Quinn',
      mediaSeen: 0,
      done: 0,
      total: 0,
      bytes: 0,
      failed: 0,
      unchanged: true,
    },
  ],
})

test('the sync panel shows runs with per-chat bars, rate, ETA, credits and errors, and follows sync:progress events', async ({
  page,
  app,
}) => {
  await page.route('**/api/sync:status', (route) => route.fulfill({ json: { ok: true, value: [finished] } }))
  const update = { ...running, downloaded: 1600 }
  await page.route('**/api/events', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: `retry: 60000\n: connected\n\nevent: sync:progress\ndata: ${JSON.stringify(update)}\n\n`,
    }),
  )
  await page.goto(app.url)
  await page.goto(`${app.origin}/#/sync`)
  const runs = page.getByTestId('sync-run')
  await expect(runs).toHaveCount(2)
  const live = runs.first()
  await expect(live).toContainText('Downloading')
  await expect(live).toContainText('2,203 / 4,010')
  await expect(live).toContainText('12 MB/s')
  await expect(live).toContainText('33 s')
  await expect(live).toContainText('19')
  await expect(live.getByRole('progressbar', { name: 'Progress of Bulk Collector' })).toHaveAttribute(
    'aria-valuenow',
    '2093',
  )
  await expect(live).toContainText('1 failed')
  await expect(live.getByTestId('sync-chat').filter({ hasText: 'Quiet Quinn' })).toHaveAttribute(
    'data-state',
    'unchanged',
  )
  await expect(runs.nth(1)).toContainText('Finished')
  await screenshot(page, 'sync-running')
})

test('a sync that cannot start says why', async ({ openApp }) => {
  const page = await openApp('#/sync')
  await page.route('**/api/sync:start', (route) =>
    route.fulfill({
      status: 503,
      json: { ok: false, error: { code: 'unavailable', message: 'No API key for onlyfansapi.' } },
    }),
  )
  await page.getByRole('button', { name: 'Sync now' }).click()
  await expect(page.getByRole('alert')).toContainText('No API key for onlyfansapi.')
})
