// What a sync does to an account before its first request and after its last: take the account's
// lock (account-lock.ts), mark runs left "running" by a dead process interrupted, and give the run
// the account's temp area with the temp files no download can resume removed (store/temp-area.ts
// says what "stale" means). Holding the lock is what makes the clean-up safe: no other process
// writes to that area while this one holds it.
import type { ProviderId } from '../../shared/domain'
import type { Catalog } from '../catalog/catalog'
import type { FileStore } from '../store/file-store'
import { accountKey, acquireAccountLock } from './account-lock'
import { downloadKey } from './download-job'

export interface AccountSessionRequest {
  readonly catalog: Catalog
  readonly store: FileStore
  readonly provider: ProviderId
  readonly account: string
  /** How this process is named to one that is refused: "chatkeep sync", "the Chatkeep app". */
  readonly command: string
}

export interface AccountSession {
  /** The store, with temp files in this account's area. */
  readonly store: FileStore
  /** Runs of this account that a dead process left marked running, now marked interrupted. */
  readonly interruptedRuns: number
  /** Stale temp files removed at the start. */
  readonly staleTemps: number
  /** Drops the temp area if nothing is left to resume, and releases the lock. */
  end(): Promise<void>
}

/** Starts an account's sync; throws AccountBusyError when another process (or sync) holds it. */
export async function beginAccountSession(request: AccountSessionRequest): Promise<AccountSession> {
  const { catalog, provider, account } = request
  const lock = await acquireAccountLock(request.store.dataDir, provider, account, {
    command: request.command,
  })
  try {
    const row = catalog.accounts.get(provider, account)
    // Whoever left these running is gone: it would hold the lock we now hold.
    const interruptedRuns = row ? catalog.syncRuns.markInterrupted(row.id) : 0
    const store = await request.store.tempArea(accountKey(provider, account))
    const live = function* (): Generator<string> {
      if (!row) return
      for (const job of catalog.jobs.unfinishedForAccount(row.id))
        yield downloadKey(provider, account, job.providerMediaId, job.kind)
    }
    const staleTemps = await store.removeStaleTemps(live())
    return {
      store,
      interruptedRuns,
      staleTemps,
      async end() {
        try {
          await store.removeTempAreaIfEmpty()
        } finally {
          await lock.release()
        }
      },
    }
  } catch (error) {
    await lock.release()
    throw error
  }
}
