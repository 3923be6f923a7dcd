// The gallery's and the CLI's text search against a real catalog: the same typed text must find
// the same messages through catalog.query.search (gallery) and listLinks (`list --search`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCatalog, type Catalog } from '../../../src/main/catalog/catalog'
import { mediaQuerySchema } from '../../../src/shared/contract'
import { tempDir } from '../../support/temp-dir'
import { attachMedia, mediaRow, messageRow } from '../../support/catalog-rows'

let dir: ReturnType<typeof tempDir>
let catalog: Catalog
beforeEach(() => {
  dir = tempDir()
  catalog = openCatalog(dir.path)
  const account = catalog.accounts.upsert('onlyfansapi', 'acct')
  const chats = {
    alice: catalog.chats.upsert(account.id, chat('a', 'alice_r', 'Alice 🦋')),
    bob: catalog.chats.upsert(account.id, chat('b', 'bob', 'Bob')),
  }
  const texts: ReadonlyArray<readonly [keyof typeof chats, string]> = [
    ['alice', 'Sunset at the beach 🌅'],
    ['alice', 'New video 😈 tonight'],
    ['bob', 'Party time 🎉🎉'],
    ['bob', 'She said "hi" to the beach crowd'],
    ['bob', 'the sea at sunset, no emoji'],
  ]
  texts.forEach(([who, text], i) => {
    const at = `2024-01-0${i + 1}T00:00:00.000Z`
    const msg = catalog.messages.upsert(chats[who].id, messageRow(String(i), text, at))
    const photo = mediaRow(`p${i}`, { width: 1, height: 1, createdAt: at, size: 1 })
    attachMedia(catalog, account.id, { messageId: msg.id, sortAt: at }, photo)
  })
})
afterEach(() => {
  catalog.close()
  dir.remove()
})

function chat(externalId: string, fanUsername: string, fanName: string) {
  return { externalId, fanId: null, fanUsername, fanName, lastMessageAt: null, raw: {} }
}

function found(search: string): string[] {
  const gallery = catalog.gallery
    .search(mediaQuerySchema.parse({ search, sort: 'oldest' }))
    .rows.map((row) => row.text)
  const cli = [...catalog.mediaLinks.list({ search })].map((row) => row.text).reverse()
  expect(cli).toEqual(gallery)
  return gallery
}

describe('message search', () => {
  it('finds emoji and punctuation instead of returning everything', () => {
    expect(found('😈')).toEqual(['New video 😈 tonight'])
    expect(found('🎉')).toEqual(['Party time 🎉🎉'])
    expect(found('"')).toEqual(['She said "hi" to the beach crowd'])
    expect(found('🦄')).toEqual([])
    // An emoji in the fan's name finds the chat's messages.
    expect(found('🦋')).toEqual(['Sunset at the beach 🌅', 'New video 😈 tonight'])
  })

  it('quoted phrases, OR and exclusions', () => {
    expect(found('"at the beach"')).toEqual(['Sunset at the beach 🌅'])
    expect(found('"the beach"')).toEqual(['Sunset at the beach 🌅', 'She said "hi" to the beach crowd'])
    expect(found('beach -crowd')).toEqual(['Sunset at the beach 🌅'])
    expect(found('party OR 😈')).toEqual(['New video 😈 tonight', 'Party time 🎉🎉'])
    expect(found('sunset OR sea -🌅')).toEqual(['the sea at sunset, no emoji'])
    expect(found('-beach -🎉 -alice')).toEqual(['the sea at sunset, no emoji'])
    expect(found('"beach 🌅"')).toEqual(['Sunset at the beach 🌅'])
    expect(found('"sunset 🌅"')).toEqual([])
  })
})
