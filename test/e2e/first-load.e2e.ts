// The first load does not wait for serve's session request before asking for data: the calls go
// out alongside it (serve answers them in turn), and their answers are held until the media key
// has arrived, so no thumbnail is ever built without it. Here the session answer is held back for
// a second: the gallery's request must already be on its way, and every thumbnail must still
// carry the key and load.
import { MEDIA_KEY_PARAM } from '../../src/shared/media-url'
import { expect, test } from './support/fixtures'

const sessionDelayMs = 1000

test('first-load calls go out alongside the session request; thumbnails still carry the media key', async ({
  page,
  app,
}) => {
  const sent: string[] = []
  page.on('request', (request) => sent.push(new URL(request.url()).pathname))
  let sessionAnswered = false
  let searchSentBeforeSession = false
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/media:search' && !sessionAnswered) {
      searchSentBeforeSession = true
    }
  })
  await page.route('**/api/session', async (route) => {
    await new Promise((done) => setTimeout(done, sessionDelayMs))
    const response = await route.fetch()
    sessionAnswered = true
    await route.fulfill({ response })
  })
  await page.goto(app.url)
  const thumbs = page.locator('img.cell-thumb')
  await expect(thumbs.first()).toBeVisible()
  expect(searchSentBeforeSession, `requests in order: ${sent.join(', ')}`).toBe(true)
  const sources = await thumbs.evaluateAll((images) => images.map((img) => (img as HTMLImageElement).src))
  expect(sources.length).toBeGreaterThan(0)
  for (const src of sources) {
    expect(new URL(src).searchParams.get(MEDIA_KEY_PARAM) ?? '', src).toMatch(/^[0-9a-f]{64}$/)
  }
  await expect
    .poll(() =>
      thumbs.evaluateAll((images) => images.every((img) => (img as HTMLImageElement).naturalWidth > 0)),
    )
    .toBe(true)
})
