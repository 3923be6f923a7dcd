// The planner's marks (migration 0003), in process against the fake. A re-sync cut short in the
// middle of a chat's new messages must not leave a gap: the next sync has to page past the
// messages the cut-short run already stored, down to what the last complete sync had, even though
// the first pages it reads now hold only known messages. Filtered and --chat syncs read what they
// are asked to but must not make a later sync skip more than it may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { createAdapter } from '../../../src/main/providers/registry'
import type { ProviderAdapter } from '../../../src/main/providers/types'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync, type SyncRequest, type SyncSummary } from '../../../src/main/sync/run-sync'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { exitOf } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const provider = 'onlyfansapi'
const account = 'acct_fake_onlyfans_1'
const dir = tempDir()
let fake: FakeProviders
let catalog: Catalog
let store: FileStore

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 11, specials: false, chats: 2, messagesPerChat: 10 })
  catalog = openCatalog(dir.path)
  store = await FileStore.open(dir.path)
})
afterAll(async () => {
  catalog?.close()
  await fake?.close()
  dir.remove()
})

type PageMethod = 'listChatMedia' | 'listChatMessages'

/** The real adapter, except that the chosen call (1-based) of `method` for a chat fails. */
function failingOn(chatId: string, call: number, method: PageMethod): ProviderAdapter {
  const real = createAdapter(provider, { apiKey: fake.keys.onlyfansapi, baseUrl: fake.url })
  let calls = 0
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key !== method) return Reflect.get(target, key, receiver) as unknown
      return (...args: Parameters<ProviderAdapter['listChatMedia']>) => {
        if (args[1] === chatId && ++calls === call) throw new Error('connection lost (test)')
        return target[method](...args)
      }
    },
  })
}

function syncWith(
  adapter: ProviderAdapter = realAdapter(),
  request: Partial<SyncRequest> = {},
): Promise<SyncSummary> {
  return runSync({ provider, account, ...request }, { catalog, store, adapter, apiRetry: { maxAttempts: 1 } })
}

function realAdapter(): ProviderAdapter {
  return createAdapter(provider, { apiKey: fake.keys.onlyfansapi, baseUrl: fake.url })
}

function chatRow(chatId: string) {
  return catalog.chats.get(catalog.accounts.get(provider, account)!.id, chatId)!
}

/** Which of `ids` the catalog holds as messages of the chat. */
function stored(chatId: string, ids: readonly string[]): string[] {
  const accountRow = catalog.accounts.get(provider, account)!
  const chat = catalog.chats.get(accountRow.id, chatId)!
  return ids.filter((id) => catalog.messages.exists(chat.id, id))
}

// OnlyFansAPI pages chat media by 20 and messages by 100.
describe.each([
  { mode: 'media', method: 'listChatMedia', page: 20 },
  { mode: 'conversations', method: 'listChatMessages', page: 100 },
] as const)('a re-sync cut short in a chat ($mode)', ({ mode, method, page }) => {
  it('is completed by the next sync, with no gap between old and new messages', async () => {
    const first = await syncWith(realAdapter(), { mode })
    expect(exitOf(first)).toBe(0)
    const chat = fake.dataset.account(provider, account)!.chats[0]!
    // Three pages of new messages.
    const added = Array.from({ length: page * 2 + page / 4 }, () =>
      fake.dataset.addMessage(provider, account, chat.id, { mediaCount: 1, types: ['photo'] }),
    )
    const cut = await syncWith(failingOn(chat.id, 2, method), { mode })
    expect(cut.error).toMatch(/connection lost/)
    const ids = added.map((m) => m.id)
    // The newest page made it in before the cut.
    expect(stored(chat.id, ids)).toEqual(ids.slice(-page))

    const next = await syncWith(realAdapter(), { mode })
    expect(exitOf(next)).toBe(0)
    expect(stored(chat.id, ids)).toEqual(ids)
    // Whatever the cut-short run did not finish downloading, this one did.
    expect(cut.downloaded + next.downloaded).toBe(added.length)
    expect(next.pending + next.failed).toBe(0)
  })
})

describe('sync marks', () => {
  it('a type-filtered sync reads a changed chat but leaves the skip to an unfiltered one', async () => {
    expect((await syncWith()).requests).toBe(1)
    const chat = fake.dataset.account(provider, account)!.chats[1]!
    const before = chatRow(chat.id)
    fake.dataset.addMessage(provider, account, chat.id, { mediaCount: 1, types: ['video'] })
    const photos = await syncWith(realAdapter(), { type: 'photos' })
    expect(photos.requests).toBeGreaterThan(1)
    // Only photos were asked for: nothing proves the video was stored, so the marks stay.
    expect(chatRow(chat.id)).toMatchObject({
      seenLastMessageId: before.seenLastMessageId,
      completeThrough: before.completeThrough,
    })
    const all = await syncWith()
    expect(all.requests).toBeGreaterThan(1)
    expect(all.downloaded).toBe(1)
    expect(chatRow(chat.id).seenLastMessageId).not.toBe(before.seenLastMessageId)
    expect((await syncWith()).requests).toBe(1)
  })

  it('a chat named with --chat is read even when unchanged, and the skip still works after', async () => {
    const chat = fake.dataset.account(provider, account)!.chats[0]!
    const named = await syncWith(realAdapter(), { chats: [chat.id] })
    expect(named.requests).toBeGreaterThanOrEqual(1)
    expect(exitOf(named)).toBe(0)
    expect(chatRow(chat.id).seenLastMessageId).not.toBeNull()
    expect((await syncWith()).requests).toBe(1)
  })
})

describe('a Fansly chat with many text-only messages', () => {
  const fansly = 'onlyfansapi-fansly'
  const fanslyAccount = 'fansly_acct_fake_1'
  const syncFansly = (): Promise<SyncSummary> =>
    runSync(
      { provider: fansly, account: fanslyAccount },
      {
        catalog,
        store,
        adapter: createAdapter(fansly, { apiKey: fake.keys[fansly], baseUrl: fake.url }),
        apiRetry: { maxAttempts: 1 },
      },
    )
  /** Message pages of one chat requested since `logStart` (Fansly pages every message, text too). */
  const pagesOf = (chatId: string, logStart: number): number =>
    fake.requestLog.slice(logStart).filter((r) => r.path.includes(`/chats/${chatId}/messages`)).length

  it('reads only the pages a new message needs, not back to the last media message', async () => {
    expect(exitOf(await syncFansly())).toBe(0)
    const chat = fake.dataset.account(fansly, fanslyAccount)!.chats[0]!
    // Two and a half pages of text (Fansly pages by 100), then one more message later.
    for (let i = 0; i < 250; i++) fake.dataset.addMessage(fansly, fanslyAccount, chat.id, { mediaCount: 0 })
    let logStart = fake.requestLog.length
    expect(exitOf(await syncFansly())).toBe(0)
    expect(pagesOf(chat.id, logStart)).toBe(3)
    fake.dataset.addMessage(fansly, fanslyAccount, chat.id, { mediaCount: 0 })
    logStart = fake.requestLog.length
    const one = await syncFansly()
    expect(exitOf(one)).toBe(0)
    // The newest page already reaches back to what the last sync read; media-only marks would
    // have paged through all 250 text messages again.
    expect(pagesOf(chat.id, logStart)).toBe(1)
  })
})
