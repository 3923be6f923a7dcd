// Parsed conversation pages for the ingest benchmark: OnlyFansAPI's messages route read through
// the real adapter from the fake, one chat after another, as a sync reads them.
import { createAdapter } from '../../../src/main/providers/registry'
import type { ProviderMessage } from '../../../src/main/providers/types'
import { pageThrough } from '../../../src/main/providers/paging'
import { startFakeProviders } from '../../fake-providers/server'
import { chatText, vocabulary, zipfTable } from './conversation-seed'
import { prng } from '../../support/synthetic'
import { providerAccounts } from './fake'

export interface ParsedPage {
  readonly chatId: string
  readonly messages: readonly ProviderMessage[]
}

/**
 * `chats` chats of `perChat` messages as OnlyFans sends them (HTML text of 2 to 6 words, drawn as
 * the seeded catalog's are; the fake's own texts include a 2,048-word one in every twelve, which
 * measures the tokenizer, not a sync), one in ten carrying a photo, read as pages of 100.
 */
export async function conversationPages(chats: number, perChat: number): Promise<ParsedPage[]> {
  const fake = await startFakeProviders({
    seed: 9,
    chats,
    messagesPerChat: 0,
    specials: false,
    fileSizes: [4_000, 4_000],
  })
  try {
    const { account } = providerAccounts.onlyfansapi
    const words = vocabulary()
    const zipf = zipfTable(words.length)
    const random = prng(11)
    for (const chat of fake.dataset.account('onlyfansapi', account)?.chats ?? [])
      for (let i = 0; i < perChat; i++)
        fake.dataset.addMessage('onlyfansapi', account, chat.id, {
          mediaCount: i % 10 === 9 ? 1 : 0,
          types: ['photo'],
          fromCreator: random() < 0.55,
          text: `<p>${chatText(words, zipf, random)}</p>`,
        })
    const adapter = createAdapter('onlyfansapi', { apiKey: fake.keys.onlyfansapi, baseUrl: fake.url })
    const ctx = { account }
    const pages: ParsedPage[] = []
    for (const chat of (await adapter.listChats(ctx)).items) {
      const fetch = (cursor: string | null) => adapter.listChatMessages(ctx, chat.id, { cursor })
      for await (const page of pageThrough(fetch, {
        provider: 'onlyfansapi',
        what: 'bench',
        keyOf: (m) => m.id,
      }))
        pages.push({ chatId: chat.id, messages: page.items })
    }
    return pages
  } finally {
    await fake.close()
  }
}
