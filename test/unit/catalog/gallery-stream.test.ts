// The gallery's streamed text search (gallery-stream.ts) against the exact full sort: random
// catalogs whose media items are carried by several messages at different dates (sent again,
// forwarded, first seen in the vault before any message), many messages within one second, random
// filters, pages at several offsets. Every streamed page must equal the exact page, and a total is
// either exact (the walk ended) or a lower bound that more items really pass.
import { afterEach, describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { MediaSearchWalk, type WalkSizes } from '../../../src/main/catalog/repositories/gallery-stream'
import { galleryMatch } from '../../../src/main/catalog/repositories/gallery-where'
import { mediaQuerySchema, type MediaQuery } from '../../../src/shared/contract'
import { attachMedia, chatRow, mediaRow, messageRow } from '../../support/catalog-rows'
import { prng } from '../../support/synthetic'
import { tempDir } from '../../support/temp-dir'

const words = ['hey', 'heyyy', 'love', 'babe', 'sun', 'sunset', 'pic', 'x']
const searches = ['hey', 'love', 'su', 'hey -babe', 'love OR pic', '"hey love"', 'babe 😈', '-pic', 'zzz']
const types = ['photo', 'video', 'audio'] as const
const statuses = ['pending', 'downloaded', 'failed'] as const

let dir: ReturnType<typeof tempDir> | undefined
let catalog: Catalog | undefined
afterEach(() => {
  catalog?.close()
  dir?.remove()
})

interface World {
  readonly catalog: Catalog
  readonly accounts: readonly number[]
  readonly chats: readonly number[]
  /** Every message's date (ms), for date filters that fall inside the seconds messages use. */
  readonly dates: readonly number[]
}

/** A catalog of `messages` messages over a few hours, many within the same second. */
function randomCatalog(seed: number, messages: number): World {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  dir = tempDir()
  const c = openCatalog(dir.path)
  catalog = c
  const accounts = [c.accounts.upsert('onlyfansapi', 'a1').id, c.accounts.upsert('ofauth', 'a2').id]
  const chatsOf = accounts.map((account, a) =>
    [0, 1].map((k) => c.chats.upsert(account, chatRow(`${a}-${k}`)).id),
  )
  // Seconds from a small set, milliseconds at random: the key's second granularity matters.
  const base = Date.UTC(2024, 4, 1)
  const dateAt = (): number =>
    base + Math.floor(random() * 40) * 1000 * (1 + Math.floor(random() * 90)) + Math.floor(random() * 1000)
  const carriers: Array<{ account: number; id: number; at: number }> = []
  c.transaction(() => {
    for (let i = 0; i < messages; i++) {
      const a = Math.floor(random() * accounts.length)
      const at = dateAt()
      const text = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words)).join(' ')
      const chat = pick(chatsOf[a] as number[])
      const id = c.messages.upsert(
        chat,
        messageRow(`m${i}`, random() < 0.1 ? `${text} 😈` : text, new Date(at).toISOString()),
      ).id
      carriers.push({ account: accounts[a] as number, id, at })
    }
    const items = Math.floor(messages * 0.6)
    for (let k = 0; k < items; k++) {
      const first = pick(carriers)
      const type = pick(types)
      // Sent 1-3 times in the account's chats, in any order of date; sometimes first seen in the
      // vault before any message (its sort_at earlier than every carrier).
      const sends = [first, ...carriers.filter((m) => m.account === first.account && random() < 2 / messages)]
      const vault = random() < 0.2 ? Math.min(...sends.map((m) => m.at)) - Math.floor(random() * 5000) : null
      let mediaId = 0
      sends.forEach((m, position) => {
        const price = random() < 0.3 ? 5 + Math.floor(random() * 10) : null
        mediaId = attachMedia(
          c,
          m.account,
          { messageId: m.id, sortAt: new Date(vault ?? m.at).toISOString(), price },
          mediaRow(`p${k}`, { type }),
          position,
        )
      })
      const status = pick(statuses)
      if (status !== 'pending') c.media.setStatus(mediaId, status)
    }
  })
  return { catalog: c, accounts, chats: chatsOf.flat(), dates: carriers.map((m) => m.at) }
}

function randomFilter(world: World, random: () => number): Omit<MediaQuery, 'sort' | 'offset' | 'limit'> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  // Inside a second some message uses, at a random millisecond: the key's boundaries.
  const within = (): string => {
    const at = pick(world.dates)
    return new Date(at - (at % 1000) + Math.floor(random() * 1000)).toISOString()
  }
  const filter: Record<string, unknown> = { search: pick(searches) }
  if (random() < 0.3) filter.types = [pick(types)]
  if (random() < 0.3) filter.statuses = [pick(statuses), pick(statuses)]
  if (random() < 0.2) filter.accountId = pick(world.accounts)
  if (random() < 0.2) filter.chatId = pick(world.chats)
  if (random() < 0.3) filter.from = within()
  if (random() < 0.3) filter.to = within()
  if (random() < 0.2) filter.paid = pick(['paid', 'free'])
  if (random() < 0.1) filter.minPrice = 8
  return mediaQuerySchema.omit({ sort: true, offset: true, limit: true }).parse(filter)
}

/** Pages of `limit` from 0 until past the end, each checked against the exact sort. */
function checkPages(
  world: World,
  filter: ReturnType<typeof randomFilter>,
  limit: number,
  sizes: WalkSizes,
): void {
  const exact = world.catalog.gallery.sortedIds(mediaQuerySchema.parse({ ...filter, sort: 'newest' }))
  const walk = galleryMatch(world.catalog.db, filter)?.walk
  expect(walk).toBeTruthy()
  const streamed = new MediaSearchWalk(world.catalog.db, walk!, filter, sizes)
  for (let offset = 0; offset <= exact.length + limit; offset += limit) {
    const page = streamed.page(offset, limit)
    const context = JSON.stringify({ filter, offset, limit })
    expect(page.ids, context).toEqual(exact.slice(offset, offset + limit))
    if (page.totalIsLowerBound) {
      // "N+": items found, at least one past this page's end; the exact count may be more.
      expect(page.total, context).toBeGreaterThan(offset + page.ids.length)
      expect(exact.length, context).toBeGreaterThanOrEqual(page.total)
    } else {
      expect(page.total, context).toBe(exact.length)
    }
  }
  // Past the end the walk has ended: the total is exact.
  expect(streamed.page(exact.length, limit)).toEqual({
    ids: [],
    total: exact.length,
    totalIsLowerBound: false,
  })
}

describe('the gallery streamed text search (newest first)', () => {
  it('equals the exact full sort page for page, with exact or honest lower-bound totals', () => {
    for (const seed of [1, 2, 3]) {
      const world = randomCatalog(seed, 400)
      const random = prng(seed * 101)
      for (let q = 0; q < 40; q++) {
        const filter = randomFilter(world, random)
        const limit = [1, 3, 7, 20][q % 4] as number
        // Tiny chunks: the walk crosses many chunk boundaries, inside seconds and between them.
        checkPages(world, filter, limit, { firstChunk: 1 + (q % 3), maxChunk: 4 + (q % 5), extraHits: q % 6 })
      }
      catalog?.close()
      dir?.remove()
      catalog = undefined
      dir = undefined
    }
  })

  it('answers through gallery.search: pages continue the walk, totals grow to exact, rows in order', () => {
    const world = randomCatalog(9, 600)
    const query = (offset: number, limit: number): MediaQuery =>
      mediaQuerySchema.parse({ search: 'hey', offset, limit })
    const exact = world.catalog.gallery.sortedIds(query(0, 1))
    expect(exact.length).toBeGreaterThan(40)
    for (let offset = 0; offset < exact.length + 10; offset += 10) {
      const page = world.catalog.gallery.search(query(offset, 10))
      expect(page.rows.map((row) => row.id)).toEqual(exact.slice(offset, offset + 10))
      expect(page.total).toBe(exact.length)
      expect(page.totalIsLowerBound).toBeUndefined()
    }
    // Oldest first keeps the exact collection.
    const oldest = world.catalog.gallery.search(mediaQuerySchema.parse({ search: 'hey', sort: 'oldest' }))
    const sorted = world.catalog.gallery.sortedIds(mediaQuerySchema.parse({ search: 'hey', sort: 'oldest' }))
    expect(oldest.rows.map((row) => row.id)).toEqual(sorted.slice(0, 200))
    expect(oldest.total).toBe(sorted.length)
  })

  it('says its total is a lower bound when the walk stops early, and finds a write made meanwhile', () => {
    const world = randomCatalog(5, 300)
    const filter = mediaQuerySchema
      .omit({ sort: true, offset: true, limit: true })
      .parse({ search: 'x OR hey OR love' })
    const walk = galleryMatch(world.catalog.db, filter)?.walk
    const exact = world.catalog.gallery.sortedIds(mediaQuerySchema.parse({ ...filter }))
    const first = new MediaSearchWalk(world.catalog.db, walk!, filter, {
      firstChunk: 2,
      maxChunk: 2,
      extraHits: 0,
    }).page(0, 5)
    expect(first.ids).toEqual(exact.slice(0, 5))
    expect(first.totalIsLowerBound).toBe(true)
    expect(first.total).toBeGreaterThan(5)
    expect(first.total).toBeLessThan(exact.length)
    // The gallery's cached walk belongs to one catalog version: a new message starts a new walk.
    const before = world.catalog.gallery.search(mediaQuerySchema.parse({ ...filter, limit: 5 }))
    const chat = world.chats[0] as number
    const newest = world.catalog.messages.upsert(
      chat,
      messageRow('late', 'hey late', '2030-01-01T00:00:00.000Z'),
    )
    const item = attachMedia(
      world.catalog,
      world.accounts[0] as number,
      { messageId: newest.id, sortAt: '2030-01-01T00:00:00.000Z' },
      mediaRow('late'),
    )
    const after = world.catalog.gallery.search(mediaQuerySchema.parse({ ...filter, limit: 5 }))
    expect(after.rows[0]?.id).toBe(item)
    expect(after.rows.slice(1).map((r) => r.id)).toEqual(before.rows.slice(0, 4).map((r) => r.id))
  })
})
