// How an account's key status reads on screen. The key itself never reaches the renderer: only
// whether there is one, exactly where a sync would take it from, and what the last "Test key" said.
// A key is green only once the provider accepted it, red once it refused it; untested it is neutral
// (a wrong key in the environment must not look fine).
import type { ChannelOutput } from '../../../shared/contract'

export type KeyStatus = ChannelOutput<'keys:status'>

export interface KeyStatusText {
  readonly tone: 'ok' | 'neutral' | 'warning' | 'danger'
  /** The badge: where the key comes from, and the test's verdict. */
  readonly label: string
  /** One sentence: where a sync takes the key from and how long it stays there. */
  readonly where: string
}

/** `service`: the provider's API service, "OnlyFansAPI". */
export function describeKeyStatus(status: KeyStatus, service: string): KeyStatusText {
  const variable = status.envVar ?? 'the provider’s key variable'
  const where =
    status.source === 'keychain'
      ? 'A sync uses the key saved in the system keychain.'
      : status.source === 'session'
        ? 'A sync uses the key entered here for this session: it is kept in memory only and forgotten when chatkeep serve stops.'
        : status.source === 'environment'
          ? `A sync uses the environment variable ${variable}.`
          : status.storesIn === 'session'
            ? `No key: enter one below for this session, or restart chatkeep serve with ${variable} set.`
            : status.canStore
              ? `No key: paste one below (saved in the system keychain), or set ${variable}.`
              : `No key: set ${variable} in the environment Chatkeep starts from, then restart it.`
  const from =
    status.source === 'keychain'
      ? 'Key in the system keychain'
      : status.source === 'session'
        ? 'Key for this session only'
        : `Key from ${variable}`
  if (status.source === null) return { tone: 'warning', label: 'Key missing', where }
  const test = status.lastTest
  if (test?.result === 'accepted') return { tone: 'ok', label: `${from}: accepted by ${service}`, where }
  if (test?.result === 'refused') return { tone: 'danger', label: `${from}: refused by ${service}`, where }
  if (test?.result === 'inconclusive')
    return { tone: 'neutral', label: `${from}: could not be tested`, where }
  return { tone: 'neutral', label: `${from} (not tested)`, where }
}
