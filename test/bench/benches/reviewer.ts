// The chat reviewer on a 100,000-message chat in Chromium, through serve: time from opening the
// chat (from another screen of the running app) to its newest messages painted, and from "Go to
// date" to that date's first message painted; then DOM size while wheeling through thousands of
// messages both ways. The reference is the chat:page request itself (the page the reviewer shows
// first, timed by the browser): what is left is the renderer's own work.
import { chromium, type Page } from '@playwright/test'
import { join } from 'node:path'
import { hasFlag, sendResult } from '../lib/child'
import { conversationStart, conversationStepMs, seedConversation } from '../lib/reviewer-seed'
import { atMost, info, round, type BenchReport } from '../lib/report'
import { buildRendererInto, startServe } from '../lib/serve'
import { percentile } from '../lib/stats'
import { removeDir, scratchDir } from '../lib/temp'
import { chromiumLaunchOptions } from '../../support/chromium'

const quick = hasFlag(process.argv, '--quick')
const messages = quick ? 20_000 : 100_000
const rounds = quick ? 5 : 11
const wheelSteps = quick ? 60 : 200

interface Opened {
  /** From the trigger to the first matching row in the DOM, and to the frame after it painted. */
  readonly found: number
  readonly painted: number
  /** The last chat:page request's duration as the browser timed it. */
  readonly api: number
}

/**
 * In the page: runs `trigger`, then waits for a message row whose text starts with `prefix` (any
 * message when empty) and the frame that paints it. A source string: the bench is compiled against
 * Node's types, and CDP evaluation is not subject to the app's CSP.
 */
function timeOpen(trigger: string, prefix: string): string {
  return `new Promise((resolve) => {
    const match = () => [...document.querySelectorAll('[data-testid="message-text"]')].some((el) => el.textContent.startsWith(${JSON.stringify(prefix)}))
    const t0 = performance.now()
    const done = () => {
      const found = performance.now() - t0
      requestAnimationFrame(() => setTimeout(() => {
        const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/chat:page')).at(-1)
        resolve({ found, painted: performance.now() - t0, api: api ? api.responseEnd - api.startTime : -1 })
      }, 0))
    }
    const observer = new MutationObserver(() => { if (match()) { observer.disconnect(); done() } })
    observer.observe(document, { childList: true, subtree: true })
    ${trigger}
  })`
}

const domElements = `document.querySelectorAll('*').length`
const messageRows = `document.querySelectorAll('[data-testid="message"]').length`
const shownNumbers = `[...document.querySelectorAll('[data-testid="message-text"]')].map((el) => Number(/^msg (\\d+):/.exec(el.textContent)?.[1] ?? -1))`

async function waitFor(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await page.evaluate(expression))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${expression.slice(0, 80)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`)
}

/** Wheels the timeline `steps` viewports in `direction`, sampling DOM size every few steps. */
async function wheel(
  page: Page,
  steps: number,
  direction: 1 | -1,
): Promise<{ maxDom: number; maxRows: number; numbers: number[] }> {
  const box = await page.getByTestId('timeline').boundingBox()
  if (!box) throw new Error('no timeline')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  let maxDom = 0
  let maxRows = 0
  const numbers: number[] = []
  for (let step = 1; step <= steps; step += 1) {
    await page.mouse.wheel(0, direction * box.height * 0.9)
    if (step % 5 === 0) {
      await settle(page)
      maxDom = Math.max(maxDom, (await page.evaluate(domElements)) as number)
      maxRows = Math.max(maxRows, (await page.evaluate(messageRows)) as number)
      numbers.push(...((await page.evaluate(shownNumbers)) as number[]))
    }
  }
  return { maxDom, maxRows, numbers }
}

const dir = scratchDir('reviewer')
const rendererDir = join(scratchDir('renderer'), 'out')
try {
  const dataDir = join(dir, 'data')
  const seed = seedConversation(dataDir, messages)
  await buildRendererInto(rendererDir)
  const serve = await startServe(dataDir, rendererDir)
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    // UTC: "Go to date" means midnight UTC, so the first message of a date is known here.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' })
    const origin = new URL(serve.url).origin
    await page.goto(serve.url)
    await waitFor(page, `document.querySelector('[data-testid="stat-media"]')?.textContent !== '…'`)
    const chatHash = `#/chat/${seed.chatId}`
    const newest = messages - 1

    // Opening at the newest: from Settings (so nothing of the chat is on the page) to the chat.
    const atNewest: Opened[] = []
    for (let round = 0; round < rounds; round += 1) {
      await page.evaluate(`location.hash = '#/settings'`)
      await waitFor(
        page,
        `!!document.querySelector('[data-testid="accounts-card"]') && !document.querySelector('[data-testid="timeline"]')`,
      )
      await settle(page)
      atNewest.push(
        (await page.evaluate(
          timeOpen(`location.hash = ${JSON.stringify(chatHash)}`, `msg ${newest}:`),
        )) as Opened,
      )
    }

    // Opening at a date: "Go to date" in the open chat, a different date each round.
    const atDate: Opened[] = []
    const span = messages * conversationStepMs
    for (let round = 0; round < rounds; round += 1) {
      const day = new Date(conversationStart + ((round + 0.5) / rounds) * span)
      const ymd = day.toISOString().slice(0, 10)
      const first = Math.ceil((Date.parse(`${ymd}T00:00:00.000Z`) - conversationStart) / conversationStepMs)
      await page.getByTestId('chat-jump-date').fill(ymd)
      await settle(page)
      atDate.push(
        (await page.evaluate(
          timeOpen(`document.querySelector('[data-testid="chat-jump-go"]').click()`, `msg ${first}:`),
        )) as Opened,
      )
    }

    // Scrolling: from the newest up through older pages, then from a date down through newer ones.
    await page.getByTestId('chat-jump-newest').click()
    await waitFor(page, `${shownNumbers}.includes(${newest})`)
    const up = await wheel(page, wheelSteps, -1)
    await page.getByTestId('chat-jump-date').fill('2021-01-01')
    await page.getByTestId('chat-jump-go').click()
    await settle(page)
    const down = await wheel(page, wheelSteps, 1)
    const walked = (numbers: number[]): number => {
      const valid = numbers.filter((n) => n >= 0)
      return valid.length ? Math.max(...valid) - Math.min(...valid) : 0
    }

    const median = (list: Opened[], key: keyof Opened): number =>
      percentile(
        list.map((o) => o[key]),
        50,
      )
    const worst = (list: Opened[], key: keyof Opened): number => Math.max(...list.map((o) => o[key]))
    const newestPaint = median(atNewest, 'painted')
    const datePaint = median(atDate, 'painted')
    const report: BenchReport = {
      bench: 'reviewer',
      metrics: [
        atMost(
          `reviewer ${messages / 1000}k-message chat: open at newest → painted (median)`,
          round(newestPaint, 0),
          'ms',
          200,
        ),
        atMost(
          `reviewer ${messages / 1000}k-message chat: go to a date → painted (median)`,
          round(datePaint, 0),
          'ms',
          200,
        ),
        atMost(
          'reviewer: max DOM elements while scrolling',
          Math.max(up.maxDom, down.maxDom),
          'elements',
          1500,
        ),
        info(
          'reviewer: open at newest ÷ its chat:page request',
          round(newestPaint / Math.max(1, median(atNewest, 'api')), 1),
          '×',
        ),
        info(
          'reviewer: go to date ÷ its chat:page request',
          round(datePaint / Math.max(1, median(atDate, 'api')), 1),
          '×',
        ),
      ],
      notes: [
        `${messages} messages in one chat (seeded in ${round(seed.seedMs / 1000, 1)} s), ${rounds} rounds each; serve ready in ${round(serve.startMs / 1000, 1)} s at ${origin}`,
        `open at newest: painted median ${round(newestPaint, 0)} ms, worst ${round(worst(atNewest, 'painted'), 0)} ms; in DOM median ${round(median(atNewest, 'found'), 0)} ms; chat:page request median ${round(median(atNewest, 'api'), 1)} ms`,
        `go to date: painted median ${round(datePaint, 0)} ms, worst ${round(worst(atDate, 'painted'), 0)} ms; in DOM median ${round(median(atDate, 'found'), 0)} ms; chat:page request median ${round(median(atDate, 'api'), 1)} ms`,
        `scrolling ${wheelSteps} wheel steps of 0.9 viewport each way: up walked ${walked(up.numbers)} messages (DOM ≤ ${up.maxDom} elements, ≤ ${up.maxRows} message rows), down walked ${walked(down.numbers)} (DOM ≤ ${down.maxDom}, ≤ ${down.maxRows} rows); the whole chat rendered at once would be ~${messages * 8} elements`,
      ],
    }
    await sendResult(report)
  } finally {
    await browser.close()
    await serve.close()
  }
} finally {
  removeDir(dir)
  removeDir(join(rendererDir, '..'))
}
