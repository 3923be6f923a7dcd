// One sync of an account at a time, across processes: the desktop app, `serve` and the CLI share
// the data folder, and two syncs of one account would download everything twice and write the
// same temp files. The lock is a claim file in `<data folder>/locks/` (lib/lock-file.ts) naming
// the holder, so a refusal can say who is syncing; a holder killed with kill -9 is taken over.
//
// This is the module the sync service calls: acquire before anything of the account is touched,
// release when the run is over, `holder` to ask without taking it.
import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import path from 'node:path'
import type { ProviderId } from '../../shared/domain'
import { acquireLock, lockHolder, type HeldLock, type LockHolder } from '../lib/lock-file'

export type { HeldLock, LockHolder }

export const locksFolder = 'locks'

/**
 * A file-name-safe name for an account, stable across processes: provider ids are plain, account
 * ids come from the user or a provider, so they are hashed. Also names the account's temp area.
 */
export function accountKey(provider: ProviderId, account: string): string {
  return `${provider}-${createHash('sha256').update(`${provider}\0${account}`).digest('hex').slice(0, 16)}`
}

function when(iso: string, now: Date): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const time = at.toTimeString().slice(0, 5)
  return at.toDateString() === now.toDateString() ? time : `${at.toISOString().slice(0, 10)} ${time}`
}

/** The account is being synced by another process (or another sync in this one). */
export class AccountBusyError extends Error {
  constructor(
    readonly account: string,
    readonly holder: LockHolder,
    now: Date = new Date(),
  ) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`
    super(
      `${account} is being synced by pid ${holder.pid}${where} (${holder.command}, since ${when(holder.startedAt, now)}): ` +
        `wait for it or stop it. (If that process is not Chatkeep, delete ${holder.file}.)`,
    )
    this.name = 'AccountBusyError'
  }
}

export interface AccountLockOptions {
  /** How the holder is described to a process that is refused: "chatkeep sync", "the Chatkeep app". */
  readonly command: string
}

/** Takes the account's sync lock, or throws AccountBusyError naming the holder. */
export async function acquireAccountLock(
  dataDir: string,
  provider: ProviderId,
  account: string,
  options: AccountLockOptions,
): Promise<HeldLock> {
  const attempt = await acquireLock(path.join(dataDir, locksFolder), accountKey(provider, account), {
    command: options.command,
  })
  if (!attempt.acquired) throw new AccountBusyError(account, attempt.holder)
  return attempt.lock
}

/** The live process syncing the account, or null. */
export function accountLockHolder(
  dataDir: string,
  provider: ProviderId,
  account: string,
): Promise<LockHolder | null> {
  return lockHolder(path.join(dataDir, locksFolder), accountKey(provider, account))
}
