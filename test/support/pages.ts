// Every item of a paged list, through the app's one paging loop (so tests page the way the sync does).
import { pageThrough } from '../../src/main/providers/paging'
import type { Page, PageCursor } from '../../src/main/providers/types'
import type { ProviderId } from '../../src/shared/domain'

export async function allItems<T extends { readonly id: string }>(
  provider: ProviderId,
  fetchPage: (cursor: PageCursor | null) => Promise<Page<T>>,
  maxPages = 1_000,
): Promise<T[]> {
  const items: T[] = []
  for await (const page of pageThrough(fetchPage, { provider, what: 'test', keyOf: (i) => i.id, maxPages }))
    items.push(...page.items)
  return items
}
