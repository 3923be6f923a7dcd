// Cookies ignore ports: a cookie set by serve on 127.0.0.1 goes to every other server on
// 127.0.0.1 too. So serve sets none. The token lives in the page (sent as a header), media URLs
// carry a separate read-only key, and this test is the proof: after the printed URL was opened and
// used, another local server, visited in the same browser, sees no token in any form.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from './support/fixtures'

interface Seen {
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/** A neighbour on another port: its page loads an image, a script and a credentialed fetch. */
async function startNeighbour(seen: Seen[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    if (req.url === '/') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8')
      res.end(
        '<!doctype html><title>neighbour</title><img src="/pixel.png"><script src="/probe.js"></script>',
      )
    } else if (req.url === '/probe.js') {
      res.setHeader('Content-Type', 'text/javascript')
      res.end("fetch('/api/probe', { credentials: 'include' }).then(() => { document.title = 'probed' })")
    } else {
      res.statusCode = 204
      res.end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

test('the serve token never reaches another local server, and the printed URL survives reloads', async ({
  browser,
  app,
}) => {
  const token = new URL(app.url).searchParams.get('token') ?? ''
  expect(token).toMatch(/^[0-9a-f]{64}$/)
  const seen: Seen[] = []
  const neighbour = await startNeighbour(seen)
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    // The printed URL, then real use: the API, the event stream and archived thumbnails.
    await page.goto(app.url)
    await expect(page.getByTestId('stat-media')).not.toHaveText('…')
    const thumb = page.getByTestId('media-cell').first().locator('img')
    await expect(thumb).toBeVisible()
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    expect(page.url()).not.toContain(token)

    // A reload keeps working without the token in the address bar.
    await page.reload()
    await expect(page.getByTestId('stat-media')).toHaveText(app.seed.media.toLocaleString('en-US'))

    // The same browser visits the neighbour: in another tab, and from the app's own tab.
    const other = await context.newPage()
    await other.goto(neighbour.origin)
    await expect(other).toHaveTitle('probed')
    await page.evaluate((url) => window.location.assign(url), neighbour.origin)
    await expect(page).toHaveTitle('probed')

    expect(seen.length).toBeGreaterThanOrEqual(6)
    for (const request of seen) {
      const everything = JSON.stringify(request)
      expect(everything, request.url).not.toContain(token)
      // Nor the media key, nor any other 64-hex secret.
      expect(everything, request.url).not.toMatch(/[0-9a-f]{64}/i)
      expect(request.headers.cookie, request.url).toBeUndefined()
      expect(request.headers.authorization, request.url).toBeUndefined()
    }
    // No cookie at all: nothing a port-blind cookie jar could hand on.
    expect(await context.cookies()).toEqual([])

    // Opening the printed URL again (a bookmark of it) works, back in the app's tab.
    await page.goto(app.url)
    await expect(page.getByTestId('stat-media')).toHaveText(app.seed.media.toLocaleString('en-US'))
  } finally {
    await context.close()
    await new Promise<void>((done) => neighbour.server.close(() => done()))
  }
})
