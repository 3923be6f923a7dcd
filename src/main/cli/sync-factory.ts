import { keyEnvOf } from '../../shared/providers'
import type { SecretSource } from '../core-types'
import { createAdapter } from '../providers/registry'
import { adapterSource, envSecretSource } from '../sync/adapter-source'
import type { SyncSetup } from '../sync/control'
import { transcodePollsFrom } from './commands/sync-input'

/**
 * Serve mode's syncs: keys from `secrets` (serve: this session's, then the environment's; by
 * default the environment's, as for `chatkeep sync`); CHATKEEP_BASE_URL points every provider at
 * another origin (the demo's local fake). Serve keeps the schedule too: it runs as long as the
 * app would.
 */
export function serveSyncSetup(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  secrets: SecretSource = envSecretSource(env),
): SyncSetup {
  const polls = transcodePollsFrom(env)
  return {
    adapterFor: adapterSource({
      secrets,
      createAdapter,
      ...(env.CHATKEEP_BASE_URL && { baseUrl: env.CHATKEEP_BASE_URL }),
      whereKeysGo: (provider) =>
        `in Settings for this session, or in the environment variable ${keyEnvOf(provider) ?? ''} before "chatkeep serve"`,
    }),
    command: 'chatkeep serve',
    schedule: true,
    ...(polls !== undefined && { runDeps: { transcodePollsMs: polls } }),
    log,
  }
}
