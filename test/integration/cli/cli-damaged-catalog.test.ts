// Damage deep inside the catalog file (past what the quick start-up check reads) is found by
// verify, which checks every page, and reported in one line; nothing resets the catalog.
import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { catalogPath, openCatalog } from '../../../src/main/catalog/catalog'
import { jsonOut, runCli } from '../../support/cli'
import { seedCatalog } from '../../support/seed-catalog'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

describe('a damaged catalog', () => {
  it('opens quickly but verify checks every page and exits 1 with one clear line', async () => {
    const catalog = openCatalog(dir.path)
    seedCatalog(catalog, { chats: 10, messagesPerChat: 400, mediaPerMessage: 2 })
    catalog.db.pragma('wal_checkpoint(TRUNCATE)')
    catalog.close()
    expect((await runCli(['verify', '--data-dir', dir.path])).code).toBe(0)

    // Scribble over a page in the middle of the file: table data, not a root page.
    const file = catalogPath(dir.path)
    const pageSize = 4096
    const pages = Math.floor(statSync(file).size / pageSize)
    const junk = Buffer.alloc(pageSize, 0xa5)
    const fd = openSync(file, 'r+')
    writeSync(fd, junk, 0, pageSize, Math.floor(pages / 2) * pageSize)
    closeSync(fd)

    const result = await runCli(['verify', '--json', '--data-dir', dir.path])
    expect(result.code).toBe(1)
    const report = jsonOut<{ catalogProblem: string | null }>(result)
    expect(report.catalogProblem).toMatch(/.+/)
    const text = await runCli(['verify', '--data-dir', dir.path])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/catalog itself is damaged/)
    // Still the same file: nothing was reset behind the user's back.
    expect(statSync(file).size).toBe(pages * pageSize)
  })
})
