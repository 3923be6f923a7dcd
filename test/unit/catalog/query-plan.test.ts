// The gallery's main queries must be served by indexes: a full scan of media at 1M rows is what
// makes a gallery stutter. EXPLAIN QUERY PLAN names the index SQLite picked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaQuerySchema, type MediaQuery } from '../../../src/shared/contract'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
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

function plan(query: Partial<MediaQuery>): string {
  const { sql, params } = catalog.query.searchSql(mediaQuerySchema.parse(query))
  return catalog.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail)
    .join('\n')
}

describe('gallery query plans', () => {
  const cases: Array<[string, Partial<MediaQuery>, RegExp]> = [
    ['all media, newest first', {}, /SCAN m USING INDEX media_sort/],
    ['all media, oldest first', { sort: 'oldest' }, /SCAN m USING INDEX media_sort/],
    ['by size', { sort: 'largest' }, /SCAN m USING INDEX media_size/],
    ['one type', { types: ['video'] }, /USING INDEX media_type_sort/],
    ['one status', { statuses: ['failed'] }, /USING INDEX media_status_sort/],
    ['one account', { accountId: 1 }, /USING INDEX media_account_sort|USING INDEX media_sort/],
    [
      'one chat',
      { chatId: 3 },
      /messages_chat_created|USING INDEX sqlite_autoindex_messages|USING COVERING INDEX/,
    ],
    ['text search', { search: 'sunset' }, /VIRTUAL TABLE INDEX/],
  ]
  for (const [name, query, expected] of cases) {
    it(`${name} uses an index`, () => {
      const detail = plan(query)
      expect(detail).toMatch(expected)
      expect(detail).not.toMatch(/^SCAN m$/m)
    })
  }

  it('a chat filter looks messages up by chat, not by scanning every message', () => {
    expect(plan({ chatId: 3 })).not.toMatch(/SCAN msg\b(?! USING)/)
  })
})
