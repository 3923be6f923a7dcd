// A fast synthetic catalog for the 1M-row benchmarks: the real schema (opened and migrated by
// openCatalog), filled with prepared statements in one transaction. Secondary indexes are dropped
// for the load and recreated from their own stored SQL, so the result has exactly the migration's
// schema; the FTS triggers stay on, so message_fts is filled the way the app fills it (queued, then
// indexed in one statement: FtsIndexRepository.flushBulk).
import type { Database } from 'better-sqlite3'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { seedWords } from '../../support/seed-catalog'
import { drawMedia, mediaFlags, prng } from '../../support/synthetic'

export interface BulkSeedOptions {
  readonly media: number
  readonly mediaPerMessage?: number
  readonly chatsPerAccount?: number
}

export interface BulkSeedResult {
  readonly media: number
  readonly messages: number
  readonly chats: number
  readonly insertMs: number
  readonly indexMs: number
}

const words = seedWords
const providers = ['onlyfansapi', 'onlyfansapi-fansly'] as const

/** Count-keeping triggers (migration 0002) would search message_media per link without its index. */
function countTriggers(db: Database): { name: string; sql: string }[] {
  return db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('message_media_chat_count', 'media_status_chat_count')`,
    )
    .all()
}

function secondaryIndexes(db: Database): { name: string; sql: string }[] {
  return db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('media', 'messages', 'message_media')`,
    )
    .all()
}

export function bulkSeed(dataDir: string, options: BulkSeedOptions): BulkSeedResult {
  const catalog = openCatalog(dataDir)
  const db = catalog.db
  const perMessage = options.mediaPerMessage ?? 2
  const chatsPerAccount = options.chatsPerAccount ?? 500
  const messages = Math.ceil(options.media / perMessage)
  const chatCount = chatsPerAccount * providers.length
  const random = prng(42)
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  db.pragma('temp_store = MEMORY')
  const indexes = secondaryIndexes(db)
  const triggers = countTriggers(db)

  const started = performance.now()
  const now = new Date().toISOString()
  const insertAccount = db.prepare(
    `INSERT INTO accounts (provider, external_id, connection_id, label, created_at) VALUES (?, ?, NULL, ?, ?)`,
  )
  const insertChat = db.prepare(
    `INSERT INTO chats (account_id, external_id, fan_id, fan_username, fan_name, last_message_at, history_complete, raw)
     VALUES (?, ?, ?, ?, ?, NULL, 1, '{}')`,
  )
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, chat_id, external_id, text, price, is_free, from_creator, sender_id, created_at, raw)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, '{}')`,
  )
  const insertMedia = db.prepare(
    `INSERT INTO media (id, account_id, provider_media_id, type, status, width, height, duration_sec, created_at,
       sort_at, first_message_id, price, size, can_view, is_ready, has_error, drm, item_json, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
  )
  const link = db.prepare(`INSERT INTO message_media (message_id, media_id, position) VALUES (?, ?, ?)`)

  catalog.transaction(() => {
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`)
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`)
    const accountIds = providers.map((p, i) =>
      Number(insertAccount.run(p, `acct_bench_${i}`, `bench ${p}`, now).lastInsertRowid),
    )
    const chatIds: number[] = []
    const chatAccount: number[] = []
    for (let c = 0; c < chatCount; c++) {
      const accountId = accountIds[c % accountIds.length] as number
      const id = Number(
        insertChat.run(accountId, `chat${c}`, `fan${c}`, `fan_user_${c}`, `Fan Number ${c}`).lastInsertRowid,
      )
      chatIds.push(id)
      chatAccount.push(accountId)
    }
    // Messages are spread over ~3 years, one every ~90 s on average, oldest first.
    const start = Date.UTC(2022, 0, 1)
    let mediaId = 0
    for (let m = 1; m <= messages; m++) {
      const chatIndex = Math.floor(random() * chatCount)
      const chatId = chatIds[chatIndex] as number
      const createdAt = new Date(start + m * 90_000 + Math.floor(random() * 60_000)).toISOString()
      const roll = random()
      const price = roll < 0.15 ? 9.99 : roll < 0.2 ? 24.99 : roll < 0.22 ? 4.99 : null
      const text = `${words[Math.floor(random() * words.length)]} ${words[Math.floor(random() * words.length)]} message ${m}`
      insertMessage.run(
        m,
        chatId,
        `m${m}`,
        text,
        price,
        price === null ? 1 : 0,
        random() < 0.7 ? 1 : 0,
        createdAt,
      )
      for (let k = 0; k < perMessage && mediaId < options.media; k++) {
        mediaId++
        const { type, status, size } = drawMedia(mediaId, random)
        insertMedia.run(
          mediaId,
          chatAccount[chatIndex] as number,
          `media${mediaId}`,
          type,
          status,
          type === 'audio' ? null : 1080,
          type === 'audio' ? null : 1350,
          type === 'video' || type === 'audio' ? 5 + Math.floor(random() * 600) : null,
          createdAt,
          createdAt,
          m,
          price,
          status === 'downloaded' ? size : random() < 0.5 ? size : null,
          ...mediaFlags(status),
          now,
          now,
        )
        link.run(m, mediaId, k)
      }
    }
    // One pass over the index for its word list instead of splitting every message again.
    catalog.ftsIndex.flushBulk()
  })
  const insertMs = performance.now() - started
  const indexStarted = performance.now()
  for (const index of indexes) db.exec(index.sql)
  // The counts the triggers would have kept, in one pass, as migration 0002 backfills them.
  db.exec(`UPDATE chats SET
    media_count = (SELECT count(DISTINCT mm.media_id) FROM messages m JOIN message_media mm ON mm.message_id = m.id
      WHERE m.chat_id = chats.id),
    downloaded_count = (SELECT count(DISTINCT mm.media_id) FROM messages m JOIN message_media mm ON mm.message_id = m.id
      JOIN media md ON md.id = mm.media_id WHERE m.chat_id = chats.id AND md.status = 'downloaded')`)
  for (const trigger of triggers) db.exec(trigger.sql)
  const indexMs = performance.now() - indexStarted
  db.pragma('wal_checkpoint(TRUNCATE)')
  catalog.close()
  return { media: options.media, messages, chats: chatCount, insertMs, indexMs }
}
