import Database from 'better-sqlite3'
import { join } from 'node:path'
import { expect, screenshot, test } from './support/fixtures'

function countFromCatalog(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return (db.prepare(sql).get() as { n: number }).n
  } finally {
    db.close()
  }
}

test('the app opens and shows catalog totals from the real SQLite catalog', async ({ openApp, app }) => {
  const page = await openApp()
  const media = countFromCatalog(app.dataDir, 'SELECT count(*) AS n FROM media')
  const downloaded = countFromCatalog(app.dataDir, "SELECT count(*) AS n FROM media WHERE status = 'downloaded'")
  const chats = countFromCatalog(app.dataDir, 'SELECT count(*) AS n FROM chats')
  const messages = countFromCatalog(app.dataDir, 'SELECT count(*) AS n FROM messages')
  expect(media).toBe(app.seed.media)
  await expect(page.getByTestId('stat-media')).toHaveText(media.toLocaleString('en-US'))
  await expect(page.getByTestId('stat-downloaded')).toHaveText(downloaded.toLocaleString('en-US'))
  await expect(page.getByTestId('stat-chats')).toHaveText(String(chats))
  await expect(page.getByTestId('stat-messages')).toHaveText(messages.toLocaleString('en-US'))
  await expect(page.getByTestId('result-count')).toHaveText(`${media.toLocaleString('en-US')} items`)
  // The token went into a cookie and out of the address bar.
  expect(page.url()).not.toContain('token=')
  await expect(page.getByTestId('media-cell').first()).toBeVisible()
  await screenshot(page, 'gallery')
})
