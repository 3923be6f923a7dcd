// Accounts the user removed while keeping their archive: their chats and media stay in the
// catalog (and the gallery), but the app no longer offers to sync them. The mark lives in a small
// JSON file in the data folder, beside settings.json, written atomically and durably; it names
// accounts by provider and id (not catalog row ids), so a rebuilt catalog cannot inherit it.
//
// It is a file and not a catalog column because no catalog migration was assigned for it; a
// column (`accounts.removed_at`) is the better home once one is, and would let the CLI see it too.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { providerIdSchema, type ProviderId } from '../../shared/domain'
import { writeFileAtomic } from '../lib/atomic-write'
import { makeDirectory } from '../lib/make-directory'

export const removedAccountsFileName = 'removed-accounts.json'

const fileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(z.object({ provider: providerIdSchema, externalId: z.string(), removedAt: z.string() })),
})
type RemovedFile = z.infer<typeof fileSchema>

export interface AccountName {
  readonly provider: ProviderId
  readonly externalId: string
}

export interface RemovedAccounts {
  has(account: AccountName): boolean
  /** Marks the account removed (its archive kept). */
  add(account: AccountName): Promise<void>
  /** Clears the mark (added back, or its archive deleted); false when it was not marked. */
  delete(account: AccountName): Promise<boolean>
}

const same = (a: AccountName) => (b: AccountName) =>
  a.provider === b.provider && a.externalId === b.externalId

export function openRemovedAccounts(dataDir: string): RemovedAccounts {
  const path = join(dataDir, removedAccountsFileName)
  let current = load(path)
  // One write at a time, each from the state the previous one left, so two quick changes cannot
  // lose one another.
  let queue: Promise<unknown> = Promise.resolve()
  const change = (next: (accounts: RemovedFile['accounts']) => RemovedFile['accounts']): Promise<void> => {
    const write = queue.then(async () => {
      const updated: RemovedFile = { version: 1, accounts: next(current.accounts) }
      await makeDirectory(dirname(path))
      await writeFileAtomic(path, `${JSON.stringify(updated, null, 2)}\n`)
      current = updated
    })
    queue = write.catch(() => undefined)
    return write
  }
  return {
    has: (account) => current.accounts.some(same(account)),
    add: (account) =>
      change((accounts) =>
        accounts.some(same(account))
          ? accounts
          : [
              ...accounts,
              {
                provider: account.provider,
                externalId: account.externalId,
                removedAt: new Date().toISOString(),
              },
            ],
      ),
    async delete(account) {
      if (!current.accounts.some(same(account))) return false
      await change((accounts) => accounts.filter((each) => !same(account)(each)))
      return true
    },
  }
}

/** A missing or damaged file marks nothing: at worst a removed account is offered for sync again. */
function load(path: string): RemovedFile {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // Missing or not JSON: as if empty.
  }
  return { version: 1, accounts: [] }
}
