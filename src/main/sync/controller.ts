// Syncs started from the app or serve mode: one at a time per account, in the background, with
// progress pushed on the event bus and kept for windows that open (or reload) later.
import type { ProviderId, SyncProgress } from '../../shared/domain'
import { keyEnvOf } from '../../shared/providers'
import type { SyncController } from '../api/deps'
import { ApiError } from '../api/errors'
import type { Catalog } from '../catalog/catalog'
import type { EventBus, SecretSource } from '../core-types'
import type { AdapterOptions, ProviderAdapter } from '../providers/types'
import type { SettingsStore } from '../settings'
import { FileStore } from '../store/file-store'
import { AccountBusyError } from './account-lock'
import { runSync } from './run-sync'

export interface SyncControllerDeps {
  readonly catalog: Catalog
  readonly dataDir: string
  readonly events: EventBus
  readonly secrets: SecretSource
  readonly createAdapter: (provider: ProviderId, options: AdapterOptions) => ProviderAdapter
  /** Replaces every provider's API origin (the demo's local fake providers). */
  readonly baseUrl?: string
  /** Concurrency, video quality, archive mode and credit cap as set, read at the start of each sync. */
  readonly settings?: SettingsStore
  readonly log?: (line: string) => void
  /** How this process is named to a CLI sync refused while it syncs: "chatkeep serve", "the Chatkeep app". */
  readonly command?: string
}

export function createSyncController(deps: SyncControllerDeps): SyncController {
  const latest = new Map<number, SyncProgress>()
  const running = new Set<number>()

  return {
    async start({ accountId, chatIds, full }) {
      const account = deps.catalog.accounts.getById(accountId)
      if (!account) throw new ApiError('not_found', `No account with id ${accountId}.`)
      if (running.has(accountId)) throw new ApiError('bad_input', 'This account is already syncing.')
      const apiKey = await deps.secrets.getApiKey(account.provider, account.externalId)
      if (!apiKey)
        throw new ApiError(
          'forbidden',
          `No API key for ${account.provider} ${account.externalId}: add it in Settings.`,
        )
      const chats = (chatIds ?? []).map((id) => {
        const chat = deps.catalog.chats.getById(id)
        if (!chat || chat.accountId !== accountId)
          throw new ApiError('not_found', `No chat with id ${id} in this account.`)
        return chat.externalId
      })
      const adapter = deps.createAdapter(account.provider, {
        apiKey,
        ...(deps.baseUrl && { baseUrl: deps.baseUrl }),
      })
      const store = await FileStore.open(deps.dataDir)
      running.add(accountId)
      let started: (runId: number) => void = () => undefined
      const runIdKnown = new Promise<number>((resolve) => (started = resolve))
      const publish = (progress: SyncProgress): void => {
        latest.set(accountId, progress)
        deps.events.emit('sync:progress', progress)
      }
      const done = runSync(
        {
          provider: account.provider,
          account: account.externalId,
          ...(account.connectionId && { connectionId: account.connectionId }),
          chats,
          full,
          ...(deps.settings && {
            concurrency: deps.settings.get().concurrency,
            quality: deps.settings.get().videoQuality,
            mode: deps.settings.get().archiveMode,
            maxCredits: deps.settings.get().maxCredits,
          }),
        },
        {
          catalog: deps.catalog,
          store,
          adapter,
          onProgress: publish,
          onStart: started,
          ...(deps.command && { command: deps.command }),
        },
      )
      done
        .then((summary) =>
          deps.log?.(`sync ${account.provider} ${account.externalId}: exit ${summary.exitCode}`),
        )
        .catch((error: unknown) =>
          deps.log?.(`sync ${account.provider} ${account.externalId} failed: ${String(error)}`),
        )
        .finally(() => running.delete(accountId))
      const runId = await Promise.race([runIdKnown, done.then((summary) => summary.runId)]).catch(
        (error: unknown) => {
          // Another process (a CLI sync in a terminal) holds the account: say who, as it is.
          if (error instanceof AccountBusyError) throw new ApiError('unavailable', error.message)
          throw error
        },
      )
      return { runId }
    },
    status() {
      return [...latest.values()]
    },
  }
}

/** The CLI and serve mode take keys from the environment, as the sync command does. */
export function envSecretSource(env: NodeJS.ProcessEnv): SecretSource {
  return {
    async getApiKey(provider) {
      const name = keyEnvOf(provider)
      const key = name ? env[name]?.trim() : undefined
      return key || null
    },
  }
}
