// The set-up every download test file shares: fake CDN hosts started once for the file, and for
// each test a fresh data folder with its file store (host counters reset, folder removed after).
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { FileStore } from '../../../src/main/store/file-store'
import { startCdnServer, type CdnServer } from './cdn-server'

export interface DownloadWorld {
  readonly dataDir: string
  readonly store: FileStore
  readonly hosts: readonly CdnServer[]
  /** The `index`th host (from 0); throws where the file asked for fewer. */
  host(index: number): CdnServer
}

/** Registers the hooks; `use` gets each test's world before the test runs. */
export function downloadWorldEachTest(
  prefix: string,
  hostCount: number,
  use: (world: DownloadWorld) => void,
): void {
  const hosts: CdnServer[] = []
  let dataDir = ''
  beforeAll(async () => {
    hosts.push(...(await Promise.all(Array.from({ length: hostCount }, () => startCdnServer()))))
  })
  afterAll(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()))
  })
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), prefix))
    const store = await FileStore.open(dataDir)
    for (const host of hosts) host.resetCounters()
    use({
      dataDir,
      store,
      hosts,
      host: (index) => {
        const host = hosts[index]
        if (!host) throw new Error(`only ${hosts.length} CDN hosts were started`)
        return host
      },
    })
  })
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })
}
