import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './support/fixtures'
import { bulkMessageCount, hostileTexts, talkTexts } from './support/seed'

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

/** The "Archive set N" numbers of the bulk chat's messages in the DOM. */
async function setNumbers(page: Page): Promise<number[]> {
  const texts = await page.getByTestId('message-text').allInnerTexts()
  return texts.map((text) => Number(/Archive set (\d+)/.exec(text)?.[1] ?? Number.NaN))
}

test('a long chat opens at its newest message with only the rows on screen, and pages older as it scrolls', async ({
  openApp,
}) => {
  const page = await openApp()
  // A tall window: more messages a wheel step, so the walk past the 300 held is short.
  await page.setViewportSize({ width: 1280, height: 1600 })
  const newest = bulkMessageCount()
  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  const timeline = page.getByTestId('timeline')
  const last = page.getByTestId('message-text').last()
  await expect(last).toHaveText(`Archive set ${newest}`)
  await expect(last).toBeInViewport()
  // Virtualized: a screenful of rows, not the page of 60 (nor the chat's 1,600).
  expect(await page.getByTestId('message').count()).toBeLessThan(40)

  // Scrolling up by wheel (most of a screen a step, more than the tallest message) reads older
  // pages and keeps the reader's place: every step still shows some of what the one before showed (no jump when a page arrives), in order with no gap.
  const box = await timeline.boundingBox()
  if (!box) throw new Error('no timeline')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  let previous = await setNumbers(page)
  for (let step = 0; step < 150 && Math.min(...previous) > newest - 320; step += 1) {
    await page.mouse.wheel(0, -box.height * 0.9)
    await expect.poll(async () => Math.min(...(await setNumbers(page)))).toBeLessThan(Math.min(...previous))
    const shown = await setNumbers(page)
    expect(shown.some((n) => previous.includes(n))).toBe(true)
    expect(shown).toEqual(shown.map((_, i) => (shown[0] ?? 0) + i))
    expect(await page.getByTestId('message').count()).toBeLessThan(50)
    expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(1500)
    previous = shown
  }
  expect(Math.min(...previous)).toBeLessThanOrEqual(newest - 320)
  // Messages are in order, each once, with no gap between the ones on screen.
  const numbers = await setNumbers(page)
  expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] ?? 0) + i))
  await expect(page.getByTestId('day-separator').first()).toBeVisible()
})

interface ReadRow {
  readonly kind: 'day' | 'message'
  readonly text: string
  readonly fan: boolean
  /** A reply's quote of the message it answers, if the row has one. */
  readonly quote: string | null
}

/** Every row of the loaded conversation, top to bottom, read by scrolling it half a screen at a time. */
async function readTimeline(page: Page): Promise<ReadRow[]> {
  return page.getByTestId('timeline').evaluate(async (element) => {
    const frames = (): Promise<void> =>
      new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
    const seen = new Map<string, ReadRow>()
    element.scrollTop = 0
    await frames()
    for (let guard = 0; guard < 500; guard += 1) {
      for (const row of element.querySelectorAll<HTMLElement>('[data-row-key]')) {
        const day = row.querySelector('[data-testid="day-separator"]')
        const text = row.querySelector('[data-testid="message-text"]')
        seen.set(row.dataset.rowKey ?? '', {
          kind: day ? 'day' : 'message',
          text: (day ?? text)?.textContent ?? '',
          fan: row.querySelector('.from-fan') !== null,
          quote: row.querySelector('[data-testid="reply-quote"]')?.textContent ?? null,
        })
      }
      if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) break
      element.scrollTop += element.clientHeight / 2
      await frames()
    }
    // First seen first: the scroll went down.
    return [...seen.entries()].map(([, row]) => row)
  })
}

test.describe("in the viewer's time zone", () => {
  test.use({ timezoneId: 'America/New_York' })

  test('text-only messages appear in the reviewer, by local day, with tips, paid and deleted marks', async ({
    openApp,
  }) => {
    const page = await openApp()
    await page.getByTestId('chat-link').filter({ hasText: 'Tess Talker' }).click()
    const messages = page.getByTestId('message')
    await expect(page.getByTestId('message-text').last()).toHaveText(talkTexts.last)
    await expect(page.getByTestId('message-text').last()).toBeInViewport()
    // Every row, read by scrolling the conversation from its top (the 10 KB message alone is
    // taller than the window, so never all of them are in the DOM at once).
    const rows = await readTimeline(page)
    const texts = Object.values(talkTexts) as string[]
    expect(rows.filter((row) => row.kind === 'message').map((row) => row.text)).toEqual(texts)
    expect(rows.filter((row) => row.kind === 'message' && row.fan).length).toBe(4)
    await expect(page.getByTestId('inline-media')).toHaveCount(0)

    // 04:00 UTC on the 11th is 23:00 on the 10th in New York: three messages on the first day.
    expect(rows.filter((row) => row.kind === 'day').map((row) => row.text)).toEqual([
      'Tuesday, November 10, 2026',
      'Wednesday, November 11, 2026',
      'Thursday, November 12, 2026',
    ])
    // prettier-ignore
    expect(rows.map((row) => row.kind)).toEqual([
      'day', 'message', 'message', 'message',
      'day', 'message', 'message',
      'day', 'message', 'message', 'message',
    ])
    await page.getByTestId('timeline').evaluate((element) => {
      element.scrollTop = 0
    })
    await expect(messages.first().locator('time')).toHaveText(/5:00\s?AM/)

    const withText = (text: string) => messages.filter({ hasText: text })
    await expect(withText(talkTexts.tip).getByTestId('tip')).toHaveText('Tip $15.00')
    await expect(withText(talkTexts.paid).getByTestId('price')).toHaveText('Paid $4.99')
    await expect(withText(talkTexts.unbought).getByTestId('price')).toHaveText('Not bought · $7.00')
    await expect(withText(talkTexts.deleted).getByTestId('deleted-upstream')).toHaveText(
      'Deleted on the provider',
    )
    await expect(page.getByTestId('deleted-upstream')).toHaveCount(1)
    // 10,000 characters without a space wrap inside the bubble; HTML stays text.
    const wall = page.getByTestId('message-text').filter({ hasText: 'WWWW' })
    await expect(wall).toHaveText(talkTexts.wall)
    const overflow = await page
      .getByTestId('timeline')
      .evaluate((element) => element.scrollWidth - element.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    expect(await page.locator('.message-text b').count()).toBe(0)
    await screenshot(page, 'chat-text-only')
  })
})

test('a reply quotes the message it answers, and the quote shows that message', async ({ openApp }) => {
  const page = await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Tess Talker' }).click()
  const messages = page.getByTestId('message')
  // The newest answers a message older than the archive: said so, nothing to click.
  const newest = messages.filter({ hasText: talkTexts.last })
  await expect(newest.getByTestId('reply-quote')).toHaveText('Reply to a message that is not in the archive')
  await expect(newest.locator('button.reply-quote')).toHaveCount(0)

  await page.getByTestId('timeline').evaluate((element) => {
    element.scrollTop = 0
  })
  const reply = messages.filter({
    has: page.getByTestId('message-text').filter({ hasText: talkTexts.reply }),
  })
  const quote = reply.getByTestId('reply-quote')
  await expect(quote).toHaveText(`Reply to the fan: ${talkTexts.first}`)
  await quote.click()
  const answered = page.locator('.message.is-target')
  await expect(answered.getByTestId('message-text')).toHaveText(talkTexts.first)
  await expect(answered).toBeInViewport()
  await screenshot(page, 'chat-reply')
  // Only the two replies carry a quote.
  const quoted = (await readTimeline(page)).filter((row) => row.quote !== null)
  expect(quoted.map((row) => row.text)).toEqual([talkTexts.reply, talkTexts.last])
})

test('jump to a date opens the chat there, and Newest goes back', async ({ openApp }) => {
  const page = await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  await expect(page.getByTestId('message-text').last()).toHaveText(`Archive set ${bulkMessageCount()}`)
  // Messages are 6 hours apart from 2023-01-01 00:00 UTC; the first on 1 March (local) is shown
  // at the top, under its day separator.
  const firstOfMarch = await page.evaluate(() => {
    const start = Date.parse('2023-01-01T00:00:00.000Z')
    const midnight = new Date(2023, 2, 1).getTime()
    return Math.ceil((midnight - start) / (6 * 3_600_000)) + 1
  })
  await page.getByTestId('chat-jump-date').fill('2023-03-01')
  await page.getByTestId('chat-jump-go').click()
  const target = page
    .getByTestId('message-text')
    .filter({ hasText: new RegExp(`^Archive set ${firstOfMarch}$`) })
  await expect(target).toBeInViewport()
  const separator = page.getByTestId('day-separator').filter({ hasText: 'March 1, 2023' })
  await expect(separator).toBeInViewport()
  const [separatorBox, timelineBox] = [
    await separator.boundingBox(),
    await page.getByTestId('timeline').boundingBox(),
  ]
  expect(Math.abs((separatorBox?.y ?? 0) - (timelineBox?.y ?? 0))).toBeLessThan(20)
  await expect(
    page.getByTestId('message-text').filter({ hasText: new RegExp(`^Archive set ${firstOfMarch - 1}$`) }),
  ).toHaveCount(1)

  await page.getByTestId('chat-jump-newest').click()
  await expect(page.getByTestId('message-text').last()).toHaveText(`Archive set ${bulkMessageCount()}`)
  await expect(page.getByTestId('message-text').last()).toBeInViewport()
})

test('search inside a chat marks the hits and steps through them, scrolling each into view', async ({
  openApp,
}) => {
  const page = await openApp()
  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  await expect(page.getByTestId('message-text').last()).toHaveText(`Archive set ${bulkMessageCount()}`)
  const box = page.getByTestId('chat-search')
  // Words match by their start: 123 and 1230…1239, eleven messages, far from the newest.
  await box.fill('123')
  await box.press('Enter')
  // Counted from the newest hit, where the search opens.
  await expect(page.getByTestId('chat-search-count')).toHaveText('1 of 11')
  const current = page.locator('.message.is-target')
  await expect(current.getByTestId('message-text')).toHaveText('Archive set 1239')
  await expect(current).toBeInViewport()
  await expect(current).toHaveAttribute('aria-current', 'true')
  await expect(current.getByTestId('search-hit')).toHaveText('1239')

  await page.getByTestId('chat-search-older').click()
  await expect(page.getByTestId('chat-search-count')).toHaveText('2 of 11')
  await expect(current.getByTestId('message-text')).toHaveText('Archive set 1238')
  await expect(current).toBeInViewport()
  // Enter again in the box goes on to the next older hit; the oldest is 123 itself.
  await box.press('Enter')
  await expect(current.getByTestId('message-text')).toHaveText('Archive set 1237')
  for (let i = 0; i < 8; i += 1) await page.getByTestId('chat-search-older').click()
  await expect(page.getByTestId('chat-search-count')).toHaveText('11 of 11')
  await expect(current.getByTestId('message-text')).toHaveText('Archive set 123')
  await expect(current).toBeInViewport()
  await expect(page.getByTestId('chat-search-older')).toBeDisabled()

  await box.fill('nothingmatchesthis')
  await box.press('Enter')
  await expect(page.getByTestId('chat-search-count')).toHaveText('No messages match')
  await expect(page.getByTestId('search-hit')).toHaveCount(0)
})

test('a link to a message the chat does not have says so and opens at the newest', async ({ openApp }) => {
  const page = await openApp()
  const href = await page.getByTestId('chat-link').filter({ hasText: 'Alice Rivers' }).getAttribute('href')
  await page.goto(`${page.url().split('#')[0]}${href}?message=987654321`)
  await expect(page.getByTestId('target-missing')).toBeVisible()
  await expect(page.getByTestId('message-text').last()).toHaveText('thank you!! 💕')
  await expect(page.locator('.message.is-target')).toHaveCount(0)
})
