// The core as `chatkeep serve` (and the demo's browser fallback) opens it: keys typed in the
// browser kept in memory for this session only, then the environment's; syncs and "Test key"
// through the real adapters (CHATKEEP_BASE_URL re-roots them, as for the demo's local fake); a
// first export suggested into the user's Documents folder.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { keyEnvOf } from '../../shared/providers'
import { openCore } from '../core'
import type { Core } from '../core-types'
import { createKeyCheck } from '../keys/key-check'
import { keySecretSource } from '../keys/key-order'
import { SessionKeyStore } from '../keys/session-keys'
import { createAdapter } from '../providers/registry'
import { serveSyncSetup } from './sync-factory'

export interface ServeCoreOptions {
  readonly dataDir: string
  readonly env: NodeJS.ProcessEnv
  readonly log: (line: string) => void
}

/** Documents/Chatkeep Export where a Documents folder exists, else Chatkeep Export in the home folder. */
export function suggestedExportFolder(home: string = homedir()): string {
  const documents = join(home, 'Documents')
  return join(existsSync(documents) ? documents : home, 'Chatkeep Export')
}

export function openServeCore(options: ServeCoreOptions): Promise<Core> {
  const { env } = options
  const sessionKeys = new SessionKeyStore()
  const secrets = keySecretSource({ store: sessionKeys, env, envKeyName: keyEnvOf })
  return openCore({
    dataDir: options.dataDir,
    transport: 'http',
    keyStore: sessionKeys,
    envKeyName: keyEnvOf,
    env,
    sync: serveSyncSetup(env, options.log, secrets),
    keyCheck: createKeyCheck({
      createAdapter,
      ...(env.CHATKEEP_BASE_URL && { baseUrl: env.CHATKEEP_BASE_URL }),
    }),
    suggestedExportFolder: suggestedExportFolder(),
  })
}
