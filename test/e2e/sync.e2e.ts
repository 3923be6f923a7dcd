// The sync panel and the header's indicator against contract-shaped data answered by Playwright
// at the HTTP boundary (sync:status and the event stream): the panel, the bridge's JSON envelope
// handling and its EventSource parsing. Real syncs from the app are in live-sync and
// sync-control.e2e.ts.
import type { SyncJob } from '../../src/shared/contract'
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

function job(id: number, progress: SyncProgress, state: SyncJob['state']): SyncJob {
  return {
    id,
    accountId: id,
    provider: progress.provider,
    account: progress.account,
    label: progress.account,
    state,
    trigger: 'user',
    queuedAt: '2026-03-01T09:00:00.000Z',
    startedAt: '2026-03-01T09:00:00.000Z',
    finishedAt: state === 'done' ? '2026-03-01T09:04:00.000Z' : null,
    runId: progress.runId,
    progress,
    error: null,
    needsKey: false,
    result: state === 'done' ? '1 archived, 1 already there, nothing failed' : null,
    retry: null,
  }
}

const schedule = { everyHours: null, lastRunAt: null, nextRunAt: null }

test('the sync panel shows runs with per-chat bars, rate, ETA, credits and errors, and follows sync:progress events', async ({
  page,
  app,
}) => {
  const status = {
    jobs: [job(1, finished, 'done'), job(2, { ...running, downloaded: 0 }, 'running')],
    schedule,
  }
  await page.route('**/api/sync:status', (route) => route.fulfill({ json: { ok: true, value: status } }))
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
  await expect(runs.nth(1).getByTestId('sync-result')).toHaveText(
    '1 archived, 1 already there, nothing failed.',
  )
  // The header says so on every page, with how far it got.
  const indicator = page.getByTestId('sync-indicator')
  await expect(indicator).toHaveAttribute('data-state', 'running')
  await expect(indicator).toContainText('Syncing acct_luna · 54%')
  await expect(indicator.getByRole('button', { name: 'Cancel the sync of acct_luna' })).toBeVisible()
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

test('the sync history lists past runs from the catalog with their outcome in words', async ({ openApp }) => {
  const page = await openApp('#/sync/history')
  const runs = page.getByTestId('history-run')
  await expect(runs).toHaveCount(2)
  // Newest first: the scheduled Fansly run with a chat it could not read.
  await expect(runs.first()).toContainText('Nova')
  await expect(runs.first()).toContainText('scheduled')
  await expect(runs.first()).toContainText('Gone Fan could not be read')
  await expect(runs.first().getByTestId('history-result')).toHaveText(
    '18 archived, 7 already there, 1 chat could not be read, 2 failed. The next sync tries the 2 failed items and the 1 unread chat again.',
  )
  // Locked and DRM items are never said to be retried.
  const complete = runs.nth(1).getByTestId('history-result')
  await expect(complete).toHaveText(
    '230 archived, 7 already there, 3 locked, 1 DRM, 2 waiting for the provider, nothing failed. The next sync tries the 2 items the provider had not ready again.',
  )
  await expect(runs.nth(1)).toContainText('1,200 messages read (310 new) · 12 requests · 4 credits · 48 MB')
  await expect(page.getByTestId('nav-history')).toHaveAttribute('aria-current', 'page')
  await screenshot(page, 'sync-history-seeded')
})
