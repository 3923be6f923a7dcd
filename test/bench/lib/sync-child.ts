// Starts the sync worker against a running fake and returns what it measured.
import { join } from 'node:path'
import { threadPoolSize } from '../../../src/main/threadpool'
import { hotSpots } from './cpuprofile'
import type { FakeProviders } from '../../fake-providers/server'
import type { SyncWorkerInput, SyncWorkerOutput } from '../workers/sync-worker'
import { runTsChild } from './child'
import { providerAccounts } from './fake'
import { round } from './report'
import { removeDir, scratchDir, withScratch } from './temp'
import type { ProviderId } from '../../../src/shared/domain'

export interface SyncChildOptions {
  readonly provider?: ProviderId
  readonly dataDir: string
  readonly concurrency?: number
  readonly nodeFlags?: readonly string[]
  readonly timeoutMs?: number
}

const worker = join(import.meta.dirname, '..', 'workers', 'sync-worker.ts')

export function syncInChild(fake: FakeProviders, options: SyncChildOptions): Promise<SyncWorkerOutput> {
  const provider = options.provider ?? 'ofauth'
  const account = providerAccounts[provider]
  const input: SyncWorkerInput = {
    baseUrl: fake.url,
    apiKey: fake.keys[provider],
    provider,
    account: account.account,
    ...(account.connectionId ? { connectionId: account.connectionId } : {}),
    dataDir: options.dataDir,
    concurrency: options.concurrency ?? 16,
  }
  return runTsChild<SyncWorkerOutput>(worker, {
    args: [JSON.stringify(input)],
    // What the Electron main process sets for itself (src/main/threadpool.ts); under tsx it has to
    // come from the environment.
    env: { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(threadPoolSize) },
    ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
    timeoutMs: options.timeoutMs ?? 300_000,
  })
}

/** An extra, unmeasured sync under --cpu-prof: one line saying where the worker's CPU time went. */
export async function profiledSync(
  fake: FakeProviders,
  options: Omit<SyncChildOptions, 'dataDir' | 'nodeFlags'> = {},
): Promise<string> {
  const profileDir = scratchDir('cpuprof')
  try {
    const out = await withScratch('prof', (dataDir) =>
      syncInChild(fake, { ...options, dataDir, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] }),
    )
    const spots = hotSpots(profileDir)
    const cpu = (out.cpuUserMs + out.cpuSystemMs) / 1000
    return (
      `profiled sync (${round(out.elapsedMs / 1000)} s wall, ${round(cpu)} s CPU), self time top ${spots.length}: ` +
      spots.map((s) => `${s.name} ${round(s.selfMs, 0)} ms (${round(s.share * 100, 1)}%)`).join('; ')
    )
  } finally {
    removeDir(profileDir)
  }
}
