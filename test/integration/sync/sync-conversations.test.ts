// Whole conversations for each provider, in process against the fake (issue 12): every message
// archived exactly once with exact text, side and time; an unchanged chat costs only the chat list;
// new messages cost only their pages; a message deleted upstream survives --full and is marked;
// --media-only keeps the media route and its request counts; a media-only catalog upgrades, paging
// each chat to its end once; a credit cap stops cleanly and the next sync completes.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../../src/shared/domain'
import { providerMeta } from '../../../src/shared/providers'
import type { ArchiveMode } from '../../../src/shared/vocabulary'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import type { MessageListRow } from '../../../src/main/catalog/repositories/message-list'
import { htmlToText } from '../../../src/main/providers/html-text'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync, type SyncRequest, type SyncSummary } from '../../../src/main/sync/run-sync'
import type { FakeChat, FakeMessage } from '../../fake-providers/dataset'
import { fanslyReportedTime } from '../../fake-providers/fansly-message-views'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { exitOf, providerCases, type ProviderCase } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

/** The chat media route's page size per OnlyFans wrapper (its adapter's route table). */
const mediaPageSize: Partial<Record<ProviderId, number>> = { onlyfansapi: 20, ofauth: 100, fansmetric: 50 }

interface World {
  fake: FakeProviders
  catalog: Catalog
  store: FileStore
}

function expectedText(provider: ProviderId, message: FakeMessage): string {
  return provider === 'onlyfansapi-fansly' ? message.text : htmlToText(message.text)
}

function expectedTime(provider: ProviderId, message: FakeMessage): string {
  const ms = provider === 'onlyfansapi-fansly' ? fanslyReportedTime(message) : message.createdAt
  return new Date(ms).toISOString()
}

/** Pages a chat's route needs to be read to its end once. */
function routePages(c: ProviderCase, route: 'messages' | 'media', chat: FakeChat): number {
  const all = chat.messages.length
  if (c.provider === 'onlyfansapi-fansly') return Math.ceil(all / 100) + 1 // an empty page ends it
  if (route === 'messages')
    return Math.max(1, Math.ceil(all / providerMeta[c.provider].conversationCost.messagesPerPage))
  const withMedia = chat.messages.filter((m) => m.mediaIds.length > 0).length
  return Math.max(1, Math.ceil(withMedia / (mediaPageSize[c.provider] ?? 1)))
}

describe.each(providerCases)('$provider: whole conversations', (c) => {
  const main = tempDir()
  const mediaOnly = tempDir()
  const capped: Record<ArchiveMode, ReturnType<typeof tempDir>> = {
    conversations: tempDir(),
    media: tempDir(),
  }
  const paid = tempDir()
  const dirs = [main, mediaOnly, capped.conversations, capped.media, paid]
  const worlds = new Map<string, World>()
  let fake: FakeProviders

  beforeAll(async () => {
    fake = await startFakeProviders({
      seed: 31,
      specials: false,
      chats: 3,
      messagesPerChat: 40,
      mediaPerMessage: [0, 1],
      fileSizes: [2_000, 4_000],
    })
    // A long run of text in the first chat: more than one page everywhere.
    const first = fake.dataset.account(c.provider, c.account)!.chats[0]!
    for (let i = 0; i < 110; i++)
      fake.dataset.addMessage(c.provider, c.account, first.id, {
        mediaCount: 0,
        fromCreator: i % 2 === 0,
        text: `text only ${i}`,
      })
    for (const dir of dirs)
      worlds.set(dir.path, { fake, catalog: openCatalog(dir.path), store: await FileStore.open(dir.path) })
  })
  afterAll(async () => {
    for (const world of worlds.values()) world.catalog.close()
    await fake?.close()
    for (const dir of dirs) dir.remove()
  })

  const sync = (dir: string, request: Partial<SyncRequest> = {}): Promise<SyncSummary> => {
    const world = worlds.get(dir)!
    const connection = c.extra[1]
    return runSync(
      {
        provider: c.provider,
        account: c.account,
        ...(connection && { connectionId: connection }),
        ...request,
      },
      {
        catalog: world.catalog,
        store: world.store,
        adapter: createAdapter(c.provider, { apiKey: fake.keys[c.provider], baseUrl: fake.url }),
        apiRetry: { maxAttempts: 1 },
      },
    )
  }
  const archived = (dir: string): MessageListRow[] => [
    ...worlds.get(dir)!.catalog.messageList.list({ provider: c.provider, account: c.account }),
  ]
  const chats = (): readonly FakeChat[] => fake.dataset.account(c.provider, c.account)!.chats
  /** API requests since `from`, downloads through the provider's download endpoint excluded. */
  const requestsSince = (from: number): string[] =>
    fake.requestLog
      .slice(from)
      .filter((r) => r.provider === c.provider && !r.path.includes('/media/download/'))
      .map((r) => decodeURIComponent(r.path))
  const routeOf = (path: string): 'chats' | 'messages' | 'media' | 'other' =>
    /\/chats(\?|$)/.test(path)
      ? 'chats'
      : /\/messages(\?|$)/.test(path)
        ? 'messages'
        : /\/chats\/[^/]+\/media(\?|$)/.test(path)
          ? 'media'
          : 'other'

  /** Every message the fake has in each chat, in the catalog exactly once, oldest first. */
  function expectWholeConversations(dir: string): void {
    const rows = archived(dir)
    for (const chat of chats()) {
      const got = rows.filter((r) => r.chat === chat.id)
      expect(got.map((r) => r.messageId)).toEqual(chat.messages.map((m) => m.id))
      got.forEach((row, i) => {
        const want = chat.messages[i]!
        expect(row.text).toBe(expectedText(c.provider, want))
        expect(row.fromCreator).toBe(want.fromCreator)
        expect(row.createdAt).toBe(expectedTime(c.provider, want))
        expect(row.tip).toBe(want.tip)
        expect(row.replyToId).toBe(want.replyToId)
        expect(row.mediaIds).toEqual(want.mediaIds)
      })
    }
  }

  it('archives every message exactly once with its exact text, side, time, tip and media', async () => {
    const summary = await sync(main.path)
    expect(exitOf(summary), summary.error ?? '').toBe(0)
    expectWholeConversations(main.path)
    const total = chats().reduce((n, chat) => n + chat.messages.length, 0)
    expect(summary).toMatchObject({
      messagesSeen: total,
      messagesNew: total,
      outcome: { creditCapReached: false },
    })
    expect(
      chats()
        .flatMap((chat) => chat.messages)
        .some((m) => m.mediaIds.length === 0),
    ).toBe(true)
    // A request costs a credit where the provider reports none (OFAuth), and one where it does.
    expect(summary.credits).toBeGreaterThanOrEqual(summary.requests)
  })

  it('a re-sync of unchanged chats costs only the chat list', async () => {
    const start = fake.requestLog.length
    const summary = await sync(main.path)
    expect(exitOf(summary)).toBe(0)
    expect(requestsSince(start).map(routeOf)).toEqual(['chats'])
    expect(summary).toMatchObject({ requests: 1, messagesSeen: 0, unchangedChats: 3 })
  })

  it('new messages cost only the page that holds them', async () => {
    const chat = chats()[1]!
    const added = [
      fake.dataset.addMessage(c.provider, c.account, chat.id, { mediaCount: 0, text: 'plain words' }),
      fake.dataset.addMessage(c.provider, c.account, chat.id, { mediaCount: 0, fromCreator: false, tip: 20 }),
      fake.dataset.addMessage(c.provider, c.account, chat.id, { mediaCount: 1, types: ['photo'] }),
    ]
    const start = fake.requestLog.length
    const summary = await sync(main.path)
    expect(exitOf(summary), summary.error ?? '').toBe(0)
    const paths = requestsSince(start)
    const pages = paths.filter((p) => routeOf(p) === 'messages')
    expect(pages).toHaveLength(1)
    expect(pages[0]).toContain(`/${chat.id}/`)
    expect(paths.filter((p) => routeOf(p) === 'media')).toEqual([])
    expect(summary).toMatchObject({ messagesNew: 3, downloaded: 1 })
    expect(archived(main.path).filter((r) => added.some((m) => m.id === r.messageId))).toHaveLength(3)
    expectWholeConversations(main.path)
  })

  it('a message deleted upstream survives --full and is marked, with its media; files stay', async () => {
    const chat = chats()[2]!
    const withMedia = chat.messages.find((m) => m.mediaIds.length > 0)!
    const textOnly = chat.messages.find((m) => m.mediaIds.length === 0)!
    fake.dataset.deleteMessage(c.provider, c.account, chat.id, withMedia.id)
    fake.dataset.deleteMessage(c.provider, c.account, chat.id, textOnly.id)
    const gone = [withMedia.id, textOnly.id]
    const deletedOf = (): string[] =>
      archived(main.path)
        .filter((r) => r.deletedUpstreamAt !== null)
        .map((r) => r.messageId)
    // An incremental sync never concludes anything: it does not read the chat to its end.
    await sync(main.path)
    expect(deletedOf()).toEqual([])
    const full = await sync(main.path, { full: true })
    expect(exitOf(full), full.error ?? '').toBe(0)
    expect(deletedOf().sort()).toEqual([...gone].sort())
    expect(full).toMatchObject({
      messagesDeletedUpstream: 2,
      mediaDeletedUpstream: withMedia.mediaIds.length,
    })
    const db = new Database(join(main.path, 'catalog.sqlite'), { readonly: true })
    try {
      const media = db
        .prepare(
          `SELECT provider_media_id AS id, status, deleted_upstream_at AS gone FROM media WHERE provider_media_id IN
           (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(withMedia.mediaIds)) as { id: string; status: string; gone: string | null }[]
      expect(media.map((m) => m.status)).toEqual(withMedia.mediaIds.map(() => 'downloaded'))
      expect(media.every((m) => m.gone !== null)).toBe(true)
      expect(
        (
          db.prepare(`SELECT count(*) AS n FROM media WHERE deleted_upstream_at IS NOT NULL`).get() as {
            n: number
          }
        ).n,
      ).toBe(withMedia.mediaIds.length)
    } finally {
      db.close()
    }
    // Kept with everything else, once; a second full pass marks nothing new.
    expect(archived(main.path).filter((r) => gone.includes(r.messageId))).toHaveLength(2)
    const again = await sync(main.path, { full: true })
    expect(again).toMatchObject({ messagesDeletedUpstream: 0, mediaDeletedUpstream: 0 })
    expect(deletedOf().sort()).toEqual([...gone].sort())
  })

  it('--media-only reads the chat media route as before, each chat to its end once', async () => {
    const start = fake.requestLog.length
    const summary = await sync(mediaOnly.path, { mode: 'media' })
    expect(exitOf(summary), summary.error ?? '').toBe(0)
    const paths = requestsSince(start)
    expect(paths.filter((p) => routeOf(p) === 'messages' && c.provider !== 'onlyfansapi-fansly')).toEqual([])
    const pageRoute = c.provider === 'onlyfansapi-fansly' ? 'messages' : 'media'
    for (const chat of chats()) {
      const pages = paths.filter((p) => routeOf(p) === pageRoute && p.includes(`/${chat.id}/`))
      expect(pages.length, chat.id).toBe(routePages(c, 'media', chat))
    }
    const chatList = paths.filter((p) => routeOf(p) === 'chats').length
    expect(summary.requests).toBe(paths.length)
    // Nothing else, but Fansly's batched /account-media calls for attachments a page left out.
    if (c.provider !== 'onlyfansapi-fansly') expect(paths.filter((p) => routeOf(p) === 'other')).toEqual([])
    // Only messages carrying media are archived.
    const rows = archived(mediaOnly.path)
    const withMedia = chats().flatMap((chat) => chat.messages.filter((m) => m.mediaIds.length > 0))
    expect(rows.map((r) => r.messageId).sort()).toEqual(withMedia.map((m) => m.id).sort())
    const again = await sync(mediaOnly.path, { mode: 'media' })
    expect(again.requests).toBe(chatList)
  })

  it('a media-only catalog upgrades: the first whole sync pages each chat to its end once, losing nothing', async () => {
    const before = archived(mediaOnly.path)
    const files = worlds.get(mediaOnly.path)!.catalog.stats.stats()
    const start = fake.requestLog.length
    const summary = await sync(mediaOnly.path)
    expect(exitOf(summary), summary.error ?? '').toBe(0)
    const paths = requestsSince(start)
    for (const chat of chats()) {
      const pages = paths.filter((p) => routeOf(p) === 'messages' && p.includes(`/${chat.id}/`))
      expect(pages.length, chat.id).toBe(routePages(c, 'messages', chat))
    }
    expect(summary.downloaded).toBe(0)
    expect(summary.messagesNew).toBe(archived(mediaOnly.path).length - before.length)
    // Every message of before is still there, unchanged; the files too.
    const after = new Map(archived(mediaOnly.path).map((r) => [r.messageId, r]))
    for (const row of before) expect(after.get(row.messageId)).toEqual(row)
    expect(worlds.get(mediaOnly.path)!.catalog.stats.stats()).toMatchObject({
      files: files.files,
      bytes: files.bytes,
    })
    // The whole conversation now, exactly as the fake has it.
    expectWholeConversations(mediaOnly.path)
    const start2 = fake.requestLog.length
    const quiet = await sync(mediaOnly.path)
    expect(requestsSince(start2).map(routeOf)).toEqual(['chats'])
    expect(quiet.messagesSeen).toBe(0)
  })

  it.each(['conversations', 'media'] as ArchiveMode[])(
    'a credit cap (%s) stops before passing it, and the next sync completes',
    async (mode) => {
      const cap = 3
      const dir = capped[mode].path
      const start = fake.requestLog.length
      const stopped = await sync(dir, { maxCredits: cap, mode })
      expect(stopped.outcome.creditCapReached).toBe(true)
      expect(stopped.error).toMatch(/credit cap of 3/)
      expect(stopped.credits).toBeLessThanOrEqual(cap)
      // What the fake saw: never more paid requests than the cap.
      expect(requestsSince(start).length).toBeLessThanOrEqual(cap)
      const done = await sync(dir, { mode })
      expect(exitOf(done), done.error ?? '').toBe(0)
      expect(done.outcome.creditCapReached).toBe(false)
      if (mode === 'conversations') expectWholeConversations(dir)
      const stats = worlds.get(dir)!.catalog.stats.stats()
      expect(stats.byStatus.pending ?? 0).toBe(0)
    },
  )

  // OnlyFansAPI serves every file through its download endpoint at 3 credits per started MB (the
  // fake's files are a few KB: 3 each). The cap counts them with the API requests.
  it.runIf(c.provider === 'onlyfansapi')(
    'paid downloads count against the cap: what the fake served stays within it, and the next sync completes',
    async () => {
      const cap = 20
      const start = fake.requestLog.length
      const stopped = await sync(paid.path, { maxCredits: cap })
      const log = fake.requestLog.slice(start).filter((r) => r.provider === c.provider)
      const downloads = log.filter((r) => r.path.includes('/media/download/')).length
      const api = log.length - downloads
      expect(stopped.outcome.creditCapReached).toBe(true)
      expect(downloads).toBeGreaterThan(0)
      expect(stopped.credits).toBe(api + 3 * downloads)
      expect(stopped.credits).toBeLessThanOrEqual(cap)
      const done = await sync(paid.path)
      expect(exitOf(done), done.error ?? '').toBe(0)
      expectWholeConversations(paid.path)
      expect(worlds.get(paid.path)!.catalog.stats.stats().byStatus.pending ?? 0).toBe(0)
    },
  )
})
