import { describe, expect, it } from 'vitest'
import { mediaQuerySchema } from '../../../src/shared/contract'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { eachTestCatalog } from '../../support/temp-catalog'
import { attachMedia, mediaRow, messageRow } from '../../support/catalog-rows'
import type { MediaInput } from '../../../src/main/catalog/repositories/media'

let catalog: Catalog
eachTestCatalog((opened) => (catalog = opened))

/** A 10×10 photo of 100 bytes whose stored item the tests read back. */
const photo = (providerMediaId: string, more: Partial<MediaInput> = {}): MediaInput =>
  mediaRow(providerMediaId, { width: 10, height: 10, size: 100, item: { kept: 'verbatim' }, ...more })

/** A chat as a provider lists it; the tests care about its id and fan names only. */
function chatInput(externalId: string, fanUsername: string | null = null, fanName: string | null = null) {
  return { externalId, fanId: null, fanUsername, fanName, lastMessageAt: null, raw: {} }
}

function message(externalId: string, text: string, createdAt: string) {
  return messageRow(externalId, text, createdAt, { raw: { externalId } })
}

/** One photo in the one message of a fresh chat of a fresh OFAuth account: its media row. */
function photoInNewChat(account: string, providerMediaId: string) {
  const { id: accountId } = catalog.accounts.upsert('ofauth', account)
  const chat = catalog.chats.upsert(accountId, chatInput('c'))
  const msg = catalog.messages.upsert(chat.id, message('1', '', '2024-01-01T00:00:00.000Z'))
  return catalog.media.upsert(accountId, photo(providerMediaId), {
    messageId: msg.id,
    sortAt: msg.createdAt,
    price: null,
  })
}

describe('catalog repositories', () => {
  it('one media item sent in two chats is one row linked twice, sorted by its first sighting', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct_1')
    const chatA = catalog.chats.upsert(account.id, chatInput('a', 'alice', 'Alice'))
    const chatB = catalog.chats.upsert(account.id, chatInput('b', 'bob', 'Bob'))
    const m1 = catalog.messages.upsert(chatA.id, message('1', 'later', '2024-05-02T00:00:00.000Z'))
    const m2 = catalog.messages.upsert(chatB.id, message('2', 'earlier', '2024-05-01T00:00:00.000Z'))
    const first = catalog.media.upsert(account.id, photo('x'), {
      messageId: m1.id,
      sortAt: m1.createdAt,
      price: null,
    })
    const second = catalog.media.upsert(account.id, photo('x'), {
      messageId: m2.id,
      sortAt: m2.createdAt,
      price: 5,
    })
    catalog.messages.linkMedia(m1.id, first.id, 0)
    catalog.messages.linkMedia(m2.id, second.id, 0)
    expect(second.id).toBe(first.id)
    expect(second.sortAt).toBe('2024-05-01T00:00:00.000Z')
    expect(catalog.gallery.messagesOf(first.id).map((l) => l.chatLabel)).toEqual(['Bob', 'Alice'])
    const page = catalog.gallery.search(mediaQuerySchema.parse({}))
    expect(page.total).toBe(1)
    expect(page.rows[0]).toMatchObject({ chatLabel: 'Bob', text: 'earlier', price: 5 })
    expect([...catalog.mediaLinks.list({})].map((r) => r.chat)).toEqual(['a', 'b'])
    expect(catalog.stats.stats()).toMatchObject({ accounts: 1, chats: 2, messages: 2, media: 1 })
  })

  it('a known item seen again takes its fresh item (new URLs), keeps its earliest date and highest price, and takes real changes', () => {
    const account = catalog.accounts.upsert('ofauth', 'acct_k')
    const chat = catalog.chats.upsert(account.id, chatInput('k', 'kim', 'Kim'))
    const early = catalog.messages.upsert(chat.id, message('e', 'early', '2024-03-01T00:00:00.000Z'))
    const late = catalog.messages.upsert(chat.id, message('l', 'late', '2024-03-05T00:00:00.000Z'))
    const seen = (
      item: unknown,
      messageId: number,
      sortAt: string,
      price: number | null,
      type: 'photo' | 'video' = 'photo',
    ) => catalog.media.upsert(account.id, photo('k1', { type, item }), { messageId, sortAt, price })
    const first = seen({ url: 'v1' }, early.id, early.createdAt, 10)
    // A later sighting at a lower price: date and price stay, the stored item (fresh URLs) is new.
    const again = seen({ url: 'v2' }, late.id, late.createdAt, 5)
    expect(again).toMatchObject({ id: first.id, sortAt: '2024-03-01T00:00:00.000Z', type: 'photo' })
    expect(JSON.parse(again.itemJson)).toEqual({ url: 'v2' })
    expect(catalog.gallery.search(mediaQuerySchema.parse({})).rows[0]).toMatchObject({ price: 10 })
    // A new type and a higher price are taken; the counters follow the type.
    const changed = seen({ url: 'v3' }, late.id, late.createdAt, 20, 'video')
    expect(changed).toMatchObject({ id: first.id, type: 'video', sortAt: '2024-03-01T00:00:00.000Z' })
    expect(JSON.parse(changed.itemJson)).toEqual({ url: 'v3' })
    expect(catalog.gallery.search(mediaQuerySchema.parse({})).rows[0]).toMatchObject({ price: 20 })
    expect(catalog.stats.stats().byType).toMatchObject({ video: 1 })
  })

  it('full-text search finds message words and fan names, and treats FTS syntax as text', () => {
    const account = catalog.accounts.upsert('fansmetric', 'acct_2')
    const chat = catalog.chats.upsert(account.id, chatInput('c', 'sunny_dee', 'Désirée 🌸'))
    const msg = catalog.messages.upsert(
      chat.id,
      message('9', 'Beach pictures from Málaga', '2024-01-01T00:00:00.000Z'),
    )
    attachMedia(catalog, account.id, { messageId: msg.id, sortAt: msg.createdAt }, photo('p'))
    const count = (search: string): number => catalog.gallery.search(mediaQuerySchema.parse({ search })).total
    expect(count('malaga')).toBe(1)
    expect(count('beach pic')).toBe(1)
    expect(count('desiree')).toBe(1)
    expect(count('sunny')).toBe(1)
    expect(count('mountain')).toBe(0)
    expect(count('" OR * NEAR(')).toBe(0)
    expect(count('fan:beach')).toBe(0)
    // Renaming the fan reaches the index through the trigger.
    catalog.chats.upsert(account.id, chatInput('c', 'renamed_user', 'Zed'))
    expect(count('zed')).toBe(1)
    expect(count('desiree')).toBe(0)
  })

  it('a cached search result is dropped as soon as the catalog changes', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct_c')
    const chat = catalog.chats.upsert(account.id, chatInput('c', 'u'))
    const add = (id: string, text: string, at: string): void => {
      const msg = catalog.messages.upsert(chat.id, message(id, text, at))
      attachMedia(catalog, account.id, { messageId: msg.id, sortAt: at }, photo(`p${id}`))
    }
    add('1', 'lighthouse at dawn', '2024-01-01T00:00:00.000Z')
    const query = mediaQuerySchema.parse({ search: 'lighthouse', limit: 1 })
    expect(catalog.gallery.search(query).total).toBe(1)
    add('2', 'another lighthouse', '2024-02-01T00:00:00.000Z')
    const page = catalog.gallery.search(query)
    expect(page.total).toBe(2)
    expect(page.rows.map((r) => r.text)).toEqual(['another lighthouse'])
    expect(catalog.gallery.search({ ...query, offset: 1 }).rows.map((r) => r.text)).toEqual([
      'lighthouse at dawn',
    ])
  })

  it('jobs reset from running to pending at start-up, and failed jobs get a fresh start on the next sync', () => {
    const media = photoInNewChat('acct_3', 'j')
    const job = catalog.jobs.ensure(media.id, 'full', 100)
    expect(job).toBeDefined()
    catalog.jobs.setStatus(job!.id, 'running')
    expect(catalog.jobs.resetRunning()).toBe(1)
    catalog.jobs.recordFailure(job!.id, 'HTTP 500', null)
    expect(catalog.jobs.get(job!.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 500' })
    catalog.jobs.ensure(media.id, 'full', 100)
    expect(catalog.jobs.get(job!.id)).toMatchObject({ status: 'pending', attempts: 0 })
  })

  it('a job row owns its retry state: a stored wait survives the next listing, and success clears it', () => {
    const media = photoInNewChat('acct_4', 'r')
    const job = catalog.jobs.ensure(media.id, 'full', 100)
    expect(job).toEqual({ id: job.id, kind: 'full', status: 'pending', attempts: 0, retryAfter: null })
    catalog.jobs.recordFailure(job.id, 'HTTP 429: retry in 3600 s', 1_900_000_000_000)
    catalog.jobs.recordFailure(job.id, 'HTTP 429: retry in 3600 s', 1_900_000_360_000)
    // Listed again by a later sync: still waiting, with its attempts, and ensure says so.
    expect(catalog.jobs.ensure(media.id, 'full', 100)).toEqual({
      id: job.id,
      kind: 'full',
      status: 'pending',
      attempts: 2,
      retryAfter: 1_900_000_360_000,
    })
    catalog.jobs.done(job.id)
    expect(catalog.jobs.get(job.id)).toMatchObject({ status: 'done', retryAfter: null, lastError: null })
  })

  it('chat sync marks: set after a complete sync, kept when a mark is unknown, read back on the row', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct_1')
    const chat = catalog.chats.upsert(account.id, chatInput('a'))
    expect(chat).toMatchObject({ seenLastMessageId: null, completeThrough: null })
    catalog.chats.markComplete(chat.id, { lastMessageId: '41', completeThrough: '2024-05-02T00:00:00.000Z' })
    // A chat named with --chat has no listed id; an empty page no time: the marks stay.
    catalog.chats.markComplete(chat.id, { lastMessageId: null, completeThrough: null })
    expect(catalog.chats.getById(chat.id)).toMatchObject({
      seenLastMessageId: '41',
      completeThrough: '2024-05-02T00:00:00.000Z',
    })
    // A re-listed chat keeps its marks: they are the sync's, not the provider's.
    catalog.chats.upsert(account.id, chatInput('a', 'alice'))
    expect(catalog.chats.getById(chat.id)?.seenLastMessageId).toBe('41')
  })

  it('tells which chats hold a locked item', () => {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct_1')
    const chatOf = (externalId: string) => catalog.chats.upsert(account.id, chatInput(externalId))
    const [open, locked] = [chatOf('open'), chatOf('locked')]
    for (const [chat, canView, id] of [
      [open, true, 'x'],
      [locked, false, 'y'],
    ] as const) {
      const m = catalog.messages.upsert(chat.id, message(id, 'ppv', '2024-05-01T00:00:00.000Z'))
      const seenIn = { messageId: m.id, sortAt: m.createdAt, price: canView ? null : 9.99 }
      const mediaId = attachMedia(catalog, account.id, seenIn, photo(id, { canView }))
      // The sync gives an item it cannot view this status (media-plan.ts).
      if (!canView) catalog.media.setStatus(mediaId, 'locked')
    }
    expect([...catalog.chats.withLockedMedia(account.id)]).toEqual([locked.id])
    const other = catalog.accounts.upsert('onlyfansapi', 'acct_2')
    expect(catalog.chats.withLockedMedia(other.id).size).toBe(0)
  })

  it('rejects rows that break the schema instead of storing them', () => {
    // Provider ids are checked where they enter (migration 0004 says why), the rest by the schema.
    expect(() =>
      catalog.db
        .prepare(`INSERT INTO accounts (provider, external_id, created_at) VALUES (NULL, 'x', 'now')`)
        .run(),
    ).toThrow(/NOT NULL/)
    expect(() =>
      catalog.db
        .prepare(
          `INSERT INTO files (sha256, size, mime, rel_path, created_at) VALUES ('short', 1, 'a', 'b', 'c')`,
        )
        .run(),
    ).toThrow(/CHECK/)
    expect(() =>
      catalog.db.prepare(`INSERT INTO chats (account_id, external_id) VALUES (999, 'x')`).run(),
    ).toThrow(/FOREIGN KEY/)
  })
})
