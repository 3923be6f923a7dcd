// Fills a catalog through its repositories with deterministic synthetic rows, for tests that need
// a populated database and for the 1M-row benchmarks. No files are written; statuses vary.
import type { MediaStatus, MediaType, ProviderId } from '../../src/shared/domain'
import type { Catalog } from '../../src/main/catalog/catalog'

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
const statuses: readonly MediaStatus[] = [
  'downloaded',
  'downloaded',
  'downloaded',
  'locked',
  'pending',
  'drm',
  'failed',
  'not_ready',
]
const words = [
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
]

export function seedCatalog(
  catalog: Catalog,
  options: SeedOptions,
): { readonly accountId: number; readonly media: number } {
  const start = (options.start ?? new Date('2024-01-01T00:00:00Z')).getTime()
  const account = catalog.accounts.upsert(options.provider ?? 'onlyfansapi', options.account ?? 'acct_seed')
  let mediaCounter = 0
  catalog.transaction(() => {
    for (let c = 0; c < options.chats; c++) {
      const chat = catalog.chats.upsert(account.id, {
        externalId: `chat${c}`,
        fanId: `fan${c}`,
        fanUsername: `fan_user_${c}`,
        fanName: `Fan Number ${c}`,
        lastMessageAt: null,
        raw: {},
      })
      for (let m = 0; m < options.messagesPerChat; m++) {
        const n = c * options.messagesPerChat + m
        const createdAt = new Date(start + n * 60_000).toISOString()
        const price = n % 5 === 0 ? 9.99 : null
        const message = catalog.messages.upsert(chat.id, {
          externalId: `m${n}`,
          text: `${words[n % words.length]} ${words[(n * 7) % words.length]} message ${n}`,
          price,
          isFree: price === null,
          fromCreator: n % 3 !== 0,
          senderId: null,
          createdAt,
          raw: {},
        })
        for (let k = 0; k < options.mediaPerMessage; k++) {
          const shared = options.shareEvery !== undefined && n % options.shareEvery === 0 && n > 0
          const id = shared ? mediaCounter - 1 - k : mediaCounter++
          const type = types[id % types.length] as MediaType
          const media = catalog.media.upsert(
            account.id,
            {
              providerMediaId: `media${id}`,
              type,
              width: 1080,
              height: 1350,
              durationSec: type === 'video' ? 30 : null,
              createdAt,
              canView: true,
              isReady: true,
              hasError: false,
              drm: false,
              size: 1000 + ((id * 7919) % 5_000_000),
              item: {},
            },
            { messageId: message.id, sortAt: createdAt, price },
          )
          if (!shared) catalog.media.setStatus(media.id, statuses[id % statuses.length] as MediaStatus)
          catalog.messages.linkMedia(message.id, media.id, k)
        }
      }
    }
  })
  return { accountId: account.id, media: mediaCounter }
}
