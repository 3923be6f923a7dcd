// One sync of an account at a time. The sync service takes the account through this seam before
// anything of it is touched and gives it back when the run is over. In one process the memory
// lock below is enough (the app's "Sync now" while the account runs just returns that job);
// across processes (two terminals, the app and the CLI) a lock file in the data folder takes its
// place, behind the same interface: a second sync is refused with one line naming the holder.
import type { ProviderId } from '../../shared/domain'

export interface LockedAccount {
  readonly provider: ProviderId
  /** The provider's account id. */
  readonly account: string
}

/** Gives the account back; safe to call once the run is over, whatever happened. */
export type ReleaseAccount = () => Promise<void>

export interface AccountLock {
  /**
   * Takes the account for one run. `command` names this process to one that is refused
   * ("chatkeep sync", "the Chatkeep app"). Throws AccountHeldError when another run holds it.
   */
  acquire(account: LockedAccount, command: string): Promise<ReleaseAccount>
}

/** The account is being synced elsewhere; the message is the one line to show. */
export class AccountHeldError extends Error {
  constructor(
    account: LockedAccount,
    /** Who holds it: "pid 4242 (chatkeep sync)". */
    readonly holder: string,
  ) {
    super(
      `${account.provider} ${account.account} is being synced by ${holder}: wait for it to finish or stop it.`,
    )
    this.name = 'AccountHeldError'
  }
}

/** The in-process lock: enough where one process owns the data folder (and in tests). */
export function createMemoryAccountLock(pid: number = process.pid): AccountLock {
  const held = new Map<string, string>()
  return {
    async acquire(account, command) {
      const key = `${account.provider}\0${account.account}`
      const holder = held.get(key)
      if (holder !== undefined) throw new AccountHeldError(account, holder)
      held.set(key, `pid ${pid} (${command})`)
      let released = false
      return async () => {
        if (released) return
        released = true
        held.delete(key)
      }
    },
  }
}

const thisProcess = createMemoryAccountLock()

/**
 * The lock every entry point (the app, serve, `chatkeep sync`) takes accounts through, for the
 * data folder they share. Here it covers this process only; the data folder's lock file (pid,
 * host, command; a dead holder taken over) plugs in behind this one function.
 */
export function dataFolderAccountLock(_dataDir: string): AccountLock {
  return thisProcess
}
