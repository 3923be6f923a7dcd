// Contract-shaped media rows made up on the spot, for renderer tests that answer media:search and
// media:get themselves (Playwright routes) to reach sizes or answers no seeded catalog gives.
import type { Page } from '@playwright/test'
import type { MediaRow } from '../../../src/shared/contract'

const types = ['photo', 'video', 'audio', 'gif'] as const

/** The item at `index` of a made-up result list (its id is index + 1). */
export function syntheticRow(index: number): MediaRow {
  return {
    id: index + 1,
    provider: 'onlyfansapi',
    accountId: 1,
    chatId: 1 + (index % 50),
    chatLabel: `Fan ${1 + (index % 50)}`,
    messageId: index + 1,
    type: types[index % types.length] ?? 'photo',
    status: 'pending',
    createdAt: new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString(),
    text: `Synthetic item ${index}`,
    price: index % 7 === 0 ? 5 : null,
    width: null,
    height: null,
    durationSec: index % 4 === 1 ? 30 : null,
    size: 1000 + index,
    hasThumb: false,
    hasFile: false,
  }
}

/** media:get's answer for a synthetic row. */
export function syntheticDetail(id: number): Readonly<Record<string, unknown>> {
  return {
    ...syntheticRow(id - 1),
    providerMediaId: `p${id}`,
    accessRules: [],
    sha256: null,
    mime: null,
    messages: [],
    lastError: null,
  }
}

export interface SearchAnswer {
  readonly total: number
  readonly rows: readonly MediaRow[]
  readonly totalIsLowerBound?: boolean
}

/** Answers media:search with `answer(offset, limit)` and media:get with synthetic details. */
export async function routeSyntheticMedia(
  page: Page,
  answer: (offset: number, limit: number) => SearchAnswer,
): Promise<void> {
  await page.route('**/api/media:search', async (route) => {
    const input = route.request().postDataJSON() as { offset?: number; limit?: number }
    await route.fulfill({ json: { ok: true, value: answer(input.offset ?? 0, input.limit ?? 200) } })
  })
  await page.route('**/api/media:get', async (route) => {
    const { id } = route.request().postDataJSON() as { id: number }
    await route.fulfill({ json: { ok: true, value: syntheticDetail(id) } })
  })
}
