// A small real archive for the export bench: N files of random bytes in the content-addressed
// store, catalogued through the repositories as downloaded media in a few chats.
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { FileStore } from '../../../src/main/store/file-store'
import { attachMedia, chatRow, mediaRow, messageRow } from '../../support/catalog-rows'

export interface ArchiveSeed {
  readonly files: number
  readonly bytes: number
}

export async function seedArchive(dataDir: string, files: number, chats = 20): Promise<ArchiveSeed> {
  const catalog = openCatalog(dataDir)
  const store = await FileStore.open(dataDir)
  const account = catalog.accounts.upsert('onlyfansapi', 'acct_bench_export')
  let bytes = 0
  catalog.transaction(() => {
    const chatRows = Array.from({ length: chats }, (_, c) =>
      catalog.chats.upsert(account.id, chatRow(c, { fanUsername: `fan_${c}`, fanName: `Fan ${c}` })),
    )
    for (let i = 0; i < files; i++) {
      const chat = chatRows[i % chats]
      if (!chat) continue
      // 20–100 KB: a mix of photo-sized files where per-file cost shows, as in real archives.
      const data = randomBytes(20_000 + ((i * 7919) % 80_000))
      const sha256 = createHash('sha256').update(data).digest('hex')
      const relPath = store.relPathFor(sha256, 'jpg')
      mkdirSync(join(store.root, sha256.slice(0, 2)), { recursive: true })
      writeFileSync(store.pathOf(relPath) as string, data)
      bytes += data.length
      const createdAt = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()
      const message = catalog.messages.upsert(
        chat.id,
        messageRow(`m${i}`, `export bench message ${i}`, createdAt),
      )
      const mediaId = attachMedia(
        catalog,
        account.id,
        { messageId: message.id, sortAt: createdAt },
        mediaRow(`x${i}`, { width: 1080, height: 1350, createdAt, size: data.length }),
      )
      const file = catalog.files.add({ sha256, size: data.length, mime: 'image/jpeg', relPath })
      catalog.media.attachFile(mediaId, 'full', file.id)
      catalog.media.setStatus(mediaId, 'downloaded')
    }
  })
  catalog.close()
  return { files, bytes }
}
