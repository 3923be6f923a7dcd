// One real sync (adapter + queue + fetch-to-file + hashing + catalog writes) in its own process, so
// its wall time, CPU and peak RSS are the syncing code's only; the fake server lives in the parent.
import { performance } from 'node:perf_hooks'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync, type SyncSummary } from '../../../src/main/sync/run-sync'
import type { ProviderId } from '../../../src/shared/domain'
import { sendResult } from '../lib/child'

export interface SyncWorkerInput {
  readonly baseUrl: string
  readonly apiKey: string
  readonly provider: ProviderId
  readonly account: string
  readonly connectionId?: string
  readonly dataDir: string
  readonly concurrency: number
}

export interface SyncWorkerOutput {
  readonly summary: SyncSummary
  /** Wall time of runSync alone (imports and catalog opening excluded). */
  readonly elapsedMs: number
  readonly cpuUserMs: number
  readonly cpuSystemMs: number
  /** Peak resident set of this process over its whole life, in bytes. */
  readonly maxRssBytes: number
  /** RSS just before the sync started: what the process costs before any download. */
  readonly rssBeforeBytes: number
}

const input = JSON.parse(process.argv[2] ?? '{}') as SyncWorkerInput
const catalog = openCatalog(input.dataDir)
const store = await FileStore.open(input.dataDir)
const adapter = createAdapter(input.provider, { apiKey: input.apiKey, baseUrl: input.baseUrl })
const rssBeforeBytes = process.memoryUsage().rss
const cpuBefore = process.cpuUsage()
const started = performance.now()
const summary = await runSync(
  {
    provider: input.provider,
    account: input.account,
    ...(input.connectionId ? { connectionId: input.connectionId } : {}),
    concurrency: input.concurrency,
  },
  { catalog, store, adapter },
)
const elapsedMs = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
catalog.close()
const output: SyncWorkerOutput = {
  summary,
  elapsedMs,
  cpuUserMs: cpu.user / 1000,
  cpuSystemMs: cpu.system / 1000,
  // resourceUsage().maxRSS is in kilobytes.
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  rssBeforeBytes,
}
await sendResult(output)
