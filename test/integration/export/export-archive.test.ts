// exportArchive in-process (the benchmark hook and the API's runner): cancel and resume, gallery
// selections, re-hashing of changed files, deterministic names, a symlink planted at a file name.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCatalog } from '../../../src/main/catalog/catalog'
import { ExportTargetError, exportArchive, type ExportProgress } from '../../../src/main/export'
import { windowsMaxPathUnits } from '../../../src/main/export/path-budget'
import { ExportJobs, type ExportJobStatus } from '../../../src/main/export/jobs'
import { channels, exportProgressSchema } from '../../../src/shared/contract'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { providerCases, sync } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'
import { readSidecar, sha256, walk } from './fixture'

const data = tempDir('chatkeep-export-api-data-')
const out = tempDir('chatkeep-export-api-out-')
let fake: FakeProviders

beforeAll(async () => {
  fake = await startFakeProviders({ seed: 5, chats: 3, messagesPerChat: 6 })
  const onlyfans = providerCases[0]!
  await sync(onlyfans, fake, data.path)
}, 120_000)
afterAll(async () => {
  await fake?.close()
  data.remove()
  out.remove()
})

describe('exportArchive', () => {
  it('cancels between files, keeps what it finished, and the next run completes it', async () => {
    const to = join(out.path, 'cancel')
    const controller = new AbortController()
    const seen: ExportProgress[] = []
    const first = await exportArchive({
      dataDir: data.path,
      to,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p)
        if (p.phase === 'copying' && p.filesDone === 3) controller.abort()
      },
    })
    expect(first.cancelled).toBe(true)
    expect(first.copied).toBe(3)
    expect(first.sidecars).toEqual([])
    expect(seen.at(-1)?.phase).toBe('cancelled')
    const second = await exportArchive({ dataDir: data.path, to })
    expect(second).toMatchObject({ cancelled: false, skipped: 3, copied: second.files - 3, errors: [] })
    expect(seen.some((p) => p.filesTotal === second.files && p.bytesTotal === second.totalBytes)).toBe(true)
  })

  it('a cancel with many copies in flight leaves only complete files under final names', async () => {
    const to = join(out.path, 'cancel-in-flight')
    const controller = new AbortController()
    const first = await exportArchive({
      dataDir: data.path,
      to,
      concurrency: 32,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'copying' && p.filesDone === 1) controller.abort()
      },
    })
    expect(first.cancelled).toBe(true)
    const manifest = JSON.parse(readFileSync(join(to, '.chatkeep-export.json'), 'utf8')) as {
      files: Record<string, { sha256: string; size: number }>
    }
    const written = walk(to).filter((path) => path !== '.chatkeep-export.json')
    expect(written.length).toBe(first.copied)
    expect(written.filter((path) => path.endsWith('.tmp'))).toEqual([])
    // Every file there is whole and recorded, so the next run can trust it.
    for (const path of written) expect(sha256(join(to, path))).toBe(manifest.files[path]?.sha256)
    const second = await exportArchive({ dataDir: data.path, to })
    expect(second).toMatchObject({ skipped: first.copied, copied: second.files - first.copied, errors: [] })
  })

  it('re-hashes a file whose mtime changed and replaces one whose bytes changed', async () => {
    const to = join(out.path, 'changed')
    const first = await exportArchive({ dataDir: data.path, to })
    const [a, b] = readSidecar(to).items.filter((i) => i.variant === 'full')
    // Same bytes, new mtime: hashed again, found identical, skipped.
    writeFileSync(join(to, a!.path!), readFileSync(join(to, a!.path!)))
    // Same size, other bytes: copied again.
    const bytes = readFileSync(join(to, b!.path!))
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff
    writeFileSync(join(to, b!.path!), bytes)
    const second = await exportArchive({ dataDir: data.path, to })
    expect(second).toMatchObject({ copied: 1, skipped: first.files - 1 })
    expect(sha256(join(to, b!.path!))).toBe(b!.sha256)
  })

  it('replaces a symlink planted at a file name instead of writing through it', async () => {
    const to = join(out.path, 'planted-file')
    await exportArchive({ dataDir: data.path, to })
    const item = readSidecar(to).items.find((i) => i.variant === 'full')!
    const victim = join(out.path, 'victim.txt')
    writeFileSync(victim, 'untouched')
    const path = join(to, item.path!)
    rmSync(path)
    symlinkSync(victim, path)
    const summary = await exportArchive({ dataDir: data.path, to })
    expect(summary.copied).toBe(1)
    expect(readFileSync(victim, 'utf8')).toBe('untouched')
    expect(sha256(path)).toBe(item.sha256)
  })

  it('replaces symlinks planted at the sidecar and manifest names', async () => {
    const to = join(out.path, 'planted-sidecars')
    const victim = join(out.path, 'sidecar-victim.txt')
    writeFileSync(victim, 'untouched')
    mkdirSync(to)
    for (const name of ['chatkeep-export.json', 'chatkeep-export.csv', '.chatkeep-export.json']) {
      symlinkSync(victim, join(to, name))
    }
    const summary = await exportArchive({ dataDir: data.path, to })
    expect(summary.errors).toEqual([])
    expect(readFileSync(victim, 'utf8')).toBe('untouched')
    expect(readSidecar(to).items.length).toBeGreaterThan(0)
  })

  it('gives the same names on every run', async () => {
    await exportArchive({ dataDir: data.path, to: join(out.path, 'same-a') })
    await exportArchive({ dataDir: data.path, to: join(out.path, 'same-b') })
    expect(walk(join(out.path, 'same-a'))).toEqual(walk(join(out.path, 'same-b')))
  })

  it('exports a gallery selection (catalog ids) into every chat it was sent in', async () => {
    const catalog = openCatalog(data.path)
    try {
      const page = catalog.gallery.search({ sort: 'newest', offset: 0, limit: 500, statuses: ['downloaded'] })
      const shared = page.rows.find((row) => catalog.gallery.messagesOf(row.id).length >= 2)!
      const single = page.rows.find((row) => catalog.gallery.messagesOf(row.id).length === 1)!
      const to = join(out.path, 'selection')
      const summary = await exportArchive({
        catalog,
        to,
        filter: { kind: 'gallery', mediaIds: [shared.id, single.id] },
        template: '{fan}/{mediaId}.{ext}',
      })
      expect(summary.files).toBe(catalog.gallery.messagesOf(shared.id).length + 1)
      expect(summary.errors).toEqual([])
      const chatOnly = await exportArchive({
        catalog,
        to: join(out.path, 'gallery-filter'),
        filter: { kind: 'gallery', filter: { chatId: shared.chatId, types: ['photo'] } },
      })
      const items = readSidecar(join(out.path, 'gallery-filter')).items
      expect(chatOnly.chats).toBe(1)
      expect(new Set(items.map((i) => i.type))).toEqual(new Set(['photo']))
    } finally {
      catalog.close()
    }
  })

  it('runs in the background for the API: export:start input, progress events that match the contract', async () => {
    const catalog = openCatalog(data.path)
    try {
      const events: ExportJobStatus[] = []
      let finished = (): void => undefined
      const done = new Promise<void>((resolve) => (finished = resolve))
      const jobs = new ExportJobs({
        catalog,
        dataDir: data.path,
        emit: (status) => {
          events.push(status)
          if (status.summary !== null || status.error !== null) finished()
        },
      })
      const request = channels['export:start'].input.parse({
        to: join(out.path, 'api'),
        filter: { types: ['photo'] },
      })
      const { exportId } = await jobs.start(request)
      await done
      const last = events.at(-1)!
      expect(last).toMatchObject({ exportId, phase: 'done', error: null })
      expect(last.summary?.files).toBeGreaterThan(0)
      for (const event of events) expect(exportProgressSchema.safeParse(event).success).toBe(true)
      expect(new Set(readSidecar(join(out.path, 'api')).items.map((i) => i.type))).toEqual(new Set(['photo']))
    } finally {
      catalog.close()
    }
  })

  it('keeps paths within what Windows leaves under a deep folder, and refuses one too deep', async () => {
    const fan = 'Ω long fan name 😈 '.repeat(10)
    const template = `{provider}/${fan}/{fanName}/${fan}{mediaId}.{ext}`
    // Deep enough that Windows' MAX_PATH, not the portable budget, is the limit.
    const to = join(out.path, 'deep'.padEnd(110 - out.path.length, 'p'))
    const budget = windowsMaxPathUnits - to.length - 1
    expect(budget).toBeLessThan(200)
    const summary = await exportArchive({ dataDir: data.path, to, template, platform: 'win32' })
    expect(summary).toMatchObject({ errors: [], cancelled: false })
    expect(summary.copied).toBe(summary.files)
    const written = walk(to)
    expect(written.length).toBeGreaterThan(summary.files)
    for (const path of written) expect(path.length, path).toBeLessThanOrEqual(budget)
    for (const item of readSidecar(to).items.filter((i) => i.path !== null))
      expect(sha256(join(to, item.path as string))).toBe(item.sha256)

    const tooDeep = join(out.path, 'x'.repeat(160))
    const refused = exportArchive({ dataDir: data.path, to: tooDeep, platform: 'win32' })
    await expect(refused).rejects.toThrow(ExportTargetError)
    await expect(refused).rejects.toThrow(/Windows allows 259 .*Choose a folder with a shorter path\./)
  })
})
