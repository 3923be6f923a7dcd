// The seeded 1M catalog is cached between runs under the OS temp dir, keyed by the schema version
// and this seeder's version, so the slow part runs once per machine and schema.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { latestVersion } from '../../../src/main/catalog/migrations'
import { bulkSeed, type BulkSeedResult } from './bulk-seed'

/** Bump when bulk-seed.ts changes what it writes. */
const seederVersion = 1

export interface CachedCatalog {
  readonly dataDir: string
  /** The seeding run's numbers (from the run that built the cache). */
  readonly seed: BulkSeedResult
  readonly fromCache: boolean
}

export function cachedCatalogDir(media: number): string {
  return join(tmpdir(), `chatkeep-bench-catalog-schema${latestVersion}-seed${seederVersion}-${media}`)
}

export function ensureSeededCatalog(
  media: number,
  options: { readonly fresh?: boolean } = {},
): CachedCatalog {
  const dataDir = cachedCatalogDir(media)
  const marker = join(dataDir, 'seeded.json')
  if (!options.fresh && existsSync(marker)) {
    return { dataDir, seed: JSON.parse(readFileSync(marker, 'utf8')) as BulkSeedResult, fromCache: true }
  }
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const seed = bulkSeed(dataDir, { media })
  writeFileSync(marker, JSON.stringify(seed))
  return { dataDir, seed, fromCache: false }
}
