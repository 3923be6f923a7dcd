// Conversations in an export (issue 12), in process after a real sync from the fake: every chat gets
// transcript.html, conversation.txt and conversation.json holding every message (text-only ones,
// tips, replies, mass messages, deleted-upstream marks), times in this computer's time zone with
// their offset; chats without any media still get theirs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { exportArchive } from '../../../src/main/export'
import { htmlToText } from '../../../src/main/providers/html-text'
import { createAdapter } from '../../../src/main/providers/registry'
import { FileStore } from '../../../src/main/store/file-store'
import { runSync } from '../../../src/main/sync/run-sync'
import type { FakeChat } from '../../fake-providers/dataset'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { exitOf } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

// Fixed for this file's worker, so the expected offsets are known (New York: -05:00 in January).
process.env.TZ = 'America/New_York'

const provider = 'onlyfansapi'
const account = 'acct_fake_onlyfans_1'

interface ConversationJson {
  format: string
  chat: string
  fanName: string
  messages: Array<{
    messageId: string
    createdAt: string
    localTime: string
    fromCreator: boolean
    text: string
    tip: number | null
    replyTo: string | null
    massMessage: boolean
    deletedUpstreamAt: string | null
    media: Array<{ mediaId: string; path: string | null; status: string }>
  }>
}

async function syncedWorld(options: Parameters<typeof startFakeProviders>[0]) {
  const dir = tempDir()
  const fake = await startFakeProviders({ specials: false, fileSizes: [2_000, 3_000], ...options })
  const catalog = openCatalog(dir.path)
  const store = await FileStore.open(dir.path)
  const sync = (full = false) =>
    runSync(
      { provider, account, full },
      {
        catalog,
        store,
        adapter: createAdapter(provider, { apiKey: fake.keys[provider], baseUrl: fake.url }),
        apiRetry: { maxAttempts: 1 },
      },
    )
  expect(exitOf(await sync())).toBe(0)
  return { dir, fake, catalog, sync }
}

const readJson = (path: string): ConversationJson =>
  JSON.parse(readFileSync(path, 'utf8')) as ConversationJson
const chatsOf = (fake: FakeProviders): readonly FakeChat[] => fake.dataset.account(provider, account)!.chats

describe('an export of chats without any media', () => {
  let world: Awaited<ReturnType<typeof syncedWorld>>
  const out = tempDir()
  beforeAll(async () => {
    world = await syncedWorld({ seed: 51, chats: 2, messagesPerChat: 9, mediaPerMessage: 0 })
  })
  afterAll(async () => {
    world.catalog.close()
    await world.fake.close()
    world.dir.remove()
    out.remove()
  })

  it('still writes each chat its transcript and conversation files, every message in them', async () => {
    const summary = await exportArchive({ catalog: world.catalog, to: out.path, filter: { provider } })
    expect(summary).toMatchObject({ files: 0, chats: 2, errors: [] })
    expect(summary.transcripts).toHaveLength(2)
    expect(summary.conversations.map((p) => p.slice(p.lastIndexOf('/') + 1)).sort()).toEqual([
      'conversation.json',
      'conversation.json',
      'conversation.txt',
      'conversation.txt',
    ])
    for (const chat of chatsOf(world.fake)) {
      const folder = summary.transcripts.find(
        (p) => readJson(join(p, '..', 'conversation.json')).chat === chat.id,
      )
      expect(folder, chat.id).toBeDefined()
      const html = readFileSync(folder!, 'utf8')
      expect(html.match(/<article /g)).toHaveLength(chat.messages.length)
      const json = readJson(join(folder!, '..', 'conversation.json'))
      expect(json.format).toBe('chatkeep-conversation')
      expect(json.messages.map((m) => m.messageId)).toEqual(chat.messages.map((m) => m.id))
      expect(json.messages.map((m) => m.text)).toEqual(chat.messages.map((m) => htmlToText(m.text)))
      const text = readFileSync(join(folder!, '..', 'conversation.txt'), 'utf8')
      expect(text.match(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d\] /gm)).toHaveLength(
        chat.messages.length,
      )
    }
  })

  it('an item filter leaves out the chats it finds nothing in', async () => {
    const summary = await exportArchive({
      catalog: world.catalog,
      to: join(out.path, 'videos'),
      filter: { type: 'video' },
    })
    expect(summary).toMatchObject({ files: 0, chats: 0, transcripts: [], conversations: [] })
  })
})

describe('an export of whole conversations with media', () => {
  let world: Awaited<ReturnType<typeof syncedWorld>>
  const out = tempDir()
  beforeAll(async () => {
    world = await syncedWorld({ seed: 52, chats: 2, messagesPerChat: 24, mediaPerMessage: [0, 1] })
    // One message goes away upstream; a full sync keeps it and marks it.
    const chat = chatsOf(world.fake)[0]!
    world.fake.dataset.deleteMessage(provider, account, chat.id, chat.messages[3]!.id)
    expect((await world.sync(true)).messagesDeletedUpstream).toBe(1)
  })
  afterAll(async () => {
    world.catalog.close()
    await world.fake.close()
    world.dir.remove()
    out.remove()
  })

  it('holds every message with local times and offsets, tips, replies, mass and deleted marks', async () => {
    const summary = await exportArchive({ catalog: world.catalog, to: out.path })
    expect(summary.errors).toEqual([])
    const archived = world.catalog.conversation
    for (const transcript of summary.transcripts) {
      const json = readJson(join(transcript, '..', 'conversation.json'))
      const chatRow = world.catalog.chats
        .listByAccount(world.catalog.accounts.get(provider, account)!.id)
        .find((c) => c.externalId === json.chat)!
      const rows = archived.newest(chatRow.id, 1_000).messages
      expect(json.messages.map((m) => m.messageId)).toEqual(rows.map((r) => r.externalId))
      // New York in January: UTC-5, shown with each time.
      expect(json.messages.every((m) => m.localTime.endsWith(' -05:00'))).toBe(true)
      expect(json.messages[0]!.localTime.slice(0, 16)).toBe(
        new Date(Date.parse(json.messages[0]!.createdAt) - 5 * 3_600_000)
          .toISOString()
          .replace('T', ' ')
          .slice(0, 16),
      )
      const html = readFileSync(transcript, 'utf8')
      expect(html).toContain(' -05:00</time>')
      expect(html).toMatch(/<h2 class="day">2024-12-31|<h2 class="day">2025-01-0\d/)
      for (const message of json.messages) {
        expect(html).toContain(`id="m-${message.messageId}"`)
        for (const item of message.media.filter((m) => m.path !== null))
          expect(readFileSync(join(transcript, '..', item.path!)).length).toBeGreaterThan(0)
      }
      const text = readFileSync(join(transcript, '..', 'conversation.txt'), 'utf8')
      if (json.messages.some((m) => m.tip !== null)) {
        expect(html).toMatch(/class="mark tip">tip \$\d+\.\d\d</)
        expect(text).toMatch(/\[tip \$\d+\.\d\d\]/)
      }
      if (json.messages.some((m) => m.replyTo !== null)) expect(html).toMatch(/↩ reply to <a href="#m-\d+">/)
      if (json.messages.some((m) => m.massMessage)) expect(html).toContain('mass message')
    }
    const all = summary.transcripts.map((p) => readJson(join(p, '..', 'conversation.json')).messages).flat()
    const gone = all.filter((m) => m.deletedUpstreamAt !== null)
    expect(gone).toHaveLength(1)
    const html = summary.transcripts.map((p) => readFileSync(p, 'utf8')).join('')
    expect(html).toMatch(/class="msg (creator|fan) gone" id="m-\d+"/)
    expect(html).toContain('deleted upstream (noticed ')
    expect(all.some((m) => m.media.length === 0)).toBe(true)
  })
})
