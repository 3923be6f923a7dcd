import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SafeStorageLike } from '../../../src/main/electron/secrets'

vi.mock('electron', async () => (await import('./electron-mock')).electronModuleMock())

const { ElectronSecretSource, SecretStorageUnavailable } = await import('../../../src/main/electron/secrets')

const KEY = 'ofapi_live_5f2c9d1e8a7b4c3d2e1f0a9b8c7d6e5f'

/** A fake keychain: reversible, but the ciphertext shares no readable text with the input. */
function fakeSafeStorage(
  available = true,
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret',
): SafeStorageLike {
  const mask = (buffer: Buffer): Buffer => Buffer.from(buffer.map((byte) => byte ^ 0xa5))
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    encryptStringAsync: vi.fn(async (plain: string) =>
      Buffer.concat([Buffer.from('v11'), mask(Buffer.from(plain, 'utf8'))]),
    ),
    decryptStringAsync: vi.fn(async (cipher: Buffer) => ({
      result: mask(cipher.subarray(3)).toString('utf8'),
      shouldReEncrypt: false,
    })),
    getSelectedStorageBackend: vi.fn(() => backend),
  }
}

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chatkeep-secrets-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function everyFileText(): Promise<string> {
  const names = await readdir(dir)
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name))))
  return Buffer.concat(texts).toString('latin1')
}

describe('ElectronSecretSource', () => {
  it('round-trips a key without ever writing it in plain text (or base64 of it)', async () => {
    const safe = fakeSafeStorage()
    const secrets = new ElectronSecretSource(safe, join(dir, 'keys.json'), 'linux')
    await secrets.setApiKey('onlyfansapi', 'acct_1', KEY)
    const onDisk = await everyFileText()
    expect(onDisk).not.toContain(KEY)
    expect(onDisk).not.toContain(Buffer.from(KEY).toString('base64').slice(0, 20))
    expect(onDisk).toContain('onlyfansapi')
    expect(await secrets.getApiKey('onlyfansapi', 'acct_1')).toBe(KEY)
    expect(await secrets.getApiKey('onlyfansapi', 'acct_2')).toBeNull()
    expect(await secrets.hasApiKey('onlyfansapi', 'acct_1')).toBe(true)
    expect(safe.encryptStringAsync).toHaveBeenCalledWith(KEY)
  })

  it('keeps the file private to the user and leaves no temp files', async () => {
    const file = join(dir, 'keys.json')
    const secrets = new ElectronSecretSource(fakeSafeStorage(), file, 'linux')
    await Promise.all([
      secrets.setApiKey('ofauth', 'a', 'k1-aaaaaaaaaaaaaaaa'),
      secrets.setApiKey('fansmetric', 'b', 'k2-bbbbbbbbbbbbbbbb'),
    ])
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0)
    expect(await readdir(dir)).toEqual(['keys.json'])
    // Both concurrent saves survived the read-modify-write.
    expect(await secrets.getApiKey('ofauth', 'a')).toBe('k1-aaaaaaaaaaaaaaaa')
    expect(await secrets.getApiKey('fansmetric', 'b')).toBe('k2-bbbbbbbbbbbbbbbb')
  })

  it('deletes a key', async () => {
    const secrets = new ElectronSecretSource(fakeSafeStorage(), join(dir, 'keys.json'), 'linux')
    await secrets.setApiKey('ofauth', 'a', KEY)
    expect(await secrets.deleteApiKey('ofauth', 'a')).toBe(true)
    expect(await secrets.deleteApiKey('ofauth', 'a')).toBe(false)
    expect(await secrets.getApiKey('ofauth', 'a')).toBeNull()
  })

  it('refuses to store when the OS offers no encryption, with a message for the user, writing nothing', async () => {
    const safe = fakeSafeStorage(false)
    const secrets = new ElectronSecretSource(safe, join(dir, 'keys.json'), 'darwin')
    const attempt = secrets.setApiKey('ofauth', 'a', KEY)
    await expect(attempt).rejects.toBeInstanceOf(SecretStorageUnavailable)
    await expect(attempt).rejects.toThrow(/keychain/i)
    await expect(attempt).rejects.toMatchObject({ code: 'unavailable' })
    expect(safe.encryptStringAsync).not.toHaveBeenCalled()
    expect(await readdir(dir)).toEqual([])
  })

  it("refuses Linux's basic_text backend, which only obfuscates with a fixed password", async () => {
    const secrets = new ElectronSecretSource(
      fakeSafeStorage(true, 'basic_text'),
      join(dir, 'keys.json'),
      'linux',
    )
    await expect(secrets.setApiKey('ofauth', 'a', KEY)).rejects.toThrow(/keyring/i)
    expect(await secrets.unavailableReason()).toMatch(/keyring/)
    expect(
      await new ElectronSecretSource(fakeSafeStorage(), join(dir, 'k.json'), 'linux').unavailableReason(),
    ).toBeNull()
  })

  it('refuses an empty key and a file that is not ours', async () => {
    const file = join(dir, 'keys.json')
    const secrets = new ElectronSecretSource(fakeSafeStorage(), file, 'linux')
    await expect(secrets.setApiKey('ofauth', 'a', '  ')).rejects.toThrow(/empty/)
    await writeFile(file, '{"hello":"world"}')
    await expect(secrets.getApiKey('ofauth', 'a')).rejects.toThrow(/not a Chatkeep key file/)
  })
})
