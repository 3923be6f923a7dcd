// A real archive to export: the fake providers synced through the CLI, all four into one data dir.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { runCli, type CliResult } from '../../support/cli'
import { providerCases, sync } from '../../support/sync-fixture'

/** Keys the test knows, so it can grep every exported byte for them. */
export const knownKeys = {
  onlyfansapi: 'ofapi_export_secret_KEY_7c1e9a',
  'onlyfansapi-fansly': 'ofapi_export_secret_KEY_7c1e9a',
  ofauth: 'ofauth_export_secret_KEY_52d0b3',
  fansmetric: 'fm_export_secret_KEY_e41f88',
} as const

export async function syncedArchive(dataDir: string): Promise<FakeProviders> {
  // Nine chats per account give every hostile fan name in the fake's list at least once.
  const fake = await startFakeProviders({ seed: 11, keys: knownKeys, chats: 9, messagesPerChat: 6 })
  for (const c of providerCases) {
    const { result } = await sync(c, fake, dataDir)
    // The fake always holds not-ready and errored items, so a complete sync still exits 1.
    if (result.code !== 0 && result.code !== 1)
      throw new Error(`sync ${c.provider} exited ${result.code}: ${result.stderr}`)
  }
  return fake
}

/** How many chats the fake serves across the four synced accounts. */
export function chatCount(fake: FakeProviders): number {
  return providerCases.reduce(
    (n, c) => n + (fake.dataset.account(c.provider, c.account)?.chats.length ?? 0),
    0,
  )
}

export function exportCli(dataDir: string, to: string, more: readonly string[] = []): Promise<CliResult> {
  return runCli(['export', '--to', to, '--data-dir', dataDir, '--json', ...more])
}

/** Every file below `root` as "/"-separated relative paths (symlinks not followed). */
export function walk(root: string): string[] {
  const out: string[] = []
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else out.push(relative(root, path).split(sep).join('/'))
    }
  }
  visit(root)
  return out.sort()
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

export interface SummaryJson {
  to: string
  files: number
  copied: number
  linked: number
  skipped: number
  bytes: number
  totalBytes: number
  chats: number
  sidecars: string[]
  transcripts: string[]
  conversations: string[]
  errors: Array<{ path: string | null; mediaId: string | null; message: string }>
  notes: string[]
  cancelled: boolean
}

export interface SidecarItem {
  path: string | null
  variant: 'full' | 'preview' | null
  provider: string
  account: string
  chat: string
  fan: string
  fanName: string
  messageId: string
  date: string
  price: number | null
  text: string
  mediaId: string
  type: string
  status: string
  sha256: string | null
  size: number | null
  accessRules: unknown[]
  messages: Array<{ chat: string; messageId: string; date: string; text: string }>
}

export function readSidecar(root: string): { template: string; items: SidecarItem[] } {
  return JSON.parse(readFileSync(join(root, 'chatkeep-export.json'), 'utf8')) as {
    template: string
    items: SidecarItem[]
  }
}
