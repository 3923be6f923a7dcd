// Serve mode's key store: a key typed in the browser is kept in this process's memory for as long
// as `chatkeep serve` runs, and nowhere else (no file, no catalog, no log). Stopping serve forgets
// it; the environment variable stays the way to give serve a key for good.
import type { KeyStore } from '../core-types'

function entryKey(provider: string, account: string): string {
  return `${provider}\n${account}`
}

export class SessionKeyStore implements KeyStore {
  readonly kind = 'session' as const
  private readonly keys = new Map<string, string>()

  async unavailableReason(): Promise<string | null> {
    return null
  }

  async getApiKey(provider: string, account: string): Promise<string | null> {
    return this.keys.get(entryKey(provider, account)) ?? null
  }

  async hasApiKey(provider: string, account: string): Promise<boolean> {
    return this.keys.has(entryKey(provider, account))
  }

  async setApiKey(provider: string, account: string, apiKey: string): Promise<void> {
    if (apiKey.trim() === '') throw new TypeError('The API key is empty.')
    this.keys.set(entryKey(provider, account), apiKey)
  }

  async deleteApiKey(provider: string, account: string): Promise<boolean> {
    return this.keys.delete(entryKey(provider, account))
  }
}
