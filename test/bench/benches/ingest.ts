// Catalog ingest of big sync pages: real OFAuth pages (100 messages, up to 3 media each, with
// previews) fetched once from the fake, then written with ingestPage, the sync's own writer.
import { openCatalog } from '../../../src/main/catalog/catalog'
import { createAdapter } from '../../../src/main/providers/registry'
import type { ProviderMessage } from '../../../src/main/providers/types'
import { ingestPage } from '../../../src/main/sync/ingest'
import { hasFlag, sendResult } from '../lib/child'
import { providerAccounts, startBenchFake } from '../lib/fake'
import { info, round, type BenchReport } from '../lib/report'
import { percentile } from '../lib/stats'
import { withScratch } from '../lib/temp'
import { bareChat } from '../../support/catalog-rows'

const quick = hasFlag(process.argv, '--quick')
const chats = quick ? 5 : 20
const account = providerAccounts.ofauth

const fake = await startBenchFake({
  chats,
  messagesPerChat: 100,
  mediaPerMessage: [1, 3],
  mediaTypes: ['photo', 'video', 'audio'],
})
const pages: { chatId: string; messages: readonly ProviderMessage[] }[] = []
try {
  const adapter = createAdapter('ofauth', { apiKey: fake.keys.ofauth, baseUrl: fake.url })
  const ctx = {
    account: account.account,
    ...(account.connectionId ? { connectionId: account.connectionId } : {}),
  }
  const chatPage = await adapter.listChats(ctx)
  let cursor: string | null = null
  for (const chat of chatPage.items.slice(0, chats)) {
    const page = await adapter.listChatMedia(ctx, chat.id, {})
    pages.push({ chatId: chat.id, messages: page.items })
    cursor = page.next
  }
  void cursor
} finally {
  await fake.close()
}

const result = await withScratch('ingest', async (dataDir) => {
  const catalog = openCatalog(dataDir)
  const accountRow = catalog.accounts.upsert('ofauth', account.account)
  const times: number[] = []
  let media = 0
  for (const page of pages) {
    const chat = catalog.chats.upsert(accountRow.id, bareChat(page.chatId))
    const t = performance.now()
    const out = ingestPage(catalog, accountRow.id, chat, page.messages)
    times.push(performance.now() - t)
    media += out.items.length
  }
  // The same pages again: what an incremental sync pays to learn a page is already known.
  const again: number[] = []
  for (const page of pages) {
    const chat = catalog.chats.get(accountRow.id, page.chatId)
    if (!chat) continue
    const t = performance.now()
    ingestPage(catalog, accountRow.id, chat, page.messages)
    again.push(performance.now() - t)
  }
  catalog.close()
  return { times, again, media }
})

const messages = pages.reduce((sum, p) => sum + p.messages.length, 0)
const totalMs = result.times.reduce((a, b) => a + b, 0)
const report: BenchReport = {
  bench: 'ingest',
  metrics: [
    info('ingest: 100-message page (p50)', round(percentile(result.times, 50)), 'ms'),
    info('ingest: media rows/s', round(result.media / (totalMs / 1000), 0), 'rows/s'),
    info('ingest: known page again (p50)', round(percentile(result.again, 50)), 'ms'),
  ],
  notes: [
    `${pages.length} OFAuth pages, ${messages} messages, ${result.media} media (photos/videos/audio, with preview jobs)`,
  ],
}
await sendResult(report)
