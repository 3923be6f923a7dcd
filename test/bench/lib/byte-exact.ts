// Whether a sync's archive holds exactly the fake's files: each full file's sha256 in the catalog
// against the dataset, and the bytes on disk hashed again.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { FakeProviders } from '../../fake-providers/server'

export interface ByteExact {
  readonly files: number
  readonly exact: number
}

export async function byteExact(fake: FakeProviders, dataDir: string): Promise<ByteExact> {
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
  let rows: Array<{ id: string; sha256: string; path: string }>
  try {
    rows = db
      .prepare<[], { id: string; sha256: string; path: string }>(
        `SELECT m.provider_media_id AS id, f.sha256, f.rel_path AS path FROM media m
         JOIN media_files mf ON mf.media_id = m.id AND mf.kind = 'full' JOIN files f ON f.id = mf.file_id`,
      )
      .all()
  } finally {
    db.close()
  }
  let exact = 0
  for (const row of rows) {
    if (row.sha256 !== fake.dataset.expectedSha256(row.id, 'full')) continue
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(join(dataDir, row.path))) hash.update(chunk as Buffer)
    if (hash.digest('hex') === row.sha256) exact++
  }
  return { files: rows.length, exact }
}
