// How an account's key status reads on screen. The key itself never reaches the renderer: only
// whether there is one and where a sync would take it from.
import type { ChannelOutput } from '../../../shared/contract'

export type KeyStatus = ChannelOutput<'keys:status'>

export interface KeyStatusText {
  readonly tone: 'ok' | 'warning'
  readonly label: string
  /** What to tell the user about the key's environment variable, if anything. */
  readonly env: 'reads' | 'set-it' | null
}

export function describeKeyStatus(status: KeyStatus): KeyStatusText {
  if (status.source === 'keychain') {
    return { tone: 'ok', label: 'Key stored in the system keychain', env: null }
  }
  if (status.source === 'environment') {
    return { tone: 'ok', label: 'Key taken from the environment', env: 'reads' }
  }
  return { tone: 'warning', label: 'Key missing', env: status.canStore ? null : 'set-it' }
}
