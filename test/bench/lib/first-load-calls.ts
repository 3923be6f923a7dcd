// What each of the gallery's first-load requests costs on the 1M catalog by itself, timed in this
// process on a fresh connection (first call: SQLite's page cache empty, the OS file cache warm from
// the seed; then the median of 5 warm calls). serve answers one request at a time, so in the browser
// these add up; the row count the gallery's total used to take is timed alongside for reference.
import { openCatalog } from '../../../src/main/catalog/catalog'
import { mediaQuerySchema } from '../../../src/shared/contract'
import { percentile } from './stats'
import { round } from './report'

export interface CallTiming {
  readonly name: string
  readonly firstMs: number
  readonly warmMs: number
}

function time(run: () => unknown): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

export function timeFirstLoadCalls(dataDir: string): readonly CallTiming[] {
  const catalog = openCatalog(dataDir, { readonly: true })
  try {
    // A new query object each call: the gallery caches a total per filter and catalog version.
    const firstPage = (): unknown => catalog.gallery.search(mediaQuerySchema.parse({}))
    const calls: ReadonlyArray<readonly [string, () => unknown]> = [
      ['media:search (newest, 200, total)', firstPage],
      ['catalog:stats', () => catalog.stats.stats()],
      ['accounts:list', () => catalog.accounts.list()],
      ['chats:list', () => catalog.chats.summaries()],
      ['reference: SELECT count(*) FROM media', () => catalog.db.prepare('SELECT count(*) FROM media').get()],
    ]
    return calls.map(([name, run]) => {
      const firstMs = time(run)
      // Warm search calls find their total in the gallery's cache (the catalog did not change).
      const warm = Array.from({ length: 5 }, () => time(run))
      return { name, firstMs: round(firstMs, 1), warmMs: round(percentile(warm, 50), 1) }
    })
  } finally {
    catalog.close()
  }
}
