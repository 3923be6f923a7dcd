// sync:start / cancel / pause / resume / status / history / cost over the process's sync service. The
// service owns every run; these only check the request against the catalog and say, in one line,
// why a sync of one account could not start.
import type { Handlers } from '../../shared/contract'
import type { AccountRow } from '../catalog/repositories/accounts'
import { keySourceOf } from '../keys/key-order'
import type { SyncHistoryRow } from '../catalog/repositories/sync-runs'
import { AccountBusyError } from '../sync/account-lock'
import { MissingKeyError } from '../sync/adapter-source'
import { resultWords, retryWords } from '../sync/outcome-words'
import type { SyncControl } from '../sync/control'
import type { HandlerDeps } from './deps'
import { ApiError } from './errors'
import { missingKeyHelp } from './key-handlers'
import { syncCost } from './sync-cost'

type SyncHandlers = Pick<
  Handlers,
  'sync:start' | 'sync:status' | 'sync:cancel' | 'sync:pause' | 'sync:resume' | 'sync:history' | 'sync:cost'
>

type HistoryEntry = Awaited<ReturnType<Handlers['sync:history']>>['runs'][number]

function historyEntry(row: SyncHistoryRow): HistoryEntry {
  const counts = { ...row, failedChats: row.failedChats.length }
  return {
    runId: row.id,
    accountId: row.accountId,
    provider: row.provider,
    account: row.account,
    label: row.accountLabel ?? row.account,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    status: row.status,
    trigger: row.trigger,
    full: row.full,
    requests: row.requests,
    credits: row.credits,
    bytes: row.bytes,
    downloaded: row.downloaded,
    alreadyHad: row.alreadyHad,
    locked: row.locked,
    drm: row.drm,
    notReady: row.notReady,
    failed: row.failed,
    pending: row.pending,
    messagesSeen: row.messagesSeen,
    messagesNew: row.messagesNew,
    failedChats: row.failedChats.map((chat) => ({ ...chat })),
    error: row.error,
    result: resultWords(counts),
    retry: row.status === 'running' ? null : retryWords(counts),
  }
}

export function createSyncHandlers(deps: HandlerDeps): SyncHandlers {
  const { catalog } = deps
  const control = (): SyncControl => {
    if (!deps.sync) throw new ApiError('unavailable', 'Syncing is not available in this mode.')
    return deps.sync
  }
  const accountOf = (accountId: number): AccountRow => {
    const account = catalog.accounts.getById(accountId)
    if (!account) throw new ApiError('not_found', `No account with id ${accountId}.`)
    return account
  }
  const known = (accountId: number): number => accountOf(accountId).id
  /** One account asked for by name: said here, in the words of this mode, before the run would. */
  const startable = async (accountId: number): Promise<number> => {
    const account = accountOf(accountId)
    const name = account.label ?? account.externalId
    if (deps.removedAccounts.has(account))
      throw new ApiError(
        'bad_input',
        `${name} was removed (its archive is kept): add it again in Settings to sync it.`,
      )
    const lookup = { store: deps.keyStore, env: deps.env, envKeyName: deps.envKeyName }
    if ((await keySourceOf(lookup, account.provider, account.externalId)) === null)
      throw new ApiError('forbidden', `No API key for ${name}: ${missingKeyHelp(deps, account.provider)}.`)
    return account.id
  }
  return {
    'sync:start': async ({ accountId, accountIds, chatIds, full }) => {
      const { service } = control()
      // Several accounts, or all: removed ones are left out, one without a key fails its own job.
      const listed = (ids: readonly number[]): number[] =>
        ids
          .map(accountOf)
          .filter((account) => !deps.removedAccounts.has(account))
          .map((a) => a.id)
      const ids =
        accountId !== undefined ? [await startable(accountId)] : accountIds ? listed(accountIds) : 'all'
      const chats = (chatIds ?? []).map((id) => {
        const chat = catalog.chats.getById(id)
        if (!chat || chat.accountId !== accountId)
          throw new ApiError('not_found', `No chat with id ${id} in this account.`)
        return chat.externalId
      })
      const jobs = await service.start({
        accountIds: ids,
        full,
        trigger: 'user',
        ...(chats.length > 0 && { chats }),
      })
      // One account asked for and refused at once: say why, as the app always did.
      const only = jobs.length === 1 && accountId !== undefined ? jobs[0] : undefined
      if (only?.state === 'failed' && only.runId === null) {
        const failure = await service.finished(only.id).then(
          () => null,
          (error: unknown) => error,
        )
        if (failure instanceof MissingKeyError) throw new ApiError('forbidden', failure.message)
        if (failure instanceof AccountBusyError) throw new ApiError('unavailable', failure.message)
      }
      return { jobs: jobs.map((job) => ({ ...job })) }
    },
    'sync:status': async () => {
      const status = deps.sync?.status()
      return status ?? { jobs: [], schedule: { everyHours: null, lastRunAt: null, nextRunAt: null } }
    },
    'sync:cancel': async ({ accountId }) => ({ cancelled: control().service.cancel(known(accountId)) }),
    'sync:pause': async ({ accountId }) => ({ paused: control().service.pause(known(accountId)) }),
    'sync:resume': async ({ accountId }) => ({ resumed: control().service.resume(known(accountId)) }),
    'sync:history': async ({ accountId, before, limit }) => {
      // One extra row says whether an older page exists.
      const rows = catalog.syncRuns.history({
        ...(accountId !== undefined && { accountId }),
        ...(before !== undefined && { before }),
        limit: limit + 1,
      })
      return { runs: rows.slice(0, limit).map(historyEntry), hasMore: rows.length > limit }
    },
    'sync:cost': async ({ accountId }) => syncCost(catalog, deps.settings, accountId),
  }
}
