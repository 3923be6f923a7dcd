// What opening a catalog will announce, read before it runs (db.ts pendingNotices): exactly the
// notices the upgrade then gives, nothing for a new, small, current or unreadable catalog, and the
// catalog is not touched by asking.
import { writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { catalogPath, openCatalog, pendingUpgradeNotices } from '../../../src/main/catalog/catalog'
import { schemaVersion } from '../../../src/main/catalog/db'
import { writeSchema7Catalog } from '../../support/old-catalog'
import { tempDir } from '../../support/temp-dir'

const dirs: Array<{ remove(): void }> = []
afterEach(() => dirs.splice(0).forEach((d) => d.remove()))

function dataDir(): string {
  const dir = tempDir()
  dirs.push(dir)
  return dir.path
}

function schema7(newestId: number): string {
  const dir = dataDir()
  writeSchema7Catalog(dir, newestId)
  return dir
}

function announced(dir: string): string[] {
  const said: string[] = []
  openCatalog(dir, { onNotice: (line) => void said.push(line) }).close()
  return said
}

describe('pendingUpgradeNotices', () => {
  it('lists what the upgrade of a big catalog will say, without upgrading it', () => {
    const dir = schema7(100_000)
    const pending = pendingUpgradeNotices(dir)
    expect(pending.length).toBeGreaterThan(0)
    expect(pending[0]).toMatch(/^Upgrading the catalog .*: Rebuilding the search index once/)
    const db = new Database(catalogPath(dir), { readonly: true })
    expect(schemaVersion(db)).toBe(7)
    db.close()
    expect(announced(dir)).toEqual(pending)
    expect(pendingUpgradeNotices(dir)).toEqual([])
  })

  it('lists nothing for a small, a new, a missing or a damaged catalog', () => {
    expect(pendingUpgradeNotices(schema7(99))).toEqual([])
    const fresh = dataDir()
    expect(pendingUpgradeNotices(fresh)).toEqual([])
    openCatalog(fresh).close()
    expect(pendingUpgradeNotices(fresh)).toEqual([])
    const damaged = dataDir()
    writeFileSync(catalogPath(damaged), 'not a database at all, just text'.repeat(200))
    expect(pendingUpgradeNotices(damaged)).toEqual([])
  })
})
