// What the gallery bench asks the page. Written as source strings because the bench is compiled
// against Node's types, not the DOM's; each runs inside Chromium.

/** Installed before any page script: stamps when the first real grid cell exists and is painted. */
export const firstCellProbe = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="media-cell"]')) return
    observer.disconnect()
    const found = performance.now()
    requestAnimationFrame(() => setTimeout(() => { window.__chatkeepFirstCell = { found, painted: performance.now() } }, 0))
  })
  observer.observe(document, { childList: true, subtree: true })
})()`

export interface FirstCell {
  readonly found: number
  readonly painted: number
}

export const readFirstCell = `window.__chatkeepFirstCell ?? null`

export interface PageSample {
  readonly domNodes: number
  /** Elements inside the grid alone: the virtualised part. */
  readonly gridNodes: number
  readonly cells: number
  readonly placeholders: number
  readonly scrollTop: number
  readonly scrollHeight: number
  readonly clientHeight: number
  readonly lastRowIndex: number
}

export const samplePage = `(() => {
  const grid = document.querySelector('[data-testid="media-grid"]')
  const rows = grid ? [...grid.querySelectorAll('[role="row"]')] : []
  const last = rows.map((r) => Number(r.getAttribute('aria-rowindex') ?? 0)).reduce((a, b) => Math.max(a, b), 0)
  return {
    domNodes: document.querySelectorAll('*').length,
    gridNodes: grid ? grid.querySelectorAll('*').length : 0,
    cells: document.querySelectorAll('[data-testid="media-cell"]').length,
    placeholders: document.querySelectorAll('.is-placeholder').length,
    scrollTop: grid ? grid.scrollTop : 0,
    scrollHeight: grid ? grid.scrollHeight : 0,
    clientHeight: grid ? grid.clientHeight : 0,
    lastRowIndex: last,
  }
})()`

/** Resolves after two animation frames: what was rendered has been painted. */
export const afterPaint = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))`

/** True once the visible rows have their data (no placeholders left). */
export const settled = `document.querySelectorAll('[data-testid="media-cell"]').length > 0 && document.querySelectorAll('.is-placeholder').length === 0`

export const gridRowCount = `Number(document.querySelector('[data-testid="media-grid"]')?.getAttribute('aria-rowcount') ?? 0)`

/** Polls a page expression until truthy. Not waitForFunction: the app's CSP forbids its eval. */
export async function waitForExpression(
  page: { evaluate(expression: string): Promise<unknown> },
  expression: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!(await page.evaluate(expression))) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression.slice(0, 80)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface LoadEntry {
  readonly name: string
  readonly start: number
  readonly end: number
}

/** Every resource of the load so far (scripts, styles, API calls), in ms after navigation start. */
export const loadTimeline = `[
  ...performance.getEntriesByType('navigation').map((e) => ({ name: 'document', start: e.startTime, end: e.responseEnd })),
  ...performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
]`
