// The seeded 10M-message catalog is cached between runs under the OS temp dir, keyed by the
// schema (a hash of every migration's SQL, so an edited trigger or index is never measured on a
// catalog built without it) and this seeder's version, so the slow part runs once per machine and
// schema (about 3 GB on disk at 10 million messages).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { latestVersion, migrations } from '../../../src/main/catalog/migrations'
import { seedConversations, type ConversationSeedResult } from './conversation-seed'

/** Bump when conversation-seed.ts changes what it writes. */
const seederVersion = 1

export interface CachedConversations {
  readonly dataDir: string
  readonly seed: ConversationSeedResult
  readonly fromCache: boolean
}

/** 10 messages per media item, one chat of 100,000 messages (or a tenth of them), 5,000 chats at 10M. */
export function ensureConversationCatalog(
  messages: number,
  options: { readonly fresh?: boolean } = {},
): CachedConversations {
  const schema = createHash('sha256')
    .update(migrations.map((m) => m.sql).join('\n'))
    .digest('hex')
    .slice(0, 8)
  const dataDir = join(
    tmpdir(),
    `chatkeep-bench-conversations-schema${latestVersion}-${schema}-seed${seederVersion}-${messages}`,
  )
  const marker = join(dataDir, 'seeded.json')
  if (!options.fresh && existsSync(marker)) {
    return {
      dataDir,
      seed: JSON.parse(readFileSync(marker, 'utf8')) as ConversationSeedResult,
      fromCache: true,
    }
  }
  // A catalog seeded for an older schema is never read again: at 3 GB each they would pile up.
  for (const name of readdirSync(tmpdir()))
    if (name.startsWith('chatkeep-bench-conversations-') && name.endsWith(`-${messages}`))
      rmSync(join(tmpdir(), name), { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const seed = seedConversations(dataDir, {
    messages,
    media: Math.floor(messages / 10),
    bigChat: Math.min(100_000, Math.floor(messages / 10)),
    chats: Math.max(50, Math.floor(messages / 2_000)),
  })
  writeFileSync(marker, JSON.stringify(seed))
  return { dataDir, seed, fromCache: false }
}
