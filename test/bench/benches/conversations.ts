// Whole conversations at scale (issue 12): a catalog of 10 million messages and 1 million media
// items. Catalog search with text and filters (the gallery's media search, search inside a chat),
// opening a 100,000-message chat at its newest, at a date and around a message (the catalog's part
// of the reviewer's first render: the page of messages and their media rows), ingest of parsed
// conversation pages, and a re-sync of 1,000 unchanged chats for each provider.
import { statSync } from 'node:fs'
import type { MediaQuery } from '../../../src/shared/contract'
import { mediaQuerySchema } from '../../../src/shared/contract'
import { chatSearchPage } from '../../../src/shared/vocabulary'
import { catalogPath, openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { ingestPage } from '../../../src/main/sync/ingest'
import { hasFlag, sendResult } from '../lib/child'
import { ensureConversationCatalog } from '../lib/conversation-cache'
import { conversationPages, type ParsedPage } from '../lib/conversation-pages'
import { resyncUnchangedChats } from '../lib/conversation-resync'
import { vocabulary } from '../lib/conversation-seed'
import { atLeast, atMost, info, MB, round, type BenchReport, type Metric } from '../lib/report'
import { percentile } from '../lib/stats'
import { withScratch } from '../lib/temp'
import { bareChat } from '../../support/catalog-rows'

const quick = hasFlag(process.argv, '--quick')
const total = quick ? 1_000_000 : 10_000_000
const rounds = quick ? 3 : 5
const cached = ensureConversationCatalog(total, { fresh: hasFlag(process.argv, '--fresh-catalog') })
const { seed } = cached
const words = vocabulary()
const [mid, rare] = [words[300] as string, words[1_800] as string]
const catalog = openCatalog(cached.dataDir)
const big = seed.bigChatId

/** Each search runs after a write, so no cached result answers it (the gallery caches by version). */
catalog.db.exec('CREATE TEMP TABLE bench_bust (x INTEGER)')
const bust = catalog.db.prepare('INSERT INTO bench_bust VALUES (1)')

function timed<T>(fn: () => T): number {
  bust.run()
  const t = performance.now()
  fn()
  return performance.now() - t
}

const gallery: Array<[string, Partial<MediaQuery>]> = [
  ['most common word', { search: 'hey' }],
  ['common word', { search: 'sunset' }],
  ['two words', { search: 'paris beach' }],
  ['phrase', { search: '"love you"' }],
  ['word minus word', { search: 'hey -babe' }],
  ['prefix', { search: 'sun' }],
  ['mid word', { search: mid }],
  ['rare word', { search: rare }],
  ['word + type', { search: 'sunset', types: ['photo'] }],
  ['word + status', { search: 'love', statuses: ['downloaded'] }],
  ['word + account', { search: 'tokyo', accountId: 1 }],
  ['word + big chat', { search: 'hey', chatId: big }],
  ['word + paid', { search: mid, paid: 'paid' }],
  ['word + month', { search: 'love', from: '2023-06-01T00:00:00.000Z', to: '2023-07-01T00:00:00.000Z' }],
  ['fan username', { search: 'fan_user_42' }],
]
/** In-chat searches, a page of hits as the reviewer asks for them (chatSearchPage). */
const inChat: Array<[string, number, string]> = [
  ['big chat: most common word', big, 'hey'],
  ['big chat: common word', big, 'sunset'],
  ['big chat: two words', big, 'love you'],
  ['big chat: phrase', big, '"thanks so much"'],
  ['big chat: minus', big, 'babe -pic'],
  ['big chat: prefix', big, 'sun'],
  ['big chat: rare word', big, rare],
  ['small chat: common word', seed.chats - 10, 'hey'],
  ['small chat: mid word', seed.chats - 10, mid],
]
/** The reviewer stepping past a page's oldest hit: the next older page, from its cursor. */
const olderPage = catalog.conversation.search(big, 'love you', chatSearchPage).olderFrom
const chatSearch = (chatId: number, text: string): unknown =>
  catalog.conversation.search(chatId, text, chatSearchPage)

/**
 * The reference: SQLite's own FTS5 answering the same words with nothing around it (the hits' row
 * ids, no join, no filter, no order), on the same index. What Chatkeep adds on top is the ratio.
 */
const rawFts: Array<[string, string]> = [
  // The gallery searches media_fts (one row per item, migration 0009), the chat message_fts.
  ['most common word (media)', '{text fan} : ("hey"*)'],
  ['common word (media)', '{text fan} : ("sunset"*)'],
  ['two words (media)', '{text fan} : ("paris"* AND "beach"*)'],
  [`big chat: most common word`, `{text fan} : ("hey"*) AND {scope} : "c${big}"`],
  [`big chat: common word`, `{text fan} : ("sunset"*) AND {scope} : "c${big}"`],
]
const rawFtsStmt = catalog.db.prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ?').pluck()
const rawMediaFtsStmt = catalog.db.prepare('SELECT rowid FROM media_fts WHERE media_fts MATCH ?').pluck()
const ours: Array<[string, () => unknown]> = [
  ['most common word (media)', () => catalog.gallery.search(mediaQuerySchema.parse({ search: 'hey' }))],
  ['common word (media)', () => catalog.gallery.search(mediaQuerySchema.parse({ search: 'sunset' }))],
  ['two words (media)', () => catalog.gallery.search(mediaQuerySchema.parse({ search: 'paris beach' }))],
  ['big chat: most common word', () => chatSearch(big, 'hey')],
  ['big chat: common word', () => chatSearch(big, 'sunset')],
]

function referenceRatios(): { raw: number[]; ours: number[]; perQuery: string[] } {
  const raw: number[] = []
  const mine: number[] = []
  const perQuery: string[] = []
  rawFts.forEach(([name, match], i) => {
    const rawTimes: number[] = []
    const ourTimes: number[] = []
    for (let r = 0; r < rounds; r++) {
      const stmt = name.endsWith('(media)') ? rawMediaFtsStmt : rawFtsStmt
      rawTimes.push(timed(() => stmt.all(match)))
      ourTimes.push(timed(ours[i]?.[1] ?? (() => undefined)))
    }
    raw.push(...rawTimes)
    mine.push(...ourTimes)
    const [a, b] = [percentile(ourTimes, 50), percentile(rawTimes, 50)]
    perQuery.push(`${name} ${round(a, 1)}/${round(b, 1)} ms (×${round(a / b, 1)})`)
  })
  return { raw, ours: mine, perQuery }
}

/**
 * Every search once on the freshly opened catalog (`cold`, reported apart, as the catalog bench
 * does), then `rounds` timed rounds (`samples`, the target). The first pass pays for the process's
 * page cache growing: measured on the 10M catalog, a search's first run in a fresh connection took
 * 24.8 ms against 7.4 ms warm, and 10.4 ms in a second connection reusing the first one's freed
 * memory, so ~14 ms of it is new heap memory being faulted in, once per process.
 */
function searchTimes(): {
  samples: number[]
  cold: number[]
  byName: Map<string, number[]>
  lowerBound: string[]
  answers: number
} {
  const samples: number[] = []
  const cold: number[] = []
  const byName = new Map<string, number[]>()
  // Which gallery searches answered "N+" (totalIsLowerBound): their walk stopped before the end.
  const lowerBound = new Set<string>()
  let answers = 0
  let pass = -1
  const add = (name: string, ms: number): void => {
    if (pass < 0) {
      cold.push(ms)
      return
    }
    samples.push(ms)
    byName.set(name, [...(byName.get(name) ?? []), ms])
  }
  for (; pass < rounds; pass++) {
    for (const [name, query] of gallery) {
      const parsed = mediaQuerySchema.parse({ ...query, offset: 0, limit: 200 })
      let page: ReturnType<Catalog['gallery']['search']> | undefined
      add(
        `gallery ${name}`,
        timed(() => (page = catalog.gallery.search(parsed))),
      )
      if (pass >= 0) answers++
      if (page?.totalIsLowerBound) lowerBound.add(`${name} (${page.total}+)`)
    }
    for (const [name, chatId, text] of inChat)
      add(
        name,
        timed(() => chatSearch(chatId, text)),
      )
    add(
      'big chat: two words, next older page',
      timed(() => catalog.conversation.search(big, 'love you', chatSearchPage, olderPage)),
    )
  }
  return { samples, cold, byName, lowerBound: [...lowerBound], answers }
}

/** The reviewer's first page of the big chat: 100 messages and their media rows. */
function openTimes(): Record<'newest' | 'at a date' | 'around a message', number[]> {
  const page = (load: () => { messages: readonly { id: number }[] } | undefined): void => {
    const messages = load()?.messages ?? []
    catalog.timelineMedia.forMessages(messages.map((m) => m.id))
  }
  const times = { newest: [] as number[], 'at a date': [] as number[], 'around a message': [] as number[] }
  for (let i = 0; i < 10 * rounds; i++) {
    const day = new Date(Date.UTC(2022, 0, 1) + ((i * 37) % 1_090) * 86_400_000).toISOString()
    const messageId = 1 + Math.floor((((i * 7919) % 1000) / 1000) * seed.bigChatMessages)
    times.newest.push(timed(() => page(() => catalog.conversation.newest(big, 100))))
    times['at a date'].push(timed(() => page(() => catalog.conversation.atDate(big, day, 100))))
    times['around a message'].push(timed(() => page(() => catalog.conversation.around(big, messageId, 100))))
  }
  return times
}

function ingestRate(target: Catalog, pages: readonly ParsedPage[]): { perSecond: number; ms: number } {
  const account = target.accounts.upsert('onlyfansapi', 'acct_bench_ingest')
  let ms = 0
  let messages = 0
  for (const page of pages) {
    const chat = target.chats.upsert(account.id, bareChat(`ingest-${page.chatId}`))
    const t = performance.now()
    ingestPage(target, account.id, chat, page.messages)
    ms += performance.now() - t
    messages += page.messages.length
  }
  return { perSecond: messages / (ms / 1000), ms }
}

const search = searchTimes()
const reference = referenceRatios()
const open = openTimes()
const listStarted = performance.now()
let listed = 0
for (const _row of catalog.messageList.list({ chat: 'chat0' })) listed++
const listMs = performance.now() - listStarted

const pages = await conversationPages(20, 1_000)
const pageMessages = pages.reduce((n, p) => n + p.messages.length, 0)
// Into the big catalog inside one transaction rolled back at the end, so the cache stays as seeded
// (each page's own transaction is then a savepoint: no commit, so this is the catalog's share of
// the work; the empty catalog's run below commits every page as a sync does). Deleting what was
// ingested instead took minutes: media.first_message_id has no index, so each deleted message
// scans the media table to clear its references.
catalog.db.exec('BEGIN')
const intoBig = ingestRate(catalog, pages)
catalog.db.exec('ROLLBACK')
const intoFresh = await withScratch('conversation-ingest', async (dir) => {
  const fresh = openCatalog(dir)
  try {
    return ingestRate(fresh, pages)
  } finally {
    fresh.close()
  }
})
const sizeMb = statSync(catalogPath(cached.dataDir)).size / MB
catalog.close()

const resync = await resyncUnchangedChats(quick ? 200 : 1_000)
const slowest = [...search.byName.entries()]
  .map(([name, list]) => ({ name, p50: percentile(list, 50), max: Math.max(...list) }))
  .sort((a, b) => b.p50 - a.p50)
// The catalog's part of opening the chat (the page and its media rows); the reviewer's first render
// and its DOM size are measured by the reviewer's own bench, so these carry no target here.
const openMetrics: Metric[] = Object.entries(open).map(([name, list]) =>
  info(
    `conversations: open the ${seed.bigChatMessages}-message chat ${name} (catalog part), p95`,
    round(percentile(list, 95)),
    'ms',
  ),
)
const scale = `${round(seed.messages / 1e6, 1)}M-message`
const seedSeconds = (seed.insertMs + seed.indexMs) / 1000
const report: BenchReport = {
  bench: 'conversations',
  metrics: [
    info(
      'conversations: scale (messages / media)',
      seed.messages,
      'messages',
      `${seed.media} media, ${seed.chats} chats${quick ? ' (--quick; the full run is 10M / 1M)' : ''}`,
    ),
    info(
      'conversations: bulk seed messages/s',
      round(seed.messages / seedSeconds, 0),
      'msg/s',
      cached.fromCache ? 'from the cached seed run' : undefined,
    ),
    info('conversations: DB file size', round(sizeMb, 0), 'MB'),
    atMost('conversations: search p95 (text + filters)', round(percentile(search.samples, 95)), 'ms', 30),
    info('conversations: search p50', round(percentile(search.samples, 50)), 'ms'),
    info('conversations: search p99', round(percentile(search.samples, 99)), 'ms'),
    info(
      'conversations: search p95, first pass on the freshly opened catalog',
      round(percentile(search.cold, 95)),
      'ms',
    ),
    info(
      'conversations: search vs raw FTS5 MATCH of the same words, p50 ratio',
      round(percentile(reference.ours, 50) / percentile(reference.raw, 50), 1),
      '×',
      `Chatkeep p95 ${round(percentile(reference.ours, 95), 1)} ms, raw p95 ${round(percentile(reference.raw, 95), 1)} ms`,
    ),
    ...openMetrics,
    info(`conversations: list the ${listed}-message chat (messages --chat)`, round(listMs), 'ms'),
    atLeast(`conversations: ingest into the ${scale} catalog`, round(intoBig.perSecond, 0), 'msg/s', 20_000),
    info('conversations: ingest into an empty catalog', round(intoFresh.perSecond, 0), 'msg/s'),
    ...resync.metrics,
  ],
  notes: [
    `${seed.messages} messages, ${seed.media} media, ${seed.chats} chats; seed ${round(seedSeconds, 1)} s ` +
      `(insert ${round(seed.insertMs / 1000, 1)} s + indexes and full-text ${round(seed.indexMs / 1000, 1)} s)` +
      `${cached.fromCache ? ', reused from cache' : ''}; ${search.samples.length} timed searches, none from a cache`,
    `slowest searches (p50/max ms): ${slowest
      .slice(0, 8)
      .map((q) => `${q.name} ${round(q.p50, 1)}/${round(q.max, 1)}`)
      .join('; ')}`,
    // Every gallery search, so a regression outside the eight slowest shows (issue 12: each < 30 ms).
    `gallery searches (p50/max ms): ${slowest
      .filter((q) => q.name.startsWith('gallery '))
      .map((q) => `${q.name.slice('gallery '.length)} ${round(q.p50, 1)}/${round(q.max, 1)}`)
      .join('; ')}`,
    `ingest: ${pages.length} parsed OnlyFansAPI pages, ${pageMessages} messages (1 in 10 with a photo): ` +
      `${round(intoBig.ms)} ms into the big catalog, ${round(intoFresh.ms)} ms into an empty one`,
    `gallery searches answered with a lower bound ("N+", the walk stopped early): ${search.lowerBound.length} ` +
      `of ${gallery.length} (${search.answers} answers): ${search.lowerBound.join('; ') || 'none'}`,
    `vs raw FTS5 (Chatkeep/raw p50): ${reference.perQuery.join('; ')}`,
    ...resync.notes,
  ],
}
await sendResult(report)
