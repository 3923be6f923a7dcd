// Fills a catalog through its repositories with deterministic synthetic rows, for tests that need
// a populated database and for the 1M-row benchmarks. No files are written; statuses vary.
import type { MediaStatus, MediaType, ProviderId } from '../../src/shared/domain'
import type { Catalog } from '../../src/main/catalog/catalog'
import { attachMedia, chatRow, mediaRow, messageRow } from './catalog-rows'
import { leisureWords, mediaStatuses, natureWords } from './synthetic'

export interface SeedOptions {
  readonly provider?: ProviderId
  readonly account?: string
  readonly chats: number
  readonly messagesPerChat: number
  readonly mediaPerMessage: number
  /** Every Nth message re-sends the media of the message before it in another chat. */
  readonly shareEvery?: number
  readonly start?: Date
}

const types: readonly MediaType[] = ['photo', 'photo', 'video', 'photo', 'audio', 'gif']
/** Three in eight downloaded (the tests' counts rely on this cycle), then one of each other state. */
const statuses: readonly MediaStatus[] = mediaStatuses.slice(1)
/** Words of synthetic messages, shared with the 1M-row bench seed (test/bench/lib/bulk-seed.ts). */
export const seedWords: readonly string[] = [
  'sunset',
  'beach',
  'gym',
  'coffee',
  'morning',
  'surprise',
  'custom',
  'video',
  'thanks',
  'birthday',
  'weekend',
  ...leisureWords,
  'paris',
  'tokyo',
  ...natureWords,
]
/** The tests' seeded texts cycle over the first ten (their counts of "sunset" and so on rely on it). */
const words = seedWords.slice(0, 10)

export function seedCatalog(
  catalog: Catalog,
  options: SeedOptions,
): { readonly accountId: number; readonly media: number } {
  const start = (options.start ?? new Date('2024-01-01T00:00:00Z')).getTime()
  const account = catalog.accounts.upsert(options.provider ?? 'onlyfansapi', options.account ?? 'acct_seed')
  let mediaCounter = 0
  catalog.transaction(() => {
    for (let c = 0; c < options.chats; c++) {
      const chat = catalog.chats.upsert(account.id, chatRow(c))
      for (let m = 0; m < options.messagesPerChat; m++) {
        const n = c * options.messagesPerChat + m
        const createdAt = new Date(start + n * 60_000).toISOString()
        const price = n % 5 === 0 ? 9.99 : null
        const text = `${words[n % words.length]} ${words[(n * 7) % words.length]} message ${n}`
        const message = catalog.messages.upsert(
          chat.id,
          messageRow(`m${n}`, text, createdAt, { price, isFree: price === null, fromCreator: n % 3 !== 0 }),
        )
        for (let k = 0; k < options.mediaPerMessage; k++) {
          const shared = options.shareEvery !== undefined && n % options.shareEvery === 0 && n > 0
          const id = shared ? mediaCounter - 1 - k : mediaCounter++
          const type = types[id % types.length] as MediaType
          const media = mediaRow(`media${id}`, {
            type,
            width: 1080,
            height: 1350,
            durationSec: type === 'video' ? 30 : null,
            createdAt,
            size: 1000 + ((id * 7919) % 5_000_000),
          })
          const mediaId = attachMedia(
            catalog,
            account.id,
            { messageId: message.id, sortAt: createdAt, price },
            media,
            k,
          )
          if (!shared) catalog.media.setStatus(mediaId, statuses[id % statuses.length] as MediaStatus)
        }
      }
    }
  })
  return { accountId: account.id, media: mediaCounter }
}
