// Re-sync of many unchanged chats, whole conversations, for each provider, in process against the
// fake: the second sync must cost the chat-list pages and nothing else (a chat whose newest message
// is the one its last complete sync saw is not read). Requests are counted from the fake's own log.
import { providerIds, type ProviderId } from '../../../src/shared/providers'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync } from '../../../src/main/sync/run-sync'
import { syncExitCode } from '../../../src/main/cli/sync-exit'
import { startFakeProviders, type RequestLogEntry } from '../../fake-providers/server'
import { providerAccounts } from './fake'
import { atMost, type Metric } from './report'
import { withScratch } from './temp'

/** Every provider lists chats at a path ending in /chats (a chat's pages go deeper). */
const isChatListPage = (entry: RequestLogEntry): boolean =>
  /\/chats$/.test(new URL(entry.path, 'http://x').pathname)

export async function resyncUnchangedChats(chats: number): Promise<{ metrics: Metric[]; notes: string[] }> {
  const fake = await startFakeProviders({
    seed: 13,
    chats,
    messagesPerChat: 2,
    mediaPerMessage: 0,
    specials: false,
  })
  const metrics: Metric[] = []
  const notes: string[] = []
  try {
    for (const provider of providerIds) {
      const { account, connectionId } = providerAccounts[provider as ProviderId]
      await withScratch(`resync-${provider}`, async (dir) => {
        const catalog = openCatalog(dir)
        const store = await FileStore.open(dir)
        const sync = () =>
          runSync(
            { provider, account, ...(connectionId && { connectionId }) },
            {
              catalog,
              store,
              adapter: createAdapter(provider, { apiKey: fake.keys[provider], baseUrl: fake.url }),
              apiRetry: { maxAttempts: 3 },
            },
          )
        try {
          const started = performance.now()
          const first = await sync()
          const firstSeconds = (performance.now() - started) / 1000
          const mark = fake.requestLog.length
          const second = await sync()
          const entries = fake.requestLog.slice(mark).filter((e) => e.provider === provider)
          const listPages = entries.filter(isChatListPage).length
          metrics.push(
            atMost(
              `conversations: re-sync ${chats} unchanged chats, ${provider}`,
              entries.length,
              'requests',
              listPages,
            ),
          )
          notes.push(
            `${provider}: first whole sync ${first.requests} requests, ${first.messagesNew} messages in ` +
              `${firstSeconds.toFixed(1)} s; re-sync ${entries.length} requests on the wire (${listPages} chat-list pages), ` +
              `${second.unchangedChats} of ${second.chats} chats unchanged, exit ${syncExitCode(second.outcome)}`,
          )
        } finally {
          catalog.close()
        }
      })
    }
  } finally {
    await fake.close()
  }
  return { metrics, notes }
}
