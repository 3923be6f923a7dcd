// Fansly videos still transcoding when listed (status != 1) are polled again within the same sync,
// all of them in one /account-media request per round, while the other downloads go on: one that
// becomes ready after two polls is archived by this sync; one that never does is left not ready
// after the last poll. The waits are shortened here (the default is 5 s, 15 s, 40 s).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync } from '../../../src/main/sync/run-sync'
import type { SyncSummary } from '../../../src/main/sync/types'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { tempDir } from '../../support/temp-dir'

const provider = 'onlyfansapi-fansly'
const account = 'fansly_acct_fake_1'
const polls = [100, 200, 300] as const

let fake: FakeProviders
let catalog: Catalog
let dir: ReturnType<typeof tempDir>

beforeEach(async () => {
  fake = await startFakeProviders({ seed: 81, specials: false, chats: 2, messagesPerChat: 4 })
  dir = tempDir()
  catalog = openCatalog(dir.path)
})
afterEach(async () => {
  catalog.close()
  await fake.close()
  dir.remove()
})

async function syncOnce(transcodePollsMs: readonly number[]): Promise<SyncSummary> {
  return runSync(
    { provider, account },
    {
      catalog,
      store: await FileStore.open(dir.path),
      adapter: createAdapter(provider, { apiKey: fake.keys[provider], baseUrl: fake.url }),
      transcodePollsMs,
      apiRetry: { maxAttempts: 1 },
    },
  )
}

/** A new video message in the given chat, still transcoding. */
function transcodingVideo(chatIndex: number): string {
  const chat = fake.dataset.account(provider, account)!.chats[chatIndex]!
  const message = fake.dataset.addMessage(provider, account, chat.id, {
    types: ['video'],
    mediaCount: 1,
    state: 'not_ready',
  })
  return message.mediaIds[0]!
}

function statusOf(mediaId: string): { status: string; sha256: string | null; path: string | null } {
  const row = catalog.db
    .prepare(
      `SELECT m.status, f.sha256, f.rel_path AS path FROM media m
       LEFT JOIN media_files mf ON mf.media_id = m.id AND mf.kind = 'full'
       LEFT JOIN files f ON f.id = mf.file_id
       WHERE m.provider_media_id = ?`,
    )
    .get(mediaId) as { status: string; sha256: string | null; path: string | null }
  return row
}

const pollRequests = (from: number): string[] =>
  fake.requestLog
    .slice(from)
    .filter((r) => r.path.includes('/account-media/'))
    .map((r) => decodeURIComponent(r.path))

describe('a Fansly video still transcoding when listed', () => {
  it('ready after two polls: archived by the first sync; never ready: left after the last poll', async () => {
    const soon = transcodingVideo(0)
    const never = transcodingVideo(1)
    // Ready at the third request naming it: the listing's lookup, then two polls.
    fake.dataset.readyAfterPolls(soon, 3)
    const start = fake.requestLog.length
    const summary = await syncOnce(polls)

    expect(summary.becameReady).toBe(1)
    expect(summary.notReady).toBe(1)
    const archived = statusOf(soon)
    expect(archived.status).toBe('downloaded')
    expect(archived.sha256).toBe(fake.dataset.expectedSha256(soon, 'full'))
    const onDisk = createHash('sha256')
      .update(readFileSync(join(dir.path, archived.path!.startsWith('files') ? '' : 'files', archived.path!)))
      .digest('hex')
    expect(onDisk).toBe(archived.sha256)
    expect(statusOf(never).status).toBe('not_ready')

    // One request per round, every item due in it: both in rounds 1 and 2, the one left in round 3.
    // The listing asks once for each (the fake, like Fansly, leaves not-ready items out of message
    // pages); then the polls.
    const asked = pollRequests(start).slice(2)
    expect(asked).toHaveLength(3)
    expect(asked[0]).toContain(soon)
    expect(asked[0]).toContain(never)
    expect(asked[1]).toContain(soon)
    expect(asked[1]).toContain(never)
    expect(asked[2]).toContain(never)
    expect(asked[2]).not.toContain(soon)
  })

  it('without polls (the behaviour before) the video waits for a later sync', async () => {
    const soon = transcodingVideo(0)
    fake.dataset.readyAfterPolls(soon, 3)
    const summary = await syncOnce([])
    expect(summary.becameReady).toBe(0)
    expect(statusOf(soon).status).toBe('not_ready')
  })

  it('a cancel during the waits ends the sync at once, the video left for the next one', async () => {
    transcodingVideo(0)
    const controller = new AbortController()
    const started = Date.now()
    const run = runSync(
      { provider, account },
      {
        catalog,
        store: await FileStore.open(dir.path),
        adapter: createAdapter(provider, { apiKey: fake.keys[provider], baseUrl: fake.url }),
        transcodePollsMs: [30_000],
        signal: controller.signal,
      },
    )
    setTimeout(() => controller.abort(), 1_500)
    const summary = await run
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(summary.outcome.cancelled).toBe(true)
  })
})
