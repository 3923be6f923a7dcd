// Starts the sync worker against a running fake and returns what it measured.
import { join } from 'node:path'
import type { FakeProviders } from '../../fake-providers/server'
import type { SyncWorkerInput, SyncWorkerOutput } from '../workers/sync-worker'
import { runTsChild } from './child'
import { providerAccounts } from './fake'
import type { ProviderId } from '../../../src/shared/domain'

export interface SyncChildOptions {
  readonly provider?: ProviderId
  readonly dataDir: string
  readonly concurrency?: number
  readonly perHostConcurrency?: number
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
    perHostConcurrency: options.perHostConcurrency ?? 16,
  }
  return runTsChild<SyncWorkerOutput>(worker, {
    args: [JSON.stringify(input)],
    ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
    timeoutMs: options.timeoutMs ?? 300_000,
  })
}
