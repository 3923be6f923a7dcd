// Search that explains itself: emoji and punctuation are searched (not dropped into "everything"),
// quoted phrases, OR and -exclusion work and are documented, the way the text was understood is
// shown under the box, and the hits are highlighted in the viewer.
import { cappedNote } from '../../src/shared/search-syntax'
import { expect, screenshot, test } from './support/fixtures'

test('emoji and a lone quote are searched as text and the app says how it read the search', async ({
  openApp,
}) => {
  const page = await openApp()
  const count = page.getByTestId('result-count')
  const explain = page.getByTestId('search-explain')
  await page.getByTestId('search').fill('🎉')
  await expect(count).toHaveText('1 item')
  await expect(explain).toContainText('“🎉” (exact text)')
  await expect(page.getByTestId('media-cell')).toHaveAccessibleName(/Sam Porter/)

  // Before, these fell back to every item: now nothing in the seed has them, and the page says so.
  await page.getByTestId('search').fill('😈')
  await expect(page.getByTestId('empty-state')).toContainText('Nothing matches')
  await expect(explain).toContainText('“😈” (exact text)')
  await page.getByTestId('search').fill('"')
  await expect(page.getByTestId('empty-state')).toContainText('Nothing matches')
  await expect(explain).toContainText('“"” (exact text)')
  await screenshot(page, 'search-emoji-none')
})

test('quoted phrases, OR and exclusions, with the syntax in a tooltip', async ({ openApp }) => {
  const page = await openApp()
  const count = page.getByTestId('result-count')
  const search = page.getByTestId('search')
  await expect(search).toHaveAttribute('title', /OR between terms/)
  await page.getByRole('button', { name: 'How search works' }).or(page.getByLabel('How search works')).click()
  await expect(page.getByTestId('search-help')).toBeVisible()
  await expect(page.getByTestId('search-help')).toContainText('-video')
  await screenshot(page, 'search-help')

  await search.fill('"at the beach"')
  await expect(count).toHaveText('2 items')
  await search.fill('"the beach at"')
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await search.fill('sunset OR protected')
  await expect(count).toHaveText('3 items')
  await expect(page.getByTestId('search-explain')).toContainText('(sunset… or protected…)')
  await search.fill('set -archive')
  await expect(count).toHaveText('2 items')
  await expect(page.getByTestId('search-explain')).toContainText('without archive…')
  await search.fill('set')
  await expect(count).not.toHaveText('2 items')
})

test('the viewer highlights what the search matched in the message', async ({ openApp }) => {
  const page = await openApp('#/media?q=beach%20%F0%9F%8C%85')
  await expect(page.getByTestId('result-count')).toHaveText('2 items')
  await page.getByTestId('media-cell').first().dblclick()
  const hits = page.getByTestId('metadata-text').getByTestId('search-hit')
  await expect(hits).toHaveText(['beach', '🌅'])
  await expect(page.getByTestId('metadata-text')).toHaveText('Sunset at the beach 🌅 just for you')
  await screenshot(page, 'viewer-search-hits')
})

test('a short word with more completions than a search covers says so, and more letters lift it', async ({
  openApp,
}) => {
  // The bulk chat's messages are "Archive set 1" … "Archive set 4000": "1" starts over a thousand
  // different words, "123" eleven.
  const page = await openApp()
  const explain = page.getByTestId('search-explain')
  await page.getByTestId('search').fill('1')
  await expect(explain).toContainText(cappedNote)
  await expect(page.getByTestId('result-count')).not.toHaveText(/^0 items$/)
  await page.getByTestId('search').fill('123')
  await expect(explain).toContainText('123')
  await expect(explain).not.toContainText(cappedNote)

  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  const box = page.getByTestId('chat-search')
  await box.fill('12')
  await box.press('Enter')
  await expect(page.getByTestId('chat-search-count')).toContainText(cappedNote)
  await box.fill('123')
  await box.press('Enter')
  await expect(page.getByTestId('chat-search-count')).toHaveText('1 of 11')
})
