// The e2e world: one seeded data folder served by the real core and serve mode, started once per
// worker. Tests get the URL (with its token) and the data folder to check numbers against SQLite.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { buildRenderer } from './build-renderer'
import { seedCatalog, type SeedSummary } from './seed'
import { startServeProcess, type ServeProcess } from './serve-process'

export interface ServedApp {
  readonly url: string
  readonly origin: string
  readonly dataDir: string
  readonly seed: SeedSummary
}

export async function serveDataDir(
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ServeProcess> {
  return startServeProcess(dataDir, await buildRenderer(), env)
}

/** Opens the viewer on the first gallery item the route `hash` (e.g. `#/media?q=x`) lists. */
export async function viewFirstAt(page: Page, hash: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/${hash}`)
  await page.getByTestId('media-cell').first().dblclick()
}

interface AppFixtures {
  openApp: (hash?: string) => Promise<Page>
  /** The app at `hash` with the viewer open on the first item listed there. */
  openViewer: (hash: string) => Promise<Page>
}

export const test = base.extend<AppFixtures, { app: ServedApp }>({
  app: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixture object pattern
    async ({}, use) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-'))
      const seed = await seedCatalog(dataDir)
      const served = await serveDataDir(dataDir)
      await use({ url: served.url, origin: new URL(served.url).origin, dataDir, seed })
      await served.close()
      await rm(dataDir, { recursive: true, force: true })
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  openApp: async ({ page, app }, use) => {
    await use(async (hash = '') => {
      // The page takes the printed URL's token into this tab; later navigations keep it.
      await page.goto(app.url)
      if (hash !== '') await page.goto(`${app.origin}/${hash}`)
      await page.getByTestId('stat-media').filter({ hasNotText: '…' }).waitFor()
      return page
    })
  },
  openViewer: async ({ openApp }, use) => {
    await use(async (hash) => {
      const page = await openApp(hash)
      await page.getByTestId('media-cell').first().dblclick()
      return page
    })
  },
})

export { expect } from '@playwright/test'

/** The header a script outside the page (Playwright's request API) uses to call serve's API. */
export function apiAuthorization(app: Pick<ServedApp, 'url'>): Record<string, string> {
  return { authorization: `Bearer ${new URL(app.url).searchParams.get('token') ?? ''}` }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Lazy thumbnails still decoding would show as empty tiles.
  // Typed by hand because this file is also type-checked without the DOM library (and a string
  // expression would need eval, which the app's CSP rightly forbids).
  await page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as { document: { images: ArrayLike<{ complete: boolean }> } }
      return Array.from(document.images).every((image) => image.complete)
    },
    null,
    { timeout: 5000 },
  )
  await page.screenshot({ path: join('test-results', 'screenshots', `${name}.png`) })
}

/** `name` in the light scheme and `name-dark` in the dark one; the page is left light. */
export async function screenshotLightAndDark(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, `${name}-dark`)
  await page.emulateMedia({ colorScheme: 'light' })
}
