// Keyboard and screen-reader use: axe-core finds no serious or critical violation on any main
// screen in either theme, dialogs keep the focus inside and give it back, a skip link reaches the
// grid, and the chat scrolls by keyboard. Each screen is also kept as a screenshot per theme.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, screenshot, test } from './support/fixtures'
import { bulkMessageCount } from './support/seed'

const themes = ['light', 'dark'] as const
type Theme = (typeof themes)[number]

interface Finding {
  readonly screen: string
  readonly rule: string
  readonly nodes: readonly string[]
}

// Colours are all that differ between the themes: the dark pass checks contrast only, which keeps
// this test about a third shorter.
async function seriousViolations(page: Page, screen: string, theme: Theme): Promise<Finding[]> {
  const builder = new AxeBuilder({ page })
  const result = await (theme === 'dark' ? builder.withRules(['color-contrast']) : builder).analyze()
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      screen,
      rule: violation.id,
      nodes: violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`.slice(0, 300)),
    }))
}

/** Every main screen, in both themes: axe, then a screenshot. */
async function checkScreen(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme })
    findings.push(...(await seriousViolations(page, `${name} (${theme})`, theme)))
    await screenshot(page, `screen-${name}-${theme}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('every main screen passes axe with no serious or critical violations, light and dark', async ({
  openApp,
}) => {
  test.setTimeout(180_000)
  const page = await openApp()
  const findings: Finding[] = []
  await expect(page.getByTestId('media-cell').first()).toBeVisible()
  await checkScreen(page, 'gallery', findings)

  await page.getByTestId('media-grid').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('metadata')).toContainText('Sent by')
  await checkScreen(page, 'viewer', findings)
  await page.keyboard.press('Escape')

  await page.getByTestId('export-button').click()
  await expect(page.getByTestId('export-form')).toBeVisible()
  await expect(page.getByTestId('export-preview').getByRole('listitem').first()).toBeVisible()
  await checkScreen(page, 'export-dialog', findings)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toHaveCount(0)

  await page.getByTestId('chat-link').filter({ hasText: 'Alice Rivers' }).click()
  await expect(page.getByTestId('message')).toHaveCount(7)
  await checkScreen(page, 'chat', findings)

  // Tips, paid and deleted marks, a search hit highlighted.
  await page.getByTestId('chat-link').filter({ hasText: 'Tess Talker' }).click()
  await page.getByTestId('chat-search').fill('recipe')
  await page.getByTestId('chat-search').press('Enter')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()
  await checkScreen(page, 'chat-marks', findings)

  await page.getByTestId('nav-sync').click()
  await expect(page.getByTestId('sync-panel')).toBeVisible()
  await checkScreen(page, 'sync', findings)

  await page.getByTestId('nav-history').click()
  await expect(page.getByTestId('sync-history')).toBeVisible()
  await checkScreen(page, 'sync-history', findings)

  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('accounts-card')).toContainText('Luna')
  await checkScreen(page, 'settings', findings)

  // Opened and dismissed only: the seeded archive is shared with the other tests.
  await page.getByRole('button', { name: 'Remove Nova' }).click()
  const removal = page.getByTestId('remove-account-dialog')
  await expect(removal.getByTestId('removal-counts')).toBeVisible()
  await checkScreen(page, 'remove-account-dialog', findings)
  await removal.getByTestId('remove-delete-archive').check()
  await expect(removal.getByRole('button', { name: 'Delete archive' })).toBeVisible()
  await checkScreen(page, 'remove-account-delete', findings)
  await page.keyboard.press('Escape')
  await expect(removal).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Remove Nova' })).toBeFocused()
  expect(findings).toEqual([])
})

/** Where the focus is, described by test id, role or tag. */
function focusedInside(page: Page, testId: string): Promise<boolean> {
  return page.evaluate(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement) ?? false,
    testId,
  )
}

test('the viewer and the export dialog keep the focus inside and give it back when closed', async ({
  openApp,
}) => {
  const page = await openApp()
  const grid = page.getByTestId('media-grid')
  await grid.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('viewer')).toBeVisible()
  // Tab and Shift+Tab go round the viewer's controls and never reach the page behind it.
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab')
    expect(await focusedInside(page, 'viewer')).toBe(true)
  }
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Shift+Tab')
    expect(await focusedInside(page, 'viewer')).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('viewer')).toHaveCount(0)
  await expect(grid).toBeFocused()

  const exportButton = page.getByTestId('export-button')
  await exportButton.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('export-to')).toBeFocused()
  for (let i = 0; i < 14; i += 1) {
    await page.keyboard.press('Tab')
    expect(await focusedInside(page, 'export-dialog')).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toHaveCount(0)
  await expect(exportButton).toBeFocused()
})

test('a skip link jumps past the sidebar to the grid, and the chat scrolls by keyboard', async ({
  openApp,
}) => {
  const page = await openApp()
  await page.keyboard.press('Tab')
  const skip = page.getByTestId('skip-link')
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('media-grid')).toBeFocused()

  await page.getByTestId('chat-link').filter({ hasText: 'Bulk Collector' }).click()
  const timeline = page.getByTestId('timeline')
  await expect(page.getByTestId('message-text').last()).toBeInViewport()
  // The skip link leads to the conversation here.
  await page.getByTestId('skip-link').focus()
  await page.keyboard.press('Enter')
  await expect(timeline).toBeFocused()
  const bottom = await timeline.evaluate((element) => element.scrollTop)
  await page.keyboard.press('PageUp')
  await expect.poll(() => timeline.evaluate((element) => element.scrollTop)).toBeLessThan(bottom)
  // Home and End go to the chat's first and newest messages, not only the ends of what is loaded.
  await page.keyboard.press('Home')
  await expect(page.getByTestId('message-text').first()).toHaveText('Archive set 1')
  await expect.poll(() => timeline.evaluate((element) => element.scrollTop)).toBe(0)
  await page.keyboard.press('End')
  await expect(page.getByTestId('message-text').last()).toHaveText(`Archive set ${bulkMessageCount()}`)
  await expect(page.getByTestId('message-text').last()).toBeInViewport()
})
