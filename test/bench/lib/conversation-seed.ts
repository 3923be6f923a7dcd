// A synthetic archive of whole conversations for the 10M-message benchmark: the real schema
// (opened and migrated by openCatalog) filled with prepared statements in one transaction, chat by
// chat as a first sync writes it. Words follow a Zipf law over a 2,000-word vocabulary, so searches
// meet common and rare words as in real chats; one chat holds 100,000 messages (the one the
// reviewer opens); about 7 % of messages carry media (1M items). Secondary indexes and the triggers
// that keep counters and the full-text index are dropped for the load and recreated from their
// stored SQL afterwards; the counters are then set once, and every message is queued for the
// full-text index and indexed by the app's own statement (FtsIndexRepository.flushBulk, which lists
// the index's words from its vocabulary in one pass), so the index holds what the app would have.
import type { Database } from 'better-sqlite3'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { drawMedia, leisureWords, mediaFlags, natureWords, prng } from '../../support/synthetic'

export interface ConversationSeedOptions {
  readonly messages: number
  readonly media: number
  /** Messages of the one big chat (chat row id 1). */
  readonly bigChat: number
  readonly chats: number
}

export interface ConversationSeedResult {
  readonly messages: number
  readonly media: number
  readonly chats: number
  readonly bigChatId: number
  /** Its messages have the row ids 1 to bigChatMessages (it is written first). */
  readonly bigChatMessages: number
  readonly insertMs: number
  readonly indexMs: number
}

/** The head of the vocabulary: real chat words, most frequent first (the bench searches some). */
export const commonWords = [
  'hey',
  'babe',
  'love',
  'you',
  'thanks',
  'so',
  'much',
  'pic',
  'new',
  'video',
  'tonight',
  'miss',
  'cute',
  'sunset',
  'beach',
  'morning',
  'gym',
  'coffee',
  'weekend',
  'custom',
  'surprise',
  'birthday',
  'paris',
  'tokyo',
  ...leisureWords,
  ...natureWords,
  'lingerie',
  'shower',
] as const

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'gu', 'zi', 'ba', 'fo', 'ye']

/** 2,000 words: the common ones, then made-up ones ("kalomi"), the rarest last. */
export function vocabulary(size = 2_000): string[] {
  const words: string[] = [...commonWords]
  for (let n = 0; words.length < size; n++) {
    const a = syllables[n % syllables.length] as string
    const b = syllables[Math.floor(n / syllables.length) % syllables.length] as string
    const c = syllables[Math.floor(n / syllables.length ** 2) % syllables.length] as string
    words.push(`${a}${b}${c}${n >= syllables.length ** 3 ? n : ''}`)
  }
  return words
}

/** Word ranks drawn by a Zipf law (s = 1): a 64K lookup table makes each draw one array read. */
export function zipfTable(size: number): Uint16Array {
  const weights = Array.from({ length: size }, (_, r) => 1 / (r + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const table = new Uint16Array(65_536)
  let at = 0
  weights.forEach((w, rank) => {
    const end =
      rank === size - 1 ? table.length : Math.min(table.length, Math.round(at + (w / total) * table.length))
    table.fill(rank, Math.floor(at), end)
    at = end
  })
  return table
}

const droppedTriggers = [
  'messages_fts_insert',
  'archive_totals_message_insert',
  'message_media_chat_count',
  'media_status_chat_count',
  'message_media_has_media',
]

function dropDuring(db: Database): { name: string; sql: string }[] {
  return db
    .prepare<string[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND (
         (type = 'index' AND tbl_name IN ('media', 'messages', 'message_media'))
         OR (type = 'trigger' AND name IN (${droppedTriggers.map(() => '?').join(', ')})))`,
    )
    .all(...droppedTriggers)
}

/** A chat message of 2 to 6 words drawn by the Zipf law, as the seeded catalog's messages are. */
export function chatText(words: readonly string[], zipf: Uint16Array, random: () => number): string {
  const count = 2 + Math.floor(random() * 5)
  let text = ''
  for (let w = 0; w < count; w++)
    text += `${w === 0 ? '' : ' '}${words[zipf[Math.floor(random() * 65_536)] as number]}`
  return text
}

export function seedConversations(dataDir: string, options: ConversationSeedOptions): ConversationSeedResult {
  const catalog = openCatalog(dataDir)
  const db = catalog.db
  const random = prng(7)
  const words = vocabulary()
  const zipf = zipfTable(words.length)
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -1048576')
  // Every reference this load writes is made right here; checking each would cost a lookup per row.
  db.pragma('foreign_keys = OFF')
  const dropped = dropDuring(db)
  const now = new Date().toISOString()
  const insertAccount = db.prepare(
    `INSERT INTO accounts (provider, external_id, label, created_at) VALUES (?, ?, ?, ?)`,
  )
  const insertChat = db.prepare(
    `INSERT INTO chats (account_id, external_id, fan_id, fan_username, fan_name, last_message_at, history_complete,
       conversation_complete, raw) VALUES (?, ?, ?, ?, ?, ?, 1, 1, '{}')`,
  )
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, chat_id, external_id, text, price, is_free, from_creator, created_at, raw, has_media,
       tip, reply_to_id, is_mass, paid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
  )
  const insertMedia = db.prepare(
    `INSERT INTO media (id, account_id, provider_media_id, type, status, width, height, duration_sec, created_at,
       sort_at, first_message_id, price, size, can_view, is_ready, has_error, drm, item_json, first_seen_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1080, 1350, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
  )
  const link = db.prepare(`INSERT INTO message_media (message_id, media_id, position) VALUES (?, ?, ?)`)
  const setCounts = db.prepare(`UPDATE chats SET media_count = ?, downloaded_count = ? WHERE id = ?`)

  // Chat sizes: the big chat, then the rest by a Zipf-like share of what is left.
  const rest = options.messages - options.bigChat
  const shares = Array.from({ length: options.chats - 1 }, (_, k) => 1 / (k + 1) ** 0.6)
  const shareTotal = shares.reduce((a, b) => a + b, 0)
  const sizes = [options.bigChat, ...shares.map((s) => Math.max(1, Math.floor((s / shareTotal) * rest)))]
  sizes[sizes.length - 1] = (sizes.at(-1) ?? 0) + options.messages - sizes.reduce((a, b) => a + b, 0)
  const mediaChance = options.media / options.messages / 1.43
  const start = Date.UTC(2022, 0, 1)
  const span = Date.UTC(2025, 0, 1) - start

  const started = performance.now()
  let messageId = 0
  let mediaId = 0
  db.transaction(() => {
    for (const each of dropped)
      db.exec(`DROP ${each.sql.startsWith('CREATE TRIGGER') ? 'TRIGGER' : 'INDEX'} ${each.name}`)
    const accounts = [
      Number(insertAccount.run('onlyfansapi', 'acct_bench_0', 'bench onlyfans', now).lastInsertRowid),
      Number(insertAccount.run('onlyfansapi-fansly', 'acct_bench_1', 'bench fansly', now).lastInsertRowid),
    ]
    sizes.forEach((size, c) => {
      const accountId = accounts[c % accounts.length] as number
      const fan = `${words[(c * 7) % 200]}${c}`
      const chatId = Number(
        insertChat.run(
          accountId,
          `chat${c}`,
          `fan${c}`,
          `fan_user_${c}`,
          `Fan ${fan}`,
          new Date(start + span).toISOString(),
        ).lastInsertRowid,
      )
      let media = 0
      let downloaded = 0
      const step = span / size
      for (let i = 0; i < size; i++) {
        messageId++
        const at = new Date(start + Math.floor(i * step + random() * step)).toISOString()
        const text = chatText(words, zipf, random)
        const fromCreator = random() < 0.55
        const withMedia = mediaId < options.media && random() < mediaChance
        const roll = random()
        const price = withMedia && roll < 0.2 ? 9.99 : null
        insertMessage.run(
          messageId,
          chatId,
          `m${messageId}`,
          text,
          price,
          price === null ? 1 : 0,
          fromCreator ? 1 : 0,
          at,
          withMedia ? 1 : 0,
          !fromCreator && roll > 0.97 ? 5 : null,
          i > 0 && roll > 0.9 ? `m${messageId - 1}` : null,
          fromCreator ? (roll < 0.05 ? 1 : 0) : null,
          price === null ? null : roll < 0.1 ? 1 : 0,
        )
        if (!withMedia) continue
        const perMessage = random() < 0.43 ? 2 : 1
        for (let k = 0; k < perMessage && mediaId < options.media; k++) {
          mediaId++
          const { type, status, size } = drawMedia(mediaId, random)
          insertMedia.run(
            mediaId,
            accountId,
            `media${mediaId}`,
            type,
            status,
            at,
            at,
            messageId,
            price,
            status === 'downloaded' ? size : null,
            ...mediaFlags(status),
            now,
            now,
          )
          link.run(messageId, mediaId, k)
          media++
          if (status === 'downloaded') downloaded++
        }
      }
      setCounts.run(media, downloaded, chatId)
    })
  })()
  const insertMs = performance.now() - started
  const indexStarted = performance.now()
  db.transaction(() => {
    // What the dropped insert trigger would have queued, indexed as the app does (one statement).
    db.exec(`INSERT INTO message_fts_pending (id) SELECT id FROM messages`)
    catalog.ftsIndex.flushBulk()
    db.exec(`UPDATE archive_totals SET messages = (SELECT count(*) FROM messages) WHERE id = 1`)
    for (const each of dropped) db.exec(each.sql)
  })()
  const indexMs = performance.now() - indexStarted
  db.pragma('wal_checkpoint(TRUNCATE)')
  catalog.close()
  return {
    messages: messageId,
    media: mediaId,
    chats: sizes.length,
    bigChatId: 1,
    bigChatMessages: options.bigChat,
    insertMs,
    indexMs,
  }
}
