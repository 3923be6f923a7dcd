// What the provider sends wrong, against the fake: a media item without its type (OnlyFans
// family) or without its media object (Fansly), and a Fansly attachment the provider never
// returns, each become a failed item naming the reason while the rest of the page archives; the
// sync says which and exits 1, and a later sync retries them. A provider that never stops paging
// is stopped after a few requests. In process (runSync), except the one CLI check of the output.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../../src/shared/domain'
import type { ArchiveMode } from '../../../src/shared/vocabulary'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync, type SyncSummary } from '../../../src/main/sync/run-sync'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { runCli } from '../../support/cli'
import { exitOf, keyEnv, providerCases, sync, syncArgs, type ProviderCase } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const caseOf = (provider: ProviderId): ProviderCase => providerCases.find((c) => c.provider === provider)!

/** A fake, a catalog and a store in one temp folder, and a sync of one provider's account into them. */
function world(seed: number, options: { chats?: number; messagesPerChat?: number } = {}) {
  const dir = tempDir()
  const state = {} as { fake: FakeProviders; catalog: Catalog; store: FileStore }
  beforeAll(async () => {
    state.fake = await startFakeProviders({ seed, specials: false, chats: 2, messagesPerChat: 8, ...options })
    state.catalog = openCatalog(dir.path)
    state.store = await FileStore.open(dir.path)
  })
  afterAll(async () => {
    state.catalog?.close()
    await state.fake?.close()
    dir.remove()
  })
  const syncOf = (provider: ProviderId, full = false, mode?: ArchiveMode): Promise<SyncSummary> => {
    const c = caseOf(provider)
    const connection = c.extra[1]
    return runSync(
      {
        provider,
        account: c.account,
        ...(connection && { connectionId: connection }),
        full,
        ...(mode && { mode }),
      },
      {
        catalog: state.catalog,
        store: state.store,
        adapter: createAdapter(provider, { apiKey: state.fake.keys[provider], baseUrl: state.fake.url }),
        apiRetry: { maxAttempts: 1 },
      },
    )
  }
  /** Status of a media item and the reason on its `full` job. */
  const item = (mediaId: string): { status: string; error: string | null } | undefined => {
    const db = new Database(join(dir.path, 'catalog.sqlite'), { readonly: true })
    try {
      return db
        .prepare(
          `SELECT m.status, j.last_error AS error FROM media m
           LEFT JOIN jobs j ON j.media_id = m.id AND j.kind = 'full' WHERE m.provider_media_id = ?`,
        )
        .get(mediaId) as { status: string; error: string | null } | undefined
    } finally {
      db.close()
    }
  }
  return { state, dir, syncOf, item }
}

describe.each([
  ['onlyfansapi', 'malformed', 'onlyfansapi: unexpected response at data.list[0].media[0].type'],
  ['fansmetric', 'malformed', 'fansmetric: unexpected response at data.list[0].media[0].type'],
  ['ofauth', 'malformed', 'ofauth: unexpected response at list[0].media[0].type'],
  ['onlyfansapi-fansly', 'malformed', 'onlyfansapi-fansly: unexpected response at data.accountMedia['],
  ['onlyfansapi-fansly', 'withheld', 'was not returned by the provider'],
] as const)('%s: a %s item', (provider, fault, reason) => {
  const { state, syncOf, item } = world(21)
  const account = caseOf(provider).account
  let badId = ''

  it('is catalogued as failed with its reason, the rest archives, the sync exits 1 naming it', async () => {
    const chat = state.fake.dataset.account(provider, account)!.chats[0]!
    const good = state.fake.dataset.addMessage(provider, account, chat.id, {
      mediaCount: 2,
      types: ['photo'],
    })
    const bad = state.fake.dataset.addMessage(provider, account, chat.id, {
      mediaCount: 1,
      types: ['photo'],
      fault,
    })
    badId = bad.mediaIds[0]!
    const summary = await syncOf(provider)
    expect(exitOf(summary)).toBe(1)
    expect(summary).toMatchObject({ error: null, failed: 1 })
    expect(summary.problems).toHaveLength(1)
    expect(summary.problems[0]).toContain(reason)
    expect(item(badId)).toEqual({ status: 'failed', error: summary.problems[0] })
    // Everything else, the items sent just before it on the same page included, is archived.
    const fakeAccount = state.fake.dataset.account(provider, account)!
    const all = fakeAccount.chats.flatMap((c) => state.fake.dataset.chatMediaIds(fakeAccount, c.id))
    for (const id of all.filter((id) => id !== badId)) expect(item(id)?.status, id).toBe('downloaded')
    for (const id of good.mediaIds) expect(item(id)?.status).toBe('downloaded')
  })

  it('a later sync retries it and archives it once the provider sends it right', async () => {
    const again = await syncOf(provider)
    expect(exitOf(again)).toBe(1)
    expect(again).toMatchObject({ failed: 1 })
    expect(item(badId)?.status).toBe('failed')
    state.fake.dataset.setFault(badId, null)
    const fixed = await syncOf(provider)
    expect(exitOf(fixed)).toBe(0)
    expect(fixed).toMatchObject({ failed: 0, problems: [] })
    expect(item(badId)?.status).toBe('downloaded')
  })
})

describe('the sync command names what it could not read', () => {
  const c = caseOf('onlyfansapi')
  const dir = tempDir()
  let fake: FakeProviders
  beforeAll(async () => {
    fake = await startFakeProviders({ seed: 23, specials: false, chats: 1, messagesPerChat: 4 })
  })
  afterAll(async () => {
    await fake.close()
    dir.remove()
  })

  it('in its --json document and its text summary, exit 1', async () => {
    const chat = fake.dataset.account(c.provider, c.account)!.chats[0]!
    fake.dataset.addMessage(c.provider, c.account, chat.id, { mediaCount: 1, fault: 'malformed' })
    const json = await sync(c, fake, dir.path)
    expect(json.result.code).toBe(1)
    expect((json.json as unknown as { problems: string[] }).problems).toEqual([
      expect.stringContaining('onlyfansapi: unexpected response at data.list[0].media[0].type'),
    ])
    const args = syncArgs(c, fake, dir.path, ['--full']).filter((arg) => arg !== '--json')
    const text = await runCli(args, { env: keyEnv(c, fake) })
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(
      /^Could not read: onlyfansapi: unexpected response at data\.list\[0\]\.media\[0\]\.type/m,
    )
  })
})

describe('a provider that never stops paging (its chat media route, --media-only)', () => {
  const { state, syncOf } = world(22, { chats: 1, messagesPerChat: 30 })
  const mediaRequests = (from: number): number =>
    state.fake.requestLog.slice(from).filter((r) => /\/chats\/\d+\/media\?/.test(r.path)).length

  it('serving one page under fresh cursors forever is stopped after 4 requests, not 10,000', async () => {
    state.fake.faults({ runawayPaging: 'repeat' })
    const start = state.fake.requestLog.length
    const summary = await syncOf('onlyfansapi', false, 'media')
    expect(exitOf(summary)).toBe(1)
    // The chat's failure, not the run's (issue 17.8): the run went on with the other chats.
    expect(summary.error).toBeNull()
    expect(summary.failedChats[0]?.error).toMatch(
      /onlyfansapi: paging media of chat \d+ stopped: 3 pages in a row brought nothing new/,
    )
    expect(mediaRequests(start)).toBe(4)
  })

  it('inventing new messages forever is stopped soon after the size the archive knows', async () => {
    state.fake.resetFaults()
    expect(exitOf(await syncOf('onlyfansapi', false, 'media'))).toBe(0)
    state.fake.faults({ runawayPaging: 'fresh' })
    const start = state.fake.requestLog.length
    const summary = await syncOf('onlyfansapi', true, 'media')
    expect(exitOf(summary)).toBe(1)
    expect(summary.failedChats[0]?.error).toMatch(/far past the \d+ items expected \(runaway paging\)/)
    // 20 messages a page: (archived × 2 + 5,000) / 20 pages at most, about 250 instead of 10,000.
    expect(mediaRequests(start)).toBeLessThanOrEqual(260)
  })
})

describe('a provider that never stops paging (its messages route, whole conversations)', () => {
  const { state, syncOf } = world(23, { chats: 1, messagesPerChat: 30 })
  const messageRequests = (from: number): number =>
    state.fake.requestLog.slice(from).filter((r) => /\/chats\/\d+\/messages\?/.test(r.path)).length

  it('the first page served again is stopped at its repeated cursor: 2 requests', async () => {
    state.fake.faults({ runawayPaging: 'repeat' })
    const start = state.fake.requestLog.length
    const summary = await syncOf('onlyfansapi')
    expect(exitOf(summary)).toBe(1)
    expect(summary.failedChats[0]?.error).toMatch(
      /onlyfansapi: paging .*messages.* stopped: cursor .* repeated/,
    )
    expect(messageRequests(start)).toBe(2)
  })

  it('inventing new messages forever is stopped soon after the size the archive knows', async () => {
    state.fake.resetFaults()
    expect(exitOf(await syncOf('onlyfansapi'))).toBe(0)
    state.fake.faults({ runawayPaging: 'fresh' })
    const start = state.fake.requestLog.length
    const summary = await syncOf('onlyfansapi', true)
    expect(exitOf(summary)).toBe(1)
    expect(summary.failedChats[0]?.error).toMatch(/far past the \d+ items expected \(runaway paging\)/)
    // 100 messages a page: (30 archived × 2 + 5,000) / 100 pages at most, 51 instead of 10,000.
    expect(messageRequests(start)).toBeLessThanOrEqual(52)
  })
})
