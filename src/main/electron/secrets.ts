// API keys for the desktop app, encrypted with the OS keychain through `safeStorage` and kept in
// one small file in userData. Never SQLite, never logs, never the renderer: the core asks for a key
// only when it syncs. The file holds ciphertext only, keyed by provider and account.
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { SafeStorage } from 'electron'
import type { KeyStore } from '../core-types'
import { writeFileAtomic } from '../lib/atomic-write'
import { makeDirectory } from '../lib/make-directory'

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>

export const SECRETS_FILE_NAME = 'chatkeep-keys.json'

/** Thrown when the OS offers no real encryption; the message is meant for the user. */
export class SecretStorageUnavailable extends Error {
  readonly code = 'unavailable' as const
  constructor(message: string) {
    super(message)
    this.name = 'SecretStorageUnavailable'
  }
}

interface SecretsFile {
  readonly version: 1
  /** `${provider}\n${account}` -> base64 ciphertext from safeStorage. */
  readonly entries: Readonly<Record<string, string>>
}

function entryKey(provider: string, account: string): string {
  return `${provider}\n${account}`
}

function isSecretsFile(value: unknown): value is SecretsFile {
  if (typeof value !== 'object' || value === null) return false
  const file = value as { version?: unknown; entries?: unknown }
  if (file.version !== 1 || typeof file.entries !== 'object' || file.entries === null) return false
  return Object.values(file.entries).every((entry) => typeof entry === 'string')
}

export class ElectronSecretSource implements KeyStore {
  readonly kind = 'keychain' as const
  // Writes are serialised so two quick saves cannot interleave their read-modify-write.
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly filePath: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Null when real encryption is available, else the reason it is not (for the settings screen). */
  async unavailableReason(): Promise<string | null> {
    if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
      return 'The system keychain is not available, so Chatkeep cannot store API keys safely. Unlock or install a keychain (on Linux: GNOME Keyring or KWallet) and restart Chatkeep, or use the command line with keys in environment variables.'
    }
    // On Linux without a keyring, Electron falls back to a fixed, publicly known password: that is
    // obfuscation, not encryption, so it does not count.
    if (this.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'No keyring (GNOME Keyring, KWallet) was found, and Electron would only obfuscate the key with a fixed password. Install or unlock a keyring and restart Chatkeep, or use the command line with keys in environment variables.'
    }
    return null
  }

  async getApiKey(provider: string, accountExternalId: string): Promise<string | null> {
    const file = await this.read()
    const entry = file.entries[entryKey(provider, accountExternalId)]
    if (entry === undefined) return null
    const { result } = await this.safeStorage.decryptStringAsync(Buffer.from(entry, 'base64'))
    return result
  }

  async hasApiKey(provider: string, accountExternalId: string): Promise<boolean> {
    const file = await this.read()
    return Object.hasOwn(file.entries, entryKey(provider, accountExternalId))
  }

  async setApiKey(provider: string, accountExternalId: string, apiKey: string): Promise<void> {
    if (apiKey.trim() === '') throw new TypeError('The API key is empty.')
    const reason = await this.unavailableReason()
    if (reason !== null) throw new SecretStorageUnavailable(reason)
    const cipher = await this.safeStorage.encryptStringAsync(apiKey)
    await this.update((entries) => ({
      ...entries,
      [entryKey(provider, accountExternalId)]: cipher.toString('base64'),
    }))
  }

  /** True if a key was stored and is now gone. */
  async deleteApiKey(provider: string, accountExternalId: string): Promise<boolean> {
    let removed = false
    await this.update((entries) => {
      const key = entryKey(provider, accountExternalId)
      removed = Object.hasOwn(entries, key)
      const { [key]: _removed, ...rest } = entries
      return rest
    })
    return removed
  }

  private async read(): Promise<SecretsFile> {
    let text: string
    try {
      text = await readFile(this.filePath, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: {} }
      throw error
    }
    const parsed: unknown = JSON.parse(text)
    if (!isSecretsFile(parsed)) throw new Error(`${this.filePath} is not a Chatkeep key file`)
    return parsed
  }

  private update(
    change: (entries: Readonly<Record<string, string>>) => Record<string, string>,
  ): Promise<void> {
    const next = this.queue.then(async () => {
      const current = await this.read()
      await this.write({ version: 1, entries: change(current.entries) })
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  private async write(file: SecretsFile): Promise<void> {
    await makeDirectory(dirname(this.filePath))
    // A crash or power cut leaves the old file or the new one, never half of either; 0o600 keeps
    // even the ciphertext from other local users.
    await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 })
  }
}
