// Re-sync of unchanged chats, for each provider. The target (issue 4) is one media page per chat
// plus the chat-list pages; the sync does better, skipping a chat whose newest message is the one
// its last complete sync saw, so only the chat list is read. Request counts come from the fake's
// own log, not the adapter.
import type { ProviderId } from '../../../src/shared/domain'
import type { FakeProviders, RequestLogEntry } from '../../fake-providers/server'
import { hasFlag, sendResult } from '../lib/child'
import { startBenchFake } from '../lib/fake'
import { atMost, type BenchReport, type Metric } from '../lib/report'
import { syncInChild } from '../lib/sync-child'
import { withScratch } from '../lib/temp'

const quick = hasFlag(process.argv, '--quick')
const chats = quick ? 10 : 50
const providers: readonly ProviderId[] = ['ofauth', 'onlyfansapi', 'onlyfansapi-fansly', 'fansmetric']

function apiEntries(log: readonly RequestLogEntry[], provider: ProviderId): RequestLogEntry[] {
  return log.filter((e) => e.provider === provider)
}

/** Every provider lists chats at a path ending in /chats (the media endpoints go deeper). */
function isChatListPage(entry: RequestLogEntry): boolean {
  return /\/chats$/.test(new URL(entry.path, 'http://x').pathname)
}

async function secondSync(
  fake: FakeProviders,
  provider: ProviderId,
): Promise<{ metric: Metric; note: string }> {
  return withScratch(`resync-${provider}`, async (dataDir) => {
    const first = await syncInChild(fake, { provider, dataDir })
    const mark = fake.requestLog.length
    const second = await syncInChild(fake, { provider, dataDir })
    const entries = apiEntries(fake.requestLog.slice(mark), provider)
    const listPages = entries.filter(isChatListPage).length
    const target = chats + listPages
    const others = entries.filter((e) => !isChatListPage(e)).map((e) => new URL(e.path, 'http://x').pathname)
    const shapes = [...new Set(others.map((p) => p.replace(/\d{5,}/g, ':id')))].join(', ')
    return {
      metric: atMost(`re-sync ${chats} unchanged chats: ${provider}`, entries.length, 'requests', target),
      note:
        `${provider}: first sync ${first.summary.requests} requests (${first.summary.downloaded} files); second sync ` +
        `${entries.length} API requests on the wire (adapter counted ${second.summary.requests}), ${listPages} chat-list pages, ` +
        `${second.summary.downloaded} downloads; target ${chats} + ${listPages}; other paths: ${shapes}`,
    }
  })
}

const fake = await startBenchFake({ chats, messagesPerChat: 3, fileSizes: [9_000, 9_000] })
try {
  const metrics: Metric[] = []
  const notes: string[] = []
  for (const provider of providers) {
    const { metric, note } = await secondSync(fake, provider)
    metrics.push(metric)
    notes.push(note)
  }
  const report: BenchReport = { bench: 'resync', metrics, notes }
  await sendResult(report)
} finally {
  await fake.close()
}
