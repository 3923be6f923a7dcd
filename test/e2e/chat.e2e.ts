import { expect, screenshot, test } from './support/fixtures'
import { hostileTexts } from './support/seed'

test('a chat timeline opens from the sidebar with text, prices, sides and inline media', async ({
  openApp,
}) => {
  const page = await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Alice Rivers' }).click()
  const timeline = page.getByTestId('timeline')
  await expect(page.getByTestId('message')).toHaveCount(7)
  await expect(timeline).toContainText('Sunset at the beach 🌅 just for you')
  await expect(timeline).toContainText('$9.99')
  await expect(page.locator('.message.from-fan')).toHaveCount(2)
  await expect(page.getByTestId('inline-media')).toHaveCount(7)
  // Oldest first: the fan's opening message is at the top.
  await expect(page.getByTestId('message-text').first()).toContainText('loved the sunset set')
  await screenshot(page, 'chat-timeline')

  await page.getByTestId('inline-media').nth(2).click()
  await expect(page.getByTestId('viewer-video')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('viewer')).toHaveCount(0)
})

test('hostile message text is shown as literal text and creates no element', async ({ openApp }) => {
  const page = await openApp()
  let dialogs = 0
  page.on('dialog', (dialog) => {
    dialogs += 1
    void dialog.dismiss()
  })
  await page.getByTestId('chat-link').filter({ hasText: 'Mallory' }).click()
  const texts = page.getByTestId('message-text')
  await expect(texts.filter({ hasText: hostileTexts[0] })).toHaveText(hostileTexts[0])
  await expect(texts.filter({ hasText: 'window.__pwned' })).toHaveText(hostileTexts[1])
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  expect(await page.locator('#root script').count()).toBe(0)
  expect(
    await page.evaluate(
      () => 'onerror' in document.body.dataset || (window as unknown as { __pwned?: number }).__pwned,
    ),
  ).toBeFalsy()

  // The same text in the viewer's metadata panel is text too.
  await page.getByTestId('inline-media').first().click()
  await expect(page.getByTestId('metadata-text')).toHaveText(hostileTexts[1])
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  expect(dialogs).toBe(0)
  await page.keyboard.press('Escape')
  await screenshot(page, 'chat-hostile-text')
})

test('a long chat opens at its newest message and loads older pages on demand', async ({ openApp }) => {
  const page = await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  const messages = page.getByTestId('message')
  await expect(messages).toHaveCount(100)
  await expect(messages.last()).toBeInViewport()
  await page.getByRole('button', { name: 'Load older messages' }).click()
  await expect(messages).toHaveCount(200)
  // The reader's place is kept: the newest message is still not scrolled into the top.
  await expect(messages.first()).not.toBeInViewport()
})
