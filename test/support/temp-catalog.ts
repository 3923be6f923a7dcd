// A catalog in a fresh temp data folder, for tests that open one directly.
import { afterEach, beforeEach } from 'vitest'
import { openCatalog, type Catalog } from '../../src/main/catalog/catalog'
import { tempDir } from './temp-dir'

export interface TempCatalog {
  /** The data folder. */
  readonly path: string
  readonly catalog: Catalog
  /** Closes the catalog, then removes the folder (for afterEach or a cleanup list). */
  remove(): void
}

export function tempCatalog(): TempCatalog {
  const dir = tempDir()
  const catalog = openCatalog(dir.path)
  return {
    path: dir.path,
    catalog,
    remove: () => {
      catalog.close()
      dir.remove()
    },
  }
}

/** A fresh catalog for each test of the calling file, handed to `use` before the test runs. */
export function eachTestCatalog(use: (catalog: Catalog) => void): void {
  let temp: TempCatalog | undefined
  beforeEach(() => {
    temp = tempCatalog()
    use(temp.catalog)
  })
  afterEach(() => temp?.remove())
}
