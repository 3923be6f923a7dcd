// Sync runs stay "running" in the catalog when their process is killed (kill -9, a crash, a power
// cut). Whether the process is gone is the account lock's answer: a run whose account no live
// process holds is marked interrupted. The app and serve ask at start-up; a sync asks for its own
// account when it takes the lock (account-session.ts), which covers CLI-only use.
import type { Catalog } from '../catalog/catalog'
import { accountLockHolder } from './account-lock'

/** Marks interrupted the running runs of every account no live process is syncing; returns how many. */
export async function markDeadRunsInterrupted(catalog: Catalog, dataDir: string): Promise<number> {
  let marked = 0
  for (const { accountId, provider, externalId } of catalog.syncRuns.runningAccounts()) {
    if ((await accountLockHolder(dataDir, provider, externalId)) === null)
      marked += catalog.syncRuns.markInterrupted(accountId)
  }
  return marked
}
