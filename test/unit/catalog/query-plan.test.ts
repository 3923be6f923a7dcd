// The gallery's main queries must walk an index in the order asked for and stop after one page;
// sorting every match is what makes a gallery stutter at a million rows. EXPLAIN QUERY PLAN
// names the index SQLite picked and whether it needed a temporary sort for the page's ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaQuerySchema, type MediaQuery } from '../../../src/shared/contract'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { lockedChatsSql } from '../../../src/main/catalog/repositories/chats'
import { conversationSql } from '../../../src/main/catalog/repositories/conversation'
import { timelineMediaSql } from '../../../src/main/catalog/repositories/media-rows'
import { chatSearchSql } from '../../../src/main/catalog/repositories/chat-search'
import { messageMatch } from '../../../src/main/catalog/repositories/fts-query'
import { mediaMatchFor } from '../../../src/main/catalog/repositories/media-fts-query'
import { parseSearch } from '../../../src/shared/search-syntax'
import { mediaSearchSql } from '../../../src/main/catalog/repositories/gallery-stream'
import { buildGalleryWhere } from '../../../src/main/catalog/repositories/gallery-where'
import { messageListSql } from '../../../src/main/catalog/repositories/message-list'
import { seedCatalog } from '../../support/seed-catalog'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
let catalog: Catalog

beforeAll(() => {
  catalog = openCatalog(dir.path)
  seedCatalog(catalog, { chats: 20, messagesPerChat: 100, mediaPerMessage: 2 })
  catalog.db.exec('ANALYZE')
})
afterAll(() => {
  catalog.close()
  dir.remove()
})

interface PlanRow {
  readonly id: number
  readonly parent: number
  readonly detail: string
}

/** The plan of the subquery that picks the page's ids (the outer query only decorates ≤ 500 rows). */
function pagePlan(query: Partial<MediaQuery>): string {
  const { sql, params } = catalog.gallery.searchSql(mediaQuerySchema.parse(query))
  const rows = catalog.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as PlanRow[]
  const list = rows.find((r) => r.parent === 0 && /^LIST SUBQUERY/.test(r.detail))
  expect(list, 'the page ids come from a subquery').toBeDefined()
  const inside = new Set([list!.id])
  for (const row of rows) if (inside.has(row.parent)) inside.add(row.id)
  return rows
    .filter((r) => inside.has(r.parent))
    .map((r) => r.detail)
    .join('\n')
}

describe('gallery query plans', () => {
  const walks: Array<[string, Partial<MediaQuery>, RegExp]> = [
    ['all media, newest first', {}, /SCAN m USING (COVERING )?INDEX media_sort/],
    ['all media, oldest first', { sort: 'oldest' }, /SCAN m USING (COVERING )?INDEX media_sort/],
    ['largest first', { sort: 'largest' }, /SCAN m USING (COVERING )?INDEX media_size\b/],
    ['smallest first', { sort: 'smallest' }, /SCAN m USING (COVERING )?INDEX media_size_known/],
    ['one type', { types: ['video'] }, /SEARCH m USING (COVERING )?INDEX media_type_sort/],
    ['two types', { types: ['audio', 'gif'] }, /SCAN m USING (COVERING )?INDEX media_sort/],
    ['one status', { statuses: ['failed'] }, /SEARCH m USING (COVERING )?INDEX media_status_sort/],
    ['two statuses', { statuses: ['failed', 'not_ready'] }, /SCAN m USING (COVERING )?INDEX media_sort/],
    ['one account', { accountId: 1 }, /SEARCH m USING (COVERING )?INDEX media_account_sort/],
    ['one provider', { provider: 'onlyfansapi' }, /SCAN m USING (COVERING )?INDEX media_sort/],
    ['paid only', { paid: 'paid' }, /SCAN m USING (COVERING )?INDEX media_sort/],
    [
      'a date range',
      { from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z' },
      /SEARCH m USING (COVERING )?INDEX media_sort \(sort_at>\? AND sort_at<\?\)/,
    ],
    [
      'type, status and paid',
      { types: ['photo'], statuses: ['downloaded'], paid: 'paid' },
      /SEARCH m USING (COVERING )?INDEX media_type_sort/,
    ],
  ]
  for (const [name, query, expected] of walks) {
    it(`${name}: walks an index in order, no sort of all matches`, () => {
      const plan = pagePlan(query)
      expect(plan).toMatch(expected)
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/)
    })
  }

  it('a small chat drives by its own links, then sorts only its items', () => {
    expect(pagePlan({ chatId: 3 })).toMatch(/messages_chat_created|sqlite_autoindex_messages/)
  })

  it('a text search drives by the full-text index', () => {
    expect(pagePlan({ search: 'sunset' })).toMatch(/VIRTUAL TABLE INDEX/)
  })

  it('totals are counted once per filter while the catalog is unchanged, and again after a write', () => {
    const query = mediaQuerySchema.parse({ types: ['photo'] })
    const first = catalog.gallery.search(query).total
    expect(first).toBeGreaterThan(0)
    const media = catalog.gallery.search(query).rows[0]!
    catalog.media.setStatus(media.id, media.status)
    catalog.db.prepare(`UPDATE media SET type = 'video' WHERE id = ?`).run(media.id)
    expect(catalog.gallery.search(query).total).toBe(first - 1)
    catalog.db.prepare(`UPDATE media SET type = 'photo' WHERE id = ?`).run(media.id)
  })
})

describe('sync query plans', () => {
  it('finds the chats with locked items from the status index, not by reading every chat', () => {
    const plan = (catalog.db.prepare(`EXPLAIN QUERY PLAN ${lockedChatsSql}`).all(1) as PlanRow[]).map(
      (r) => r.detail,
    )
    expect(plan[0]).toMatch(/SEARCH md USING (COVERING )?INDEX media_status_sort \(status=\?\)/)
    expect(plan.join('\n')).not.toMatch(/SCAN (m|mm)\b/)
    // Same answer as the obvious query that reads every chat.
    const naive = catalog.db
      .prepare<[], { chatId: number }>(
        `SELECT DISTINCT m.chat_id AS chatId FROM messages m JOIN message_media mm ON mm.message_id = m.id
         JOIN media md ON md.id = mm.media_id WHERE md.status = 'locked' AND md.account_id = 1`,
      )
      .all()
      .map((r) => r.chatId)
    expect(naive.length).toBeGreaterThan(0)
    expect([...catalog.chats.withLockedMedia(1)].sort((a, b) => a - b)).toEqual(naive.sort((a, b) => a - b))
  })
})

/** The plan's lines for `sql` with every parameter bound to 1 (or the given ones). */
function planOf(sql: string, params?: readonly unknown[]): string {
  const count = (sql.match(/\?/g) ?? []).length
  return (
    catalog.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params ?? Array(count).fill(1))) as PlanRow[]
  )
    .map((r) => r.detail)
    .join('\n')
}

describe('conversation query plans (a chat of 100,000 messages in 10 million opens as one page)', () => {
  const walks: Array<[keyof typeof conversationSql, RegExp]> = [
    ['newest', /SEARCH m USING INDEX messages_chat_created \(chat_id=\?\)/],
    ['older', /SEARCH m USING INDEX messages_chat_created \(chat_id=\? AND created_at<\?\)/],
    ['newer', /SEARCH m USING INDEX messages_chat_created \(chat_id=\? AND created_at>\?\)/],
    ['beforeDate', /SEARCH m USING INDEX messages_chat_created \(chat_id=\? AND created_at<\?\)/],
    ['fromDate', /SEARCH m USING INDEX messages_chat_created \(chat_id=\? AND created_at>\?\)/],
  ]
  for (const [name, expected] of walks) {
    it(`${name}: walks the chat's index from the point asked for, no sort`, () => {
      const plan = planOf(conversationSql[name])
      expect(plan).toMatch(expected)
      expect(plan).not.toMatch(/TEMP B-TREE|SCAN m\b/)
    })
  }

  it("a page's media: each message's links by the message, each item by its row id", () => {
    const plan = planOf(timelineMediaSql(3))
    expect(plan).toMatch(/SEARCH mm USING (PRIMARY KEY|INDEX \w+|COVERING INDEX \w+) \(message_id=\?\)/)
    expect(plan).toMatch(/SEARCH m USING INTEGER PRIMARY KEY/)
    expect(plan).not.toMatch(/SCAN (m|mm|message_media|media)\b/)
  })

  it('text searches walk the full-text index in key order and stop at a LIMIT: no sort of every hit', () => {
    const top = (1n << 63n) - 1n
    // The gallery's walk, newest key first, and the chat's, both over the index's own row id order.
    const walkPlan = planOf(mediaSearchSql.hits(null), ['{scope} : "m"', top, 0n, 256])
    const chatPlan = planOf(chatSearchSql.hits(null), ['{scope} : "c3"', 0n, top, 101])
    const checked = messageMatch('sunset 😈', { chatId: 3 })!.walk!
    const chatChecked = planOf(chatSearchSql.hits(checked.check!.sql), [
      checked.match,
      0n,
      top,
      ...checked.check!.params,
      101,
    ])
    // A symbol is checked on the walked index row itself (media-fts-query.ts).
    const rowChecked = mediaMatchFor(parseSearch('sunset 😈'))!.walk
    const rowPlan = planOf(mediaSearchSql.hits(rowChecked.rowCheck!.sql), [
      rowChecked.match,
      top,
      0n,
      ...rowChecked.rowCheck!.params,
      256,
    ])
    expect(rowChecked.check).toBeNull()
    for (const plan of [walkPlan, chatPlan, chatChecked, rowPlan]) {
      expect(plan).toMatch(/SCAN (f|message_fts|media_fts) VIRTUAL TABLE INDEX/)
      expect(plan).not.toMatch(/TEMP B-TREE/)
    }
    expect(chatChecked).toMatch(/SEARCH msg USING INTEGER PRIMARY KEY/)
    // A chunk's items: primary-key lookups driven by the chunk, never a media index walk.
    const gallery = buildGalleryWhere(
      catalog.db,
      { types: ['photo'], statuses: ['downloaded'], from: '2024-01-01' },
      'newest',
    )
    // Text with a comma could match across two of the row's joined names: checked on the item.
    const itemChecked = mediaMatchFor(parseSearch('sunset 😈,'), { chatId: 3 })!.walk
    for (const check of [null, itemChecked.check!.sql]) {
      const params = ['[1,2,3]', ...(check === null ? [] : itemChecked.check!.params), ...gallery.params]
      const plan = planOf(mediaSearchSql.media(gallery.clauses, check), params)
      expect(plan).toMatch(/SCAN j VIRTUAL TABLE/)
      expect(plan).toMatch(/SEARCH m USING INTEGER PRIMARY KEY/)
      if (check !== null)
        expect(plan).toMatch(/SEARCH mm USING (COVERING )?INDEX message_media_media \(media_id=\?\)/)
      expect(plan).not.toMatch(/TEMP B-TREE|SCAN m\b|USING INDEX media_/)
    }
  })

  it('the messages listing walks accounts, chats and each chat in order, no sort', () => {
    for (const filter of [
      {},
      { account: 'acct_seed' },
      { chat: 'chat3' },
      { provider: 'onlyfansapi' as const },
    ]) {
      const { sql, params } = messageListSql(filter)
      const plan = planOf(sql, params)
      expect(plan).toMatch(/SEARCH c USING INDEX sqlite_autoindex_chats_1 \(account_id=\?/)
      expect(plan).toMatch(/SEARCH m USING INDEX messages_chat_created \(chat_id=\?\)/)
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY|TEMP B-TREE FOR (LAST|RIGHT)/)
    }
  })

  it('a full pass marks what it did not see through the chat index', () => {
    const plan = planOf(
      `UPDATE messages SET deleted_upstream_at = ? WHERE chat_id = ? AND deleted_upstream_at IS NULL
       AND id NOT IN (SELECT value FROM json_each(?))`,
      ['now', 1, '[]'],
    )
    expect(plan).toMatch(/SEARCH messages USING INDEX messages_chat_created \(chat_id=\?\)/)
  })

  it('deleting a message finds the media that name it first through an index, not a scan', () => {
    // What ON DELETE SET NULL runs for each message an account's removal deletes.
    const plan = planOf(`SELECT 1 FROM media WHERE first_message_id = ?`, [1])
    expect(plan).toMatch(/SEARCH media USING (COVERING )?INDEX media_first_message \(first_message_id=\?\)/)
  })
})
