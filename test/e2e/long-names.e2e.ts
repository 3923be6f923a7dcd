// Names that used to break screens: a 10,000-character fan name, username and account label with
// no space, and a bidi override spoof. Checked by element geometry at a small laptop size and a
// full-HD one: nothing wider than the window, every control inside it, names cut with an ellipsis
// and whole in their tooltip.
import type { Locator, Page } from '@playwright/test'
import { expect, screenshot, test } from './support/fixtures'
import { longAccountLabel, longFanName, longUsername, spoofedFanName } from './support/seed'

const sizes = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
] as const

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    window: window.innerWidth,
    main: (document.querySelector('.main') as HTMLElement).scrollWidth,
    mainClient: (document.querySelector('.main') as HTMLElement).clientWidth,
  }))
  expect(widths.document).toBeLessThanOrEqual(widths.window)
  expect(widths.main).toBeLessThanOrEqual(widths.mainClient + 1)
}

/** The control is on screen, wholly: not pushed right by a name, not under another element. */
async function expectInWindow(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox()
  const viewport = page.viewportSize()
  if (!box || !viewport) throw new Error('no box or viewport')
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.y).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width)
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height)
  await expect(locator).toBeInViewport({ ratio: 1 })
}

/** Cut with an ellipsis, the full text in the tooltip. */
async function expectEllipsis(locator: Locator, full: string): Promise<void> {
  await expect(locator).toHaveAttribute('title', full)
  const cut = await locator.evaluate((element) => ({
    overflow: getComputedStyle(element).textOverflow,
    cut: element.scrollWidth > element.clientWidth,
  }))
  expect(cut).toEqual({ overflow: 'ellipsis', cut: true })
}

for (const size of sizes) {
  test(`every screen stays usable with 10,000-character names at ${size.width}×${size.height}`, async ({
    openApp,
  }) => {
    const page = await openApp()
    await page.setViewportSize(size)
    const nav = page.getByRole('navigation', { name: 'Library' })
    const longLink = page.getByTestId('chat-link').filter({ hasText: longFanName.slice(0, 40) })
    await expectEllipsis(longLink.getByTestId('chat-name'), longFanName)
    await expectEllipsis(longLink.locator('.chat-username'), `@${longUsername}`)
    await expectEllipsis(nav.locator('.account-name').filter({ hasText: 'Longaccount' }), longAccountLabel)
    await expectNoHorizontalOverflow(page)
    const sidebarWidth = await nav.evaluate((element) => element.clientWidth)
    expect(sidebarWidth).toBeLessThan(400)

    // Keyboard focus shows the whole name, wrapped inside the sidebar.
    await longLink.focus()
    await expect(longLink.getByTestId('chat-name')).toHaveCSS('white-space', 'normal')
    expect(await nav.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)

    // The chat: its title is cut, the Media grid button stays in the window.
    await longLink.click()
    await expect(page.getByTestId('message')).toHaveCount(2)
    await expectEllipsis(page.getByTestId('chat-title').locator('.name'), longFanName)
    await expectInWindow(page, page.getByTestId('chat-media-grid'))
    await expectNoHorizontalOverflow(page)
    await screenshot(page, `long-names-chat-${size.width}`)

    // Its media grid names the chat, and the sidebar keeps the chat highlighted.
    await page.getByTestId('chat-media-grid').click()
    await expect(page.getByTestId('gallery-title')).toContainText('Media from')
    await expectEllipsis(page.getByTestId('gallery-title').locator('.name'), longFanName)
    await expect(longLink).toHaveAttribute('aria-current', 'page')
    await expect(page.getByTestId('result-count')).toHaveText('1 item')
    await expectInWindow(page, page.getByTestId('export-button'))
    await expectNoHorizontalOverflow(page)

    // The viewer: close, download and the step buttons stay in the window; the details wrap.
    await page.getByTestId('media-cell').first().dblclick()
    const viewer = page.getByTestId('viewer')
    await expect(viewer).toBeVisible()
    for (const control of [
      viewer.getByRole('button', { name: 'Close viewer' }),
      page.getByTestId('viewer-download'),
      page.getByTestId('viewer-previous'),
      page.getByTestId('viewer-next'),
    ])
      await expectInWindow(page, control)
    // The photo was sent by the creator: the account's (long) label, marked as the creator's side.
    await expect(page.getByTestId('sender')).toContainText(`${longAccountLabel.slice(-30)} (creator)`)
    await expect(page.getByTestId('metadata-chat')).toContainText(longFanName.slice(0, 30))
    const metadata = page.getByTestId('metadata')
    expect(await metadata.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
    await screenshot(page, `long-names-viewer-${size.width}`)
    await page.keyboard.press('Escape')
    await expect(viewer).toHaveCount(0)

    // The account's gallery, Sync and Settings.
    await nav.locator('.account-name').filter({ hasText: 'Longaccount' }).click()
    await expect(page.getByTestId('gallery-title')).toContainText('All media of')
    await expectInWindow(page, page.getByTestId('export-button'))
    await expectNoHorizontalOverflow(page)
    await page.getByTestId('nav-sync').click()
    await expectInWindow(page, page.getByRole('button', { name: 'Sync now' }))
    await expectNoHorizontalOverflow(page)
    await page.getByTestId('nav-settings').click()
    const row = page.getByTestId('account-row').filter({ hasText: 'Longaccount' })
    await expectEllipsis(row.locator('.account-row-name .name'), longAccountLabel)
    await expectNoHorizontalOverflow(page)
  })
}

test('a bidi override in a name or message is shown, not obeyed', async ({ openApp }) => {
  const page = await openApp()
  const link = page.getByTestId('chat-link').filter({ hasText: 'gnp.exe' })
  // "rtl \u202Egnp.exe" would read "rtl exe.png"; the control is shown by name instead.
  await expect(link.getByTestId('chat-name')).toHaveText('rtl ⟨RLO⟩gnp.exe')
  await expect(link.getByTestId('chat-name')).toHaveAttribute('title', 'rtl ⟨RLO⟩gnp.exe')
  expect(await link.getByTestId('chat-name').evaluate((element) => element.tagName)).toBe('BDI')
  await link.click()
  await expect(page.getByTestId('message-text')).toHaveText('open ⟨RLO⟩txt.exe now')
  await page.getByTestId('inline-media').first().click()
  await expect(page.getByTestId('metadata-text')).toHaveText('open ⟨RLO⟩txt.exe now')
  await expect(page.getByTestId('sender')).toContainText('rtl ⟨RLO⟩gnp.exe')
  // No override character reaches the page's text anywhere.
  expect(await page.evaluate(() => /[\u202a-\u202e\u2066-\u2069]/.test(document.body.innerText))).toBe(false)
  expect(spoofedFanName).toContain('\u202e')
})
