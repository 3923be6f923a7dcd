// The gallery's totals come from the trigger-kept counters (media_counts, chats.media_count) when
// the filter allows; they must equal counting the rows after everything that changes media: new
// items, items re-sent to other chats, status and type changes, deleted-upstream marks, and an
// account removed with its archive. The filters are checked against a count made here in
// JavaScript from the raw rows, independent of the gallery's SQL.
import { describe, expect, it } from 'vitest'
import type { Catalog } from '../../../src/main/catalog/catalog'
import { mediaQuerySchema, type MediaQuery } from '../../../src/shared/contract'
import type { MediaStatus, MediaType, ProviderId } from '../../../src/shared/domain'
import { seedCatalog } from '../../support/seed-catalog'
import { eachTestCatalog } from '../../support/temp-catalog'

let catalog: Catalog
eachTestCatalog((opened) => (catalog = opened))

interface Item {
  readonly id: number
  readonly accountId: number
  readonly provider: ProviderId
  readonly type: MediaType
  readonly status: MediaStatus
  readonly chats: ReadonlySet<number>
}

function items(): readonly Item[] {
  const links = catalog.db
    .prepare<[], { media: number; chat: number }>(
      `SELECT mm.media_id AS media, msg.chat_id AS chat FROM message_media mm JOIN messages msg ON msg.id = mm.message_id`,
    )
    .all()
  const chatsOf = new Map<number, Set<number>>()
  for (const link of links) chatsOf.set(link.media, (chatsOf.get(link.media) ?? new Set()).add(link.chat))
  return catalog.db
    .prepare<[], Omit<Item, 'chats'>>(
      `SELECT m.id, m.account_id AS accountId, a.provider, m.type, m.status FROM media m JOIN accounts a ON a.id = m.account_id`,
    )
    .all()
    .map((row) => ({ ...row, chats: chatsOf.get(row.id) ?? new Set() }))
}

function expected(filter: Partial<MediaQuery>): number {
  return items().filter(
    (item) =>
      (filter.provider === undefined || item.provider === filter.provider) &&
      (filter.accountId === undefined || item.accountId === filter.accountId) &&
      (filter.chatId === undefined || item.chats.has(filter.chatId)) &&
      (!filter.types?.length || filter.types.includes(item.type)) &&
      (!filter.statuses?.length || filter.statuses.includes(item.status)),
  ).length
}

function total(filter: Partial<MediaQuery>): number {
  return catalog.gallery.search(mediaQuerySchema.parse({ ...filter, limit: 1 })).total
}

/** Every filter shape the counters answer, over the accounts and chats that exist now. */
function counterFilters(): Array<Partial<MediaQuery>> {
  const accounts = catalog.accounts.list()
  const chats = catalog.chats.summaries()
  return [
    {},
    { types: [] },
    { search: '  ' },
    { provider: 'onlyfansapi' },
    { provider: 'onlyfansapi-fansly' },
    { types: ['photo'] },
    { types: ['video', 'gif'] },
    { statuses: ['downloaded'] },
    { statuses: ['failed', 'locked'] },
    { types: ['photo', 'audio'], statuses: ['downloaded', 'pending'] },
    { provider: 'onlyfansapi-fansly', types: ['video'], statuses: ['drm', 'downloaded'] },
    ...accounts.flatMap((a) => [{ accountId: a.id }, { accountId: a.id, statuses: ['downloaded' as const] }]),
    ...chats.slice(0, 4).map((c) => ({ chatId: c.id })),
    { accountId: 9999 },
    { chatId: 9999 },
  ]
}

function expectExact(): void {
  for (const filter of counterFilters()) expect(total(filter), JSON.stringify(filter)).toBe(expected(filter))
}

describe('gallery totals from the counters', () => {
  it('equal a count of the rows after inserts, shares, status and type changes, deleted-upstream marks and a removal', () => {
    const of = seedCatalog(catalog, { chats: 4, messagesPerChat: 12, mediaPerMessage: 2, shareEvery: 5 })
    const fansly = seedCatalog(catalog, {
      provider: 'onlyfansapi-fansly',
      account: 'acct_fansly',
      chats: 3,
      messagesPerChat: 10,
      mediaPerMessage: 1,
      shareEvery: 4,
    })
    expectExact()

    const ids = catalog.db.prepare<[], { id: number }>(`SELECT id FROM media ORDER BY id`).all()
    for (const [i, { id }] of ids.entries()) if (i % 3 === 0) catalog.media.setStatus(id, 'failed')
    // A provider that now calls an item a video: the upsert's conflict branch changes its type.
    const first = catalog.media.getById(ids[0]!.id)!
    const message = catalog.db
      .prepare<[number], { id: number; at: string }>(
        `SELECT msg.id, msg.created_at AS at FROM message_media mm JOIN messages msg ON msg.id = mm.message_id WHERE mm.media_id = ? LIMIT 1`,
      )
      .get(first.id)!
    catalog.media.upsert(
      of.accountId,
      {
        providerMediaId: first.providerMediaId,
        type: first.type === 'video' ? 'photo' : 'video',
        width: null,
        height: null,
        durationSec: null,
        createdAt: message.at,
        canView: true,
        isReady: true,
        hasError: false,
        drm: false,
        size: null,
        item: {},
      },
      { messageId: message.id, sortAt: message.at, price: null },
    )
    expect(catalog.media.getById(first.id)?.type).not.toBe(first.type)
    expectExact()

    // A full pass that saw nothing of one chat: its messages and items are marked, not deleted.
    const chat = catalog.chats.summaries(of.accountId)[0]!
    const at = '2025-01-01T00:00:00.000Z'
    catalog.messages.markDeletedUpstream(chat.id, [], at)
    expect(catalog.media.markDeletedUpstream(chat.id, [], at)).toBeGreaterThan(0)
    expectExact()

    expect(catalog.accounts.remove(fansly.accountId)).toBe(true)
    expectExact()
    expect(total({ provider: 'onlyfansapi-fansly' })).toBe(0)
    // A new account may reuse the removed one's row id: it starts from zero, not the old counts.
    const again = seedCatalog(catalog, {
      provider: 'onlyfansapi-fansly',
      account: 'acct_new',
      chats: 1,
      messagesPerChat: 3,
      mediaPerMessage: 1,
    })
    expect(total({ accountId: again.accountId })).toBe(3)
    expectExact()
  })

  it('are read from the counters, not by counting rows, where the counters can answer', () => {
    const { accountId } = seedCatalog(catalog, { chats: 3, messagesPerChat: 10, mediaPerMessage: 2 })
    const rows = expected({})
    // Skew the counters on purpose: a total that follows them was read from them.
    catalog.db
      .prepare(
        `UPDATE media_counts SET n = n + 1000 WHERE account_id = ? AND type = 'photo' AND status = 'downloaded'`,
      )
      .run(accountId)
    const chat = catalog.chats.summaries()[0]!
    catalog.db.prepare(`UPDATE chats SET media_count = 777 WHERE id = ?`).run(chat.id)
    expect(total({})).toBe(rows + 1000)
    expect(total({ accountId, types: ['photo'] })).toBe(expected({ types: ['photo'] }) + 1000)
    expect(total({ chatId: chat.id })).toBe(777)
    // Terms the counters do not hold are counted row by row.
    expect(total({ chatId: chat.id, types: ['photo'] })).toBe(expected({ chatId: chat.id, types: ['photo'] }))
    expect(total({ paid: 'paid' })).toBe(
      catalog.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM media WHERE price > 0`).get()!.n,
    )
  })
})
