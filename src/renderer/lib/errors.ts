// Failures said the way a user can act on them: what happened, then what to do next. The raw
// message (a provider's HTTP status, a server's words) stays available as the detail, never as
// the headline.
import { providerMeta } from '../../shared/providers'

export interface Explained {
  /** One sentence: what happened. */
  readonly what: string
  /** One sentence: what to do next, when there is something to do. */
  readonly next: string | null
  /** The original message, when the sentences above replaced it. */
  readonly detail: string | null
}

// Provider errors read "<provider>: HTTP <status>[: <the provider's words>]" (src/main/providers/http.ts),
// network failures "<provider>: request failed (<code>): …".
const httpPattern = /^([a-z-]+): HTTP (\d{3})\b/
const networkPattern = /^([a-z-]+): request failed \(([A-Z_]+)\)/

function providerName(id: string): string {
  return Object.hasOwn(providerMeta, id)
    ? providerMeta[id as keyof typeof providerMeta].service
    : 'The provider'
}

/** Where the app runs: the desktop app keeps keys in the keychain, serve for its session. */
export type KeyHome = 'electron' | 'http'

/** What to do about a refused key, in the words of the mode the user is in. */
function renewKey(provider: string, home: KeyHome): string {
  const variable = Object.hasOwn(providerMeta, provider)
    ? providerMeta[provider as keyof typeof providerMeta].keyEnv
    : 'the provider’s key variable'
  return home === 'electron'
    ? `Save the right key in Settings (it replaces the one in the system keychain; Test key checks it), or fix ${variable} if the app reads it from there. Then sync again.`
    : `Enter the right key in Settings for this session (Test key checks it), or restart chatkeep serve with the right ${variable}. Then sync again.`
}

function explainHttp(provider: string, status: number, message: string, home: KeyHome): Explained {
  const name = providerName(provider)
  if (status === 401 || status === 403) {
    return {
      what: `${name} refused the API key (HTTP ${status}).`,
      next: renewKey(provider, home),
      detail: message,
    }
  }
  if (status === 402 || status === 424) {
    return {
      what: `${name} refused the request: the plan or credits do not cover it (HTTP ${status}).`,
      next: 'Check your plan and credits in the provider’s dashboard, then sync again.',
      detail: message,
    }
  }
  if (status === 404) {
    return {
      what: `${name}'s API does not know this account or chat (HTTP 404).`,
      next: 'Check the account id in Settings.',
      detail: message,
    }
  }
  if (status === 429) {
    return {
      what: `${name}'s API asked Chatkeep to slow down (HTTP 429).`,
      next: 'Wait a few minutes, or lower parallel downloads in Settings, then sync again.',
      detail: message,
    }
  }
  if (status >= 500) {
    return {
      what: `${name}'s API had a problem on its side (HTTP ${status}).`,
      next: 'Try again later: what is already archived is kept.',
      detail: message,
    }
  }
  return { what: `${name}'s API answered HTTP ${status}.`, next: null, detail: message }
}

/** A message from the core (a sync's error, an export's error) in words. */
export function explainMessage(message: string, home: KeyHome = 'http'): Explained {
  const http = httpPattern.exec(message)
  if (http) return explainHttp(http[1] ?? '', Number(http[2]), message, home)
  const network = networkPattern.exec(message)
  if (network) {
    return {
      what: `${providerName(network[1] ?? '')} could not be reached (${network[2]}).`,
      next: 'Check the internet connection, then sync again.',
      detail: message,
    }
  }
  return { what: message, next: null, detail: null }
}

/** The bridge's failures carry a code (bridge.ts, BridgeError); read it without importing the
 * transport, so this module stays plain and unit-testable. */
function bridgeCode(error: Error): string | null {
  const code = (error as Error & { readonly code?: unknown }).code
  return error.name === 'BridgeError' && typeof code === 'string' ? code : null
}

export function explainError(error: Error, home: KeyHome = 'http'): Explained {
  const code = bridgeCode(error)
  if (code !== null) {
    switch (code) {
      case 'unauthorized':
        return {
          what: 'Not signed in to this Chatkeep server.',
          next: 'Open the address that “chatkeep serve” printed: it carries the access token.',
          detail: null,
        }
      case 'network':
        return {
          what: 'The Chatkeep server cannot be reached.',
          next: 'Check that “chatkeep serve” is still running, then retry.',
          detail: error.message,
        }
      case 'not_found':
        return { what: error.message, next: 'It may have been removed: reload the page.', detail: null }
      case 'internal':
        return {
          what: 'Chatkeep could not finish this request.',
          next: 'Retry; if it fails again, restart Chatkeep. Your archive is not affected.',
          detail: error.message,
        }
      default:
        break
    }
  }
  return explainMessage(error.message, home)
}
