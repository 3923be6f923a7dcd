// Shared set-up for sync tests: the four providers as the CLI names them, and checks that what
// the catalog lists matches the fake dataset byte for byte.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { ProviderId } from '../../src/shared/domain'
import type { FakeProviders } from '../fake-providers/server'
import { syncExitCode } from '../../src/main/cli/sync-exit'
import type { SyncSummary } from '../../src/main/sync/types'
import { runCli, jsonOut, type CliResult } from './cli'

/** The exit code `chatkeep sync` would give an in-process run's summary (design §8). */
export const exitOf = (summary: SyncSummary): number => syncExitCode(summary.outcome)

export interface ProviderCase {
  readonly provider: ProviderId
  readonly account: string
  readonly keyEnv: string
  readonly extra: readonly string[]
}

export const providerCases: readonly ProviderCase[] = [
  { provider: 'onlyfansapi', account: 'acct_fake_onlyfans_1', keyEnv: 'ONLYFANSAPI_API_KEY', extra: [] },
  { provider: 'onlyfansapi-fansly', account: 'fansly_acct_fake_1', keyEnv: 'ONLYFANSAPI_API_KEY', extra: [] },
  {
    provider: 'ofauth',
    account: '900000002',
    keyEnv: 'OFAUTH_API_KEY',
    extra: ['--connection', 'conn_fake_1'],
  },
  { provider: 'fansmetric', account: 'acct_fake_fm_1', keyEnv: 'FANSMETRIC_API_KEY', extra: [] },
]

export interface SyncJson {
  provider: string
  account: string
  chats: number
  requests: number
  mediaSeen: number
  downloaded: number
  alreadyHad: number
  bytes: number
  locked: number
  drm: number
  notReady: number
  failed: number
  urlRefreshes: number
}

export interface ListJsonItem {
  provider: string
  account: string
  chat: string
  messageId: string
  mediaId: string
  type: string
  createdAt: string
  text: string
  price: number | null
  status: string
  path: string | null
  sha256: string | null
  size: number | null
}

export function syncArgs(
  c: ProviderCase,
  fake: FakeProviders,
  dataDir: string,
  more: readonly string[] = [],
): string[] {
  return [
    'sync',
    '--provider',
    c.provider,
    '--account',
    c.account,
    ...c.extra,
    '--base-url',
    fake.url,
    '--data-dir',
    dataDir,
    '--json',
    ...more,
  ]
}

/**
 * The fake's not-ready videos never finish transcoding, so a sync's polls of them (5 s, 15 s, 40 s
 * by default) would only slow every Fansly test down: here they are still made, a few ms apart.
 */
export const fastTranscodePolls = { CHATKEEP_TRANSCODE_POLLS: '0.05,0.1,0.2' } as const

export function keyEnv(c: ProviderCase, fake: FakeProviders, key?: string): NodeJS.ProcessEnv {
  return { [c.keyEnv]: key ?? fake.keys[c.provider], ...fastTranscodePolls }
}

export async function sync(
  c: ProviderCase,
  fake: FakeProviders,
  dataDir: string,
  more: readonly string[] = [],
): Promise<{ result: CliResult; json: SyncJson }> {
  const result = await runCli(syncArgs(c, fake, dataDir, more), { env: keyEnv(c, fake) })
  return { result, json: jsonOut<SyncJson>(result) }
}

export async function list(dataDir: string, more: readonly string[] = []): Promise<ListJsonItem[]> {
  return jsonOut<ListJsonItem[]>(await runCli(['list', '--json', '--data-dir', dataDir, ...more]))
}

const expectedStatus: Readonly<Record<string, string>> = {
  ok: 'downloaded',
  locked: 'locked',
  drm: 'drm',
  not_ready: 'not_ready',
  error: 'failed',
}

/** Every media item the fake serves for the account is listed with the status its state implies, byte-exact when downloaded. */
export function checkArchive(
  c: ProviderCase,
  fake: FakeProviders,
  items: readonly ListJsonItem[],
): { downloaded: number; problems: string[] } {
  const problems: string[] = []
  const account = fake.dataset.account(c.provider, c.account)
  if (!account) throw new Error(`no fake account ${c.account}`)
  const expectedIds = new Set(account.chats.flatMap((chat) => fake.dataset.chatMediaIds(account, chat.id)))
  const listed = new Map(items.filter((i) => i.provider === c.provider).map((i) => [i.mediaId, i]))
  let downloaded = 0
  for (const id of expectedIds) {
    const item = listed.get(id)
    const media = fake.dataset.media(id)
    if (!item || !media) {
      problems.push(`media ${id} not listed`)
      continue
    }
    const want = expectedStatus[media.state]
    if (item.status !== want)
      problems.push(`media ${id} (${media.state}) is ${item.status}, expected ${want}`)
    if (item.status === 'downloaded') {
      downloaded++
      const sha = fake.dataset.expectedSha256(id, 'full')
      if (item.sha256 !== sha) problems.push(`media ${id} sha256 ${item.sha256} != ${sha}`)
      const actual = item.path ? createHash('sha256').update(readFileSync(item.path)).digest('hex') : null
      if (actual !== sha) problems.push(`media ${id} file on disk does not match`)
    }
  }
  for (const id of listed.keys()) if (!expectedIds.has(id)) problems.push(`unexpected media ${id}`)
  return { downloaded, problems }
}

/** Why jobs failed, for assertion messages. */
export function jobErrors(dataDir: string): string {
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
  try {
    const rows = db
      .prepare(
        `SELECT kind, status, last_error AS error, count(*) AS n FROM jobs WHERE last_error IS NOT NULL GROUP BY 1, 2, 3 LIMIT 20`,
      )
      .all()
    return JSON.stringify(rows, null, 1)
  } finally {
    db.close()
  }
}

/** API requests the fake saw for a provider, downloads through its download endpoint excluded. */
export function apiRequests(fake: FakeProviders, provider: ProviderId): number {
  return fake.requestLog.filter((r) => r.provider === provider && !r.path.includes('/media/download/')).length
}
