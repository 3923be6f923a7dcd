// The gallery at 1M items in Chromium, through serve: time from navigation to the first grid cell
// painted, then a long wheel scroll and a jump to the end, sampling DOM size and JS heap.
import { chromium, type CDPSession, type Page } from '@playwright/test'
import { join } from 'node:path'
import { hasFlag, sendResult } from '../lib/child'
import { ensureSeededCatalog } from '../lib/catalog-cache'
import {
  afterPaint,
  firstCellProbe,
  gridRowCount,
  loadTimeline,
  type LoadEntry,
  readFirstCell,
  samplePage,
  settled,
  waitForExpression,
  type FirstCell,
  type PageSample,
} from '../lib/browser-probe'
import { atMost, info, MB, round, type BenchReport } from '../lib/report'
import { buildRendererInto, startServe } from '../lib/serve'
import { removeDir, scratchDir } from '../lib/temp'
import { timeFirstLoadCalls } from '../lib/first-load-calls'
import { chromiumLaunchOptions } from '../../support/chromium'

const quick = hasFlag(process.argv, '--quick')
const media = quick ? 100_000 : 1_000_000
const wheelSteps = quick ? 60 : 200

async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return metrics.find((m) => m.name === name)?.value ?? 0
}

const heapBytes = (cdp: CDPSession): Promise<number> => metric(cdp, 'JSHeapUsedSize')

async function sample(page: Page, cdp: CDPSession): Promise<PageSample & { heap: number }> {
  await page.evaluate(afterPaint)
  return { ...((await page.evaluate(samplePage)) as PageSample), heap: await heapBytes(cdp) }
}

const cached = ensureSeededCatalog(media)
const callTimes = timeFirstLoadCalls(cached.dataDir)
const rendererDir = join(scratchDir('renderer'), 'out')
await buildRendererInto(rendererDir)
const serve = await startServe(cached.dataDir, rendererDir)
const browser = await chromium.launch(chromiumLaunchOptions)
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.addInitScript(firstCellProbe)
  const t0 = performance.now()
  await page.goto(serve.url, { waitUntil: 'commit' })
  await waitForExpression(page, readFirstCell, 60_000)
  const wallMs = performance.now() - t0
  const first = (await page.evaluate(readFirstCell)) as FirstCell
  const rows = (await page.evaluate(gridRowCount)) as number
  // The page's own main-thread work up to here (seconds): on a loaded machine the wait is mostly
  // for a core, which this separates from work the page does.
  const taskMs = (await metric(cdp, 'TaskDuration')) * 1000
  const scriptMs = (await metric(cdp, 'ScriptDuration')) * 1000
  // Where the time to first cell went: each request of the load, from navigation start.
  const timeline = (await page.evaluate(loadTimeline)) as LoadEntry[]
  const beforeFirstCell = timeline.filter((entry) => entry.start < first.found)

  const grid = page.getByTestId('media-grid')
  const box = await grid.boundingBox()
  if (!box) throw new Error('no grid on the page')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const samples: (PageSample & { heap: number })[] = [await sample(page, cdp)]
  const scrollStart = performance.now()
  for (let step = 1; step <= wheelSteps; step++) {
    await page.mouse.wheel(0, box.height)
    if (step % 10 === 0) samples.push(await sample(page, cdp))
  }
  const scrollMs = performance.now() - scrollStart
  await waitForExpression(page, settled, 30_000).catch(() => undefined)
  samples.push(await sample(page, cdp))
  // Keyboard End from the grid: the deepest page, i.e. the largest OFFSET the gallery asks for.
  await grid.focus()
  const endStart = performance.now()
  await page.keyboard.press('End')
  await waitForExpression(page, `(${samplePage}).lastRowIndex >= ${rows} && (${settled})`, 60_000)
  const endMs = performance.now() - endStart
  samples.push(await sample(page, cdp))
  const maxNodes = Math.max(...samples.map((s) => s.domNodes))
  const maxHeap = Math.max(...samples.map((s) => s.heap))
  const atEnd = samples[samples.length - 1] as PageSample & { heap: number }
  const wheelEnd = samples[samples.length - 2] as PageSample

  const report: BenchReport = {
    bench: 'gallery',
    metrics: [
      atMost('gallery 1M: navigation → first cell painted', round(first.painted, 0), 'ms', 1000),
      atMost('gallery 1M: max DOM elements while scrolling', maxNodes, 'elements', 1000),
      atMost('gallery 1M: max JS heap while scrolling', round(maxHeap / MB, 1), 'MB', 300),
      info('gallery 1M: End key → last rows loaded', round(endMs, 0), 'ms'),
    ],
    notes: [
      `${media} items (${rows} grid rows); serve ready in ${round(serve.startMs / 1000, 1)} s; first cell in DOM at ${round(first.found, 0)} ms, ` +
        `painted ${round(first.painted, 0)} ms after navigation start (${round(wallMs, 0)} ms wall from goto); ` +
        `page main thread busy ${round(taskMs, 0)} ms of it (script ${round(scriptMs, 0)} ms)`,
      `${wheelSteps} wheel steps of one viewport in ${round(scrollMs / 1000, 1)} s reached scrollTop ${round(wheelEnd.scrollTop, 0)} of ` +
        `${round(wheelEnd.scrollHeight, 0)} px; ${samples.length} samples, DOM ${Math.min(...samples.map((s) => s.domNodes))}–${maxNodes} elements, ` +
        `of which in the grid ${Math.min(...samples.map((s) => s.gridNodes))}–${Math.max(...samples.map((s) => s.gridNodes))}, ` +
        `cells ≤ ${Math.max(...samples.map((s) => s.cells))}; at the end: row ${atEnd.lastRowIndex}/${rows}, heap ${round(atEnd.heap / MB, 1)} MB`,
      `first load, ms after navigation start (start–end): ${beforeFirstCell
        .map((e) => `${e.name.replace(/^.*\/assets\//, 'assets/')} ${round(e.start, 0)}–${round(e.end, 0)}`)
        .join(', ')}`,
      `each first-load call alone in-process on the 1M catalog (first call / warm median): ${callTimes
        .map((c) => `${c.name} ${c.firstMs}/${c.warmMs} ms`)
        .join(', ')}`,
    ],
  }
  await sendResult(report)
} finally {
  await browser.close()
  await serve.close()
  removeDir(join(rendererDir, '..'))
}
