// A typed word becomes its exact completions from the index's vocabulary (fts-terms.ts): the flush
// lists the words of what it indexes, the gallery and the chat search still find every completion
// of a word ("hey" finds "heyyy"), a word with more completions than the cap searches the most
// common ones and says so, and the `messages` command keeps matching every completion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { maxPrefixTerms } from '../../../src/main/catalog/repositories/fts-terms'
import type { MessageInput } from '../../../src/main/catalog/repositories/messages'
import { mediaQuerySchema } from '../../../src/shared/contract'
import { tempDir } from '../../support/temp-dir'
import { chatRow } from '../../support/catalog-rows'

let dir: ReturnType<typeof tempDir>
let catalog: Catalog
let chatId: number
let accountId: number
beforeEach(() => {
  dir = tempDir()
  catalog = openCatalog(dir.path)
  accountId = catalog.accounts.upsert('onlyfansapi', 'acct').id
  chatId = catalog.chats.upsert(
    accountId,
    chatRow('c1', { externalId: 'c1', fanId: null, fanUsername: 'user_c1', fanName: 'Zoe' }),
  ).id
})
afterEach(() => {
  catalog.close()
  dir.remove()
})

let n = 0
function write(text: string, withMedia = false): number {
  n += 1
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString()
  const input: MessageInput = {
    externalId: `m${n}`,
    text,
    price: null,
    isFree: true,
    fromCreator: true,
    senderId: null,
    createdAt: at,
    raw: {},
  }
  const id = catalog.messages.write(chatId, input).id
  if (withMedia) {
    const media = catalog.media.upsert(
      accountId,
      {
        providerMediaId: `p${n}`,
        type: 'photo',
        width: null,
        height: null,
        durationSec: null,
        createdAt: at,
        canView: true,
        isReady: true,
        hasError: false,
        drm: false,
        size: 10,
        item: {},
      },
      { messageId: id, sortAt: at, price: null },
    )
    catalog.messages.linkMedia(id, media.id, 0)
  }
  return id
}

const docs = (term: string): number | undefined =>
  (
    catalog.db.prepare('SELECT docs FROM message_terms WHERE term = ?').get(term) as
      { docs: number } | undefined
  )?.docs
const chatHits = (text: string): number[] => catalog.conversation.search(chatId, text).hits.map((h) => h.id)

describe('the vocabulary', () => {
  it('lists each word the index gets, as the index spells it, with how many messages hold it', () => {
    catalog.transaction(() => {
      write('Hey heyyy')
      write('hey Café')
    })
    expect(docs('hey')).toBe(2)
    expect(docs('heyyy')).toBe(1)
    expect(docs('cafe')).toBe(1)
    // The fan's names are searched too, so their words are listed.
    expect(docs('zoe')).toBe(2)
    expect(docs('c1')).toBe(2)
  })
})

describe('a typed word', () => {
  it('finds every completion in the gallery and in a chat, whatever its case', () => {
    const plain = write('hey there', true)
    const longer = write('heyyy you', true)
    write('hello', true)
    const gallery = catalog.gallery.search(mediaQuerySchema.parse({ search: 'HEY' }))
    expect(gallery.total).toBe(2)
    expect(gallery.capped).toBe(false)
    expect(chatHits('hey')).toEqual([plain, longer])
    expect(chatHits('heyy')).toEqual([longer])
    expect(chatHits('nothing')).toEqual([])
    // Outside plain ASCII the index's own prefix term answers (accents, `_`).
    const cafe = write('Café au lait')
    expect(chatHits('café')).toEqual([cafe])
    expect(chatHits('caf')).toEqual([cafe])
    expect(chatHits('user_c')).toHaveLength(4)
  })

  it(`past ${maxPrefixTerms} completions searches the most common ones and the word itself, and says so`, () => {
    // More common completions than the cap (each in two messages), then two rare ones.
    for (let i = 0; i <= maxPrefixTerms; i++) {
      const word = `qx${String(i).padStart(2, '0')}`
      catalog.transaction(() => [write(word), write(`${word} again`)])
    }
    const rare = write('qxzz')
    const itself = write('qx')
    const result = catalog.conversation.search(chatId, 'qx')
    expect(result.capped).toBe(true)
    const hits = result.hits.map((h) => h.id)
    expect(hits).toContain(itself)
    expect(hits).not.toContain(rare)
    // A longer prefix reaches the rarest again, uncapped.
    expect(catalog.conversation.search(chatId, 'qxz')).toMatchObject({ capped: false, total: 1 })
    // The `messages` command matches every completion, however many (design §8: exact).
    const listed = [...catalog.messageList.list({ search: 'qx' })]
    expect(listed).toHaveLength(2 * (maxPrefixTerms + 1) + 2)
  })
})

describe('a bulk load', () => {
  it('lists the same words from the index in one pass as the flush does message by message', () => {
    catalog.transaction(() => {
      write('Hey heyyy')
      write('hey Café')
    })
    const terms = (): unknown[] => catalog.db.prepare('SELECT term FROM message_terms ORDER BY term').all()
    const byFlush = terms()
    catalog.db.exec('DELETE FROM message_terms')
    catalog.db.transaction(() => {
      write('later words')
      catalog.ftsIndex.flushBulk()
    })()
    expect(terms()).toEqual(
      [...byFlush, { term: 'later' }, { term: 'words' }].sort((a, b) =>
        (a as { term: string }).term.localeCompare((b as { term: string }).term),
      ),
    )
    expect(chatHits('later')).toHaveLength(1)
  })
})
