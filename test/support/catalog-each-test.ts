// A fresh catalog in a fresh temp folder for each test of a file, closed and removed after it
// (vitest only).
import { afterEach, beforeEach } from 'vitest'
import { openCatalog, type Catalog } from '../../src/main/catalog/catalog'
import { tempDir } from './temp-dir'

/**
 * Registers the hooks; `onOpen` receives each test's catalog and its data folder before the test
 * runs. A test that reopens the folder says so through `current`, whose catalog is closed too.
 */
export function catalogEachTest(
  onOpen: (catalog: Catalog, dataDir: string) => void,
  current?: () => Catalog,
): void {
  let dir: ReturnType<typeof tempDir> | undefined
  let catalog: Catalog | undefined
  beforeEach(() => {
    dir = tempDir()
    catalog = openCatalog(dir.path)
    onOpen(catalog, dir.path)
  })
  afterEach(() => {
    current?.().close()
    catalog?.close()
    dir?.remove()
  })
}
