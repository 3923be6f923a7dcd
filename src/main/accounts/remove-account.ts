// Removing an account, with or without its archive, touching nothing that belongs to another.
//
// - keep: the account is marked removed (removed-accounts.ts) and its key forgotten; its chats and
//   media stay in the catalog and the gallery.
// - delete: its catalog rows go in one transaction (the account row; everything under it by
//   cascade), with the rows of the stored files no other account's media use; then those files
//   leave the store. A crash between the two leaves files no row names, which `verify` counts as
//   orphans: nothing any account still uses is ever deleted.
//
// Both hold the account's sync lock throughout, so no sync (this process, serve, a CLI) can run
// on it meanwhile; `delete` also holds every other account's lock while it deletes files, since a
// sync storing the same bytes for another account would take the file being deleted as its twin
// (file-store.ts) and be left pointing at nothing.
import type { Catalog } from '../catalog/catalog'
import type { AccountRow } from '../catalog/repositories/accounts'
import type { FileRow } from '../catalog/repositories/files'
import type { KeyStore } from '../core-types'
import { FileStore } from '../store/file-store'
import { accountKey, accountLockHolder, acquireAccountLock, type HeldLock } from '../sync/account-lock'
import type { RemovedAccounts } from './removed-accounts'

export type ArchiveChoice = 'keep' | 'delete'

export interface RemovalDeps {
  readonly catalog: Catalog
  readonly dataDir: string
  readonly removed: RemovedAccounts
  /** Where the account's key is kept by the app (keychain or session); the environment is not ours. */
  readonly keyStore?: KeyStore | undefined
  /** How this process is named to a sync refused meanwhile: "the Chatkeep app", "chatkeep serve". */
  readonly command: string
}

export interface RemovalPlan {
  readonly chats: number
  readonly media: number
  /** Stored files only this account uses, and their bytes: what deleting the archive frees. */
  readonly files: number
  readonly bytes: number
  /** Who is syncing the account, in one line; else null. Removal waits for it. */
  readonly busy: string | null
  /** Another account being synced; deleting the archive waits for it. */
  readonly deleteBusy: string | null
}

export interface RemovalResult {
  readonly media: number
  readonly files: number
  readonly bytes: number
}

function sum(files: readonly FileRow[]): number {
  return files.reduce((total, file) => total + file.size, 0)
}

function label(account: AccountRow): string {
  return account.label ?? account.externalId
}

/** What removing would touch, and whether a sync is in the way right now. */
export async function planRemoval(deps: RemovalDeps, account: AccountRow): Promise<RemovalPlan> {
  const summary = deps.catalog.accounts.list().find((each) => each.id === account.id)
  const exclusive = deps.catalog.files.exclusiveTo(account.id)
  let busy: string | null = null
  let deleteBusy: string | null = null
  for (const each of deps.catalog.accounts.list()) {
    const holder = await accountLockHolder(deps.dataDir, each.provider, each.externalId)
    if (holder === null) continue
    if (each.id === account.id) {
      busy = `${label(account)} is being synced (${holder.command}): wait for the sync to end or stop it, then remove it.`
    } else {
      deleteBusy ??= `${label(each)} is being synced (${holder.command}): it may share files with this archive, so deleting waits for that sync to end.`
    }
  }
  return {
    chats: summary?.chats ?? 0,
    media: summary?.media ?? 0,
    files: exclusive.length,
    bytes: sum(exclusive),
    busy,
    deleteBusy,
  }
}

/** Takes the locks; on a refusal releases what it took and rethrows AccountBusyError. */
async function lockAll(deps: RemovalDeps, accounts: readonly AccountRow[]): Promise<HeldLock[]> {
  const held: HeldLock[] = []
  try {
    for (const each of accounts) {
      held.push(
        await acquireAccountLock(deps.dataDir, each.provider, each.externalId, {
          command: `${deps.command}, removing an account`,
        }),
      )
    }
    return held
  } catch (error) {
    await Promise.all(held.map((lock) => lock.release()))
    throw error
  }
}

/** Removes the account; throws AccountBusyError (nothing changed) while a sync is in the way. */
export async function removeAccount(
  deps: RemovalDeps,
  account: AccountRow,
  archive: ArchiveChoice,
): Promise<RemovalResult> {
  const others = deps.catalog.accounts.list().filter((each) => each.id !== account.id)
  const locks = await lockAll(deps, archive === 'delete' ? [account, ...others] : [account])
  try {
    const name = { provider: account.provider, externalId: account.externalId }
    if (archive === 'keep') {
      await deps.removed.add(name)
      await deps.keyStore?.deleteApiKey(account.provider, account.externalId)
      return { media: 0, files: 0, bytes: 0 }
    }
    const media = deps.catalog.accounts.list().find((each) => each.id === account.id)?.media ?? 0
    const gone = deps.catalog.transaction(() => {
      const exclusive = deps.catalog.files.exclusiveTo(account.id)
      deps.catalog.accounts.remove(account.id)
      return exclusive.filter((file) => deps.catalog.files.deleteIfUnused(file.id))
    })
    const store = await FileStore.open(deps.dataDir)
    for (const file of gone) await store.remove(file.relPath)
    // Its partial downloads: the area is this account's alone, and we hold its lock.
    const area = await store.tempArea(accountKey(account.provider, account.externalId))
    await area.removeStaleTemps([])
    await area.removeTempAreaIfEmpty()
    await deps.removed.delete(name)
    await deps.keyStore?.deleteApiKey(account.provider, account.externalId)
    return { media, files: gone.length, bytes: sum(gone) }
  } finally {
    await Promise.all(locks.map((lock) => lock.release()))
  }
}
