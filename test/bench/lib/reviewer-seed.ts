// One chat of many messages for the reviewer bench, written through the catalog's repositories the
// way a sync writes them (one transaction): mostly text, every 25th with a photo, some tips, prices,
// long texts and messages deleted upstream. Message i says "msg i:" and is 15 minutes after i-1.
import { openCatalog } from '../../../src/main/catalog/catalog'

export const conversationStart = Date.parse('2020-01-01T00:00:00.000Z')
export const conversationStepMs = 15 * 60_000

export interface ConversationSeed {
  readonly chatId: number
  readonly messages: number
  readonly seedMs: number
}

const phrases = [
  'how was your day?',
  'thank you so much 💕',
  'new set coming tomorrow',
  'can you do a custom video?',
  'price agreed, sending now',
  'good morning ☀️',
  'that was amazing',
  'טוב מאוד, תודה',
]

export function seedConversation(dataDir: string, messages: number): ConversationSeed {
  const started = performance.now()
  const catalog = openCatalog(dataDir)
  try {
    const account = catalog.accounts.upsert('onlyfansapi', 'acct_review', { label: 'Review bench' })
    const chat = catalog.chats.upsert(account.id, {
      externalId: 'chat_long',
      fanId: 'fan_long',
      fanUsername: 'longtalker',
      fanName: 'Long Talker',
      lastMessageAt: new Date(conversationStart + (messages - 1) * conversationStepMs).toISOString(),
      raw: {},
    })
    const kept: number[] = []
    catalog.transaction(() => {
      for (let i = 0; i < messages; i += 1) {
        const createdAt = new Date(conversationStart + i * conversationStepMs).toISOString()
        const long = i % 97 === 0 ? ` ${'and then we talked about everything '.repeat(20)}` : ''
        const { id } = catalog.messages.write(chat.id, {
          externalId: `m${i}`,
          text: `msg ${i}: ${phrases[i % phrases.length]}${long}`,
          price: i % 30 === 0 ? 9.99 : null,
          isFree: i % 30 !== 0,
          paid: i % 30 === 0 ? i % 60 === 0 : null,
          tip: i % 50 === 0 ? 5 : null,
          fromCreator: i % 3 !== 0,
          senderId: null,
          createdAt,
          raw: {},
          hasMedia: i % 25 === 0,
        })
        if (i % 200 !== 7) kept.push(id)
        if (i % 25 === 0) {
          const media = catalog.media.upsert(
            account.id,
            {
              providerMediaId: `p${i}`,
              type: 'photo',
              width: 1080,
              height: 1350,
              durationSec: null,
              createdAt,
              canView: true,
              isReady: true,
              hasError: false,
              drm: false,
              size: null,
              item: {},
            },
            { messageId: id, sortAt: createdAt, price: null },
          )
          catalog.messages.linkMedia(id, media.id, 0)
        }
      }
      catalog.messages.markDeletedUpstream(chat.id, kept, new Date().toISOString())
    })
    return { chatId: chat.id, messages, seedMs: performance.now() - started }
  } finally {
    catalog.close()
  }
}
