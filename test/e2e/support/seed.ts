// Fills a fresh data folder through the catalog's own repositories and file store, the way a sync
// would: two accounts, a few hand-written chats (media of every kind and status, hostile text)
// and one big chat so the gallery has thousands of rows to scroll.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { accessRule } from '../../../src/main/providers/fansly-access-rules'
import { sha256OfFile } from '../../../src/main/lib/sha256-file'
import { FileStore } from '../../../src/main/store/file-store'
import type { AccessRule, MediaStatus, MediaType, ProviderId } from '../../../src/shared/domain'
import { gradientPng } from './images'

const assets = join(import.meta.dirname, '..', '..', 'fake-providers', 'assets')

export const hostileTexts = [
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned = 1</script> hello',
] as const

/** Names that break layouts and readers: 10,000 characters without a space, and a bidi spoof. */
export const longFanName = 'Verylongfanname'.repeat(667).slice(0, 10_000)
export const longUsername = `user_${'u'.repeat(9_995)}`
export const longAccountLabel = 'Longaccountlabel'.repeat(625)
export const spoofedFanName = 'rtl \u202Egnp.exe'
export const spoofedText = 'open \u202Etxt.exe now'
/** A text-only conversation over three days (the reviewer shows every message, not only media). */
export const talkTexts = {
  first: 'Hey! Are you taking custom requests this week?',
  reply: 'Yes, tell me what you have in mind',
  tip: 'Sending a little tip for the last set 💸',
  paid: 'Unlocked message with a secret recipe',
  unbought: 'Unlock to read the rest of the story',
  deleted: 'This one was deleted on the provider later',
  wall: 'W'.repeat(10_000),
  last: 'See you tomorrow 👋 <b>bold?</b>',
} as const

export interface SeedSummary {
  readonly media: number
  readonly bulkMedia: number
}

interface Stored {
  readonly fileId: number
  readonly size: number
}

interface SeedMedia {
  readonly type: MediaType
  readonly status: MediaStatus
  readonly full?: Stored
  readonly thumb?: Stored
  readonly width?: number
  readonly height?: number
  readonly durationSec?: number
  readonly rules?: readonly AccessRule[]
}

interface SeedMessage {
  readonly text: string
  readonly fromCreator: boolean
  readonly price?: number
  readonly paid?: boolean
  readonly tip?: number
  /** The message it answers: an index into the same list, or a provider id the archive lacks. */
  readonly replyTo?: number | string
  readonly media?: readonly SeedMedia[]
}

class Seeder {
  private counter = 0
  constructor(
    readonly catalog: Catalog,
    readonly store: FileStore,
  ) {}

  async storeBytes(bytes: Buffer, ext: string, mime: string): Promise<Stored> {
    this.counter += 1
    const temp = this.store.tempPathFor(`seed-${this.counter}`)
    await writeFile(temp, bytes)
    const { sha256 } = await sha256OfFile(temp)
    const stored = await this.store.commit(temp, sha256, ext)
    const row = this.catalog.files.add({ sha256, size: stored.size, mime, relPath: stored.relPath })
    return { fileId: row.id, size: stored.size }
  }

  addMessages(
    accountId: number,
    chatId: number,
    start: Date,
    messages: readonly SeedMessage[],
    stepMinutes = 37,
  ): number {
    let media = 0
    messages.forEach((message, i) => {
      const createdAt = new Date(start.getTime() + i * stepMinutes * 60_000).toISOString()
      const row = this.catalog.messages.upsert(chatId, {
        externalId: `m-${chatId}-${i}`,
        text: message.text,
        price: message.price ?? null,
        isFree: message.price === undefined,
        fromCreator: message.fromCreator,
        senderId: null,
        createdAt,
        raw: { seeded: true },
        paid: message.paid ?? null,
        tip: message.tip ?? null,
        replyToId:
          typeof message.replyTo === 'number' ? `m-${chatId}-${message.replyTo}` : (message.replyTo ?? null),
      })
      ;(message.media ?? []).forEach((item, position) => {
        media += 1
        const record = this.catalog.media.upsert(
          accountId,
          {
            providerMediaId: `p-${chatId}-${i}-${position}`,
            type: item.type,
            width: item.width ?? null,
            height: item.height ?? null,
            durationSec: item.durationSec ?? null,
            createdAt,
            canView: item.status !== 'locked',
            isReady: item.status !== 'not_ready',
            hasError: item.status === 'failed',
            drm: item.status === 'drm',
            size: item.full?.size ?? null,
            item: { seeded: true },
          },
          { messageId: row.id, sortAt: createdAt, price: message.price ?? null },
        )
        this.catalog.messages.linkMedia(row.id, record.id, position)
        this.catalog.media.setStatus(record.id, item.status)
        if (item.full) this.catalog.media.attachFile(record.id, 'full', item.full.fileId)
        if (item.thumb) this.catalog.media.attachFile(record.id, 'thumb', item.thumb.fileId)
        if (item.rules) this.catalog.media.replaceAccessRules(record.id, item.rules)
      })
    })
    return media
  }
}

function rule(partial: Partial<AccessRule> & Pick<AccessRule, 'kind' | 'ruleSet'>): AccessRule {
  return accessRule(partial.ruleSet, partial.flags ?? 0, partial.kind, partial)
}

function account(catalog: Catalog, provider: ProviderId, externalId: string, label: string): number {
  const row = catalog.accounts.upsert(provider, externalId, { label })
  catalog.accounts.markSynced(row.id, '2026-11-20T18:30:00.000Z')
  return row.id
}

function chat(
  catalog: Catalog,
  accountId: number,
  externalId: string,
  fanName: string,
  fanUsername: string,
  last: string,
): number {
  const row = catalog.chats.upsert(accountId, {
    externalId,
    fanId: externalId,
    fanUsername,
    fanName,
    lastMessageAt: last,
    raw: {},
  })
  catalog.chats.markSynced(row.id, true, '2026-11-20T18:30:00.000Z')
  return row.id
}

/** The bulk chat's message i carries 1 to 4 media (fewer when the total runs out). */
const bulkMediaOf = (i: number, left: number): number => Math.min(left, 1 + (i % 4))

/** How many messages the bulk chat has ("Archive set 1" … "Archive set N", 6 hours apart from 2023). */
export function bulkMessageCount(bulkMedia = 4000): number {
  let messages = 0
  for (let made = 0; made < bulkMedia; messages += 1) made += bulkMediaOf(messages, bulkMedia - made)
  return messages
}

export async function seedCatalog(dataDir: string, bulkMedia = 4000): Promise<SeedSummary> {
  const catalog = openCatalog(dataDir)
  const store = await FileStore.open(dataDir)
  const seeder = new Seeder(catalog, store)
  try {
    const photos = await Promise.all(
      Array.from({ length: 24 }, (_, i) => seeder.storeBytes(gradientPng(320, 320, i), 'png', 'image/png')),
    )
    const photo = (i: number): Stored => photos[i % photos.length] as Stored
    const video = await seeder.storeBytes(await readFile(join(assets, 'clip.mp4')), 'mp4', 'video/mp4')
    const audio = await seeder.storeBytes(await readFile(join(assets, 'clip.mp3')), 'mp3', 'audio/mpeg')
    const shot = (i: number, status: MediaStatus = 'downloaded'): SeedMedia => ({
      type: 'photo',
      status,
      full: status === 'downloaded' ? photo(i) : undefined,
      thumb: photo(i),
      width: 320,
      height: 320,
    })

    let media = 0
    const luna = account(catalog, 'onlyfansapi', 'acct_luna', 'Luna')
    const alice = chat(catalog, luna, 'chat_alice', 'Alice Rivers', 'alice_r', '2026-11-19T21:00:00.000Z')
    media += seeder.addMessages(luna, alice, new Date('2026-11-18T09:00:00.000Z'), [
      { text: 'hi! loved the sunset set you posted 😍', fromCreator: false },
      { text: 'Sunset at the beach 🌅 just for you', fromCreator: true, media: [shot(1), shot(2)] },
      {
        text: 'Behind the scenes video',
        fromCreator: true,
        price: 9.99,
        media: [
          {
            type: 'video',
            status: 'downloaded',
            full: video,
            thumb: photo(3),
            width: 160,
            height: 120,
            durationSec: 2,
          },
        ],
      },
      {
        text: 'Voice note for you',
        fromCreator: true,
        media: [{ type: 'audio', status: 'downloaded', full: audio, thumb: photo(4), durationSec: 2 }],
      },
      {
        text: 'Exclusive set, unlock to see it all',
        fromCreator: true,
        price: 25,
        media: [shot(5, 'locked'), shot(6, 'locked')],
      },
      {
        text: 'Protected stream',
        fromCreator: true,
        price: 15,
        media: [{ type: 'video', status: 'drm', thumb: photo(7), durationSec: 95 }],
      },
      { text: 'thank you!! 💕', fromCreator: false },
    ])

    const mallory = chat(catalog, luna, 'chat_mallory', 'Mallory', 'mallory', '2026-11-17T12:00:00.000Z')
    media += seeder.addMessages(luna, mallory, new Date('2026-11-17T10:00:00.000Z'), [
      { text: hostileTexts[0], fromCreator: false },
      { text: hostileTexts[1], fromCreator: false, media: [shot(8)] },
      { text: 'Nice try 🙂', fromCreator: true },
    ])

    const bulk = chat(catalog, luna, 'chat_bulk', 'Bulk Collector', 'collector', '2025-12-31T00:00:00.000Z')
    const bulkMessages: SeedMessage[] = []
    for (let made = 0; made < bulkMedia;) {
      const count = bulkMediaOf(bulkMessages.length, bulkMedia - made)
      bulkMessages.push({
        text: `Archive set ${bulkMessages.length + 1}`,
        fromCreator: true,
        ...(bulkMessages.length % 5 === 0 && { price: 5 + (bulkMessages.length % 20) }),
        media: Array.from({ length: count }, (_, k) => shot(made + k + 10)),
      })
      made += count
    }
    catalog.transaction(() => {
      media += seeder.addMessages(luna, bulk, new Date('2023-01-01T00:00:00.000Z'), bulkMessages, 6 * 60)
    })

    const talk = chat(catalog, luna, 'chat_talk', 'Tess Talker', 'tess', '2026-11-12T20:00:00.000Z')
    seeder.addMessages(
      luna,
      talk,
      new Date('2026-11-10T10:00:00.000Z'),
      [
        { text: talkTexts.first, fromCreator: false },
        { text: talkTexts.reply, fromCreator: true, replyTo: 0 },
        { text: talkTexts.tip, fromCreator: false, tip: 15 },
        { text: talkTexts.paid, fromCreator: true, price: 4.99, paid: true },
        { text: talkTexts.unbought, fromCreator: true, price: 7, paid: false },
        { text: talkTexts.deleted, fromCreator: false },
        { text: talkTexts.wall, fromCreator: false },
        { text: talkTexts.last, fromCreator: true, replyTo: 'm-before-the-archive' },
      ],
      // Eight messages over three days: 10:00 on the 10th, then every 9 hours.
      9 * 60,
    )
    const deletedId = catalog.messages.get(talk, `m-${talk}-5`)?.id
    catalog.messages.markDeletedUpstream(
      talk,
      [0, 1, 2, 3, 4, 6, 7].map((i) => catalog.messages.get(talk, `m-${talk}-${i}`)?.id ?? 0),
      '2026-11-20T18:30:00.000Z',
    )
    if (deletedId === undefined) throw new Error('seed: the deleted message is missing')

    const spoof = chat(catalog, luna, 'chat_spoof', spoofedFanName, 'spoof', '2026-10-02T12:00:00.000Z')
    media += seeder.addMessages(luna, spoof, new Date('2026-10-02T11:00:00.000Z'), [
      { text: spoofedText, fromCreator: false, media: [shot(12)] },
    ])

    const longAccount = account(catalog, 'onlyfansapi', `acct_${'9'.repeat(300)}`, longAccountLabel)
    const long = chat(
      catalog,
      longAccount,
      'chat_long',
      longFanName,
      longUsername,
      '2026-10-01T12:00:00.000Z',
    )
    media += seeder.addMessages(longAccount, long, new Date('2026-10-01T11:00:00.000Z'), [
      { text: 'Long name check 📸', fromCreator: false },
      { text: 'Here you go', fromCreator: true, media: [shot(13)] },
    ])

    const fansly = account(catalog, 'onlyfansapi-fansly', 'acct_nova', 'Nova')
    const sam = chat(catalog, fansly, 'group_sam', 'Sam Porter', 'samp', '2026-11-15T16:00:00.000Z')
    const tiered: readonly AccessRule[] = [
      rule({ ruleSet: 0, kind: 'ppv', price: 12.5 }),
      rule({ ruleSet: 1, kind: 'subscription', tierId: 't1', tierName: 'VIP' }),
    ]
    media += seeder.addMessages(fansly, sam, new Date('2026-11-15T14:00:00.000Z'), [
      {
        text: 'New tier content 🎉',
        fromCreator: true,
        price: 12.5,
        media: [{ ...shot(9, 'locked'), rules: tiered }],
      },
      {
        text: 'A free one for followers',
        fromCreator: true,
        media: [{ ...shot(11), rules: [rule({ ruleSet: 0, kind: 'follow' })] }],
      },
    ])
    // Two past syncs for the history page: one complete, one with failures and a chat it could not read.
    const counts = {
      requests: 12,
      credits: 4,
      bytes: 48_000_000,
      mediaSeen: 240,
      alreadyHad: 7,
      messagesSeen: 1_200,
      messagesNew: 310,
    }
    const done = catalog.syncRuns.start(luna, false, 'user')
    catalog.syncRuns.finish(done, {
      ...counts,
      downloaded: 230,
      locked: 3,
      drm: 1,
      notReady: 2,
      failed: 0,
      status: 'done',
      error: null,
      pending: 0,
      failedChats: [],
    })
    const partial = catalog.syncRuns.start(fansly, true, 'schedule')
    catalog.syncRuns.finish(partial, {
      ...counts,
      downloaded: 18,
      locked: 0,
      drm: 0,
      notReady: 0,
      failed: 2,
      status: 'done',
      error: null,
      pending: 0,
      failedChats: [
        { chat: 'group_gone', label: 'Gone Fan', error: 'onlyfansapi-fansly: chat not found (404)' },
      ],
    })
    return { media, bulkMedia }
  } finally {
    catalog.close()
  }
}
