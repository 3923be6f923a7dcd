// The export command end to end after a real sync of all four fake providers.
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeProviders } from '../../fake-providers/server'
import { jsonOut, runCli } from '../../support/cli'
import { list } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'
import {
  chatCount,
  exportCli,
  knownKeys,
  readSidecar,
  sha256,
  syncedArchive,
  walk,
  type SummaryJson,
} from './fixture'
import { portablePathUnits } from '../../../src/main/export/path-budget'

const data = tempDir('chatkeep-export-data-')
const out = tempDir('chatkeep-export-out-')
let fake: FakeProviders

beforeAll(async () => {
  fake = await syncedArchive(data.path)
}, 180_000)
afterAll(async () => {
  await fake?.close()
  data.remove()
  out.remove()
})

// eslint-disable-next-line no-control-regex -- asserting that no control character survives
const illegalChar = /[<>:"/\\|?*\u0000-\u001f\u202a-\u202e\u2066-\u2069]/
const legal = (name: string): boolean =>
  name.length > 0 &&
  Buffer.byteLength(name) <= 255 &&
  !illegalChar.test(name) &&
  !/[. ]$/.test(name) &&
  !/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)

describe('export after a real sync', () => {
  const to = join(out.path, 'all')
  let summary: SummaryJson

  beforeAll(async () => {
    const result = await exportCli(data.path, to)
    expect(result.code, result.stderr).toBe(0)
    summary = jsonOut<SummaryJson>(result)
  })

  it('copies every file byte-exact and reports it', async () => {
    expect(summary).toMatchObject({
      linked: 0,
      skipped: 0,
      errors: [],
      cancelled: false,
      chats: chatCount(fake),
    })
    expect(summary.copied).toBe(summary.files)
    const sidecar = readSidecar(to)
    const paths = sidecar.items.filter((i) => i.path !== null)
    expect(new Set(paths.map((i) => i.path)).size).toBe(summary.files)
    for (const item of paths) expect(sha256(join(to, item.path as string))).toBe(item.sha256)
    expect(summary.bytes).toBe(summary.totalBytes)
    // Default names: provider/account/fan/date_message_media.ext
    for (const item of paths) {
      expect(item.path).toMatch(
        new RegExp(
          `^${item.provider}/${item.account}/[^/]+/\\d{4}-\\d\\d-\\d\\d_\\d+_\\d+(_preview)?\\.(png|mp4|mp3|jpg|gif|m4a|webp)$`,
        ),
      )
    }
  })

  it('lists every archived item in the sidecar, with status, and previews for locked items', async () => {
    const listed = await list(data.path)
    const sidecar = readSidecar(to)
    const pairs = (rows: Array<{ provider: string; chat: string; mediaId: string }>): Set<string> =>
      new Set(rows.map((r) => `${r.provider}|${r.chat}|${r.mediaId}`))
    expect(pairs(sidecar.items)).toEqual(pairs(listed))
    const byStatus = (s: string): number => sidecar.items.filter((i) => i.status === s).length
    expect(byStatus('locked')).toBeGreaterThan(0)
    expect(byStatus('drm')).toBeGreaterThan(0)
    expect(byStatus('not_ready')).toBeGreaterThan(0)
    for (const item of sidecar.items) {
      if (item.status === 'downloaded') expect(item.variant).toBe('full')
      else expect(item.variant === 'preview' || item.path === null).toBe(true)
      if (item.variant === 'preview') expect(item.path).toMatch(/_preview\.[a-z0-9]+$/)
    }
  })

  it('copies an item sent in several chats into each chat folder, naming every message', () => {
    const sidecar = readSidecar(to)
    const byMedia = new Map<string, typeof sidecar.items>()
    for (const item of sidecar.items)
      byMedia.set(`${item.provider}|${item.mediaId}`, [
        ...(byMedia.get(`${item.provider}|${item.mediaId}`) ?? []),
        item,
      ])
    const shared = [...byMedia.values()].filter((items) => items.length >= 2)
    expect(shared.length).toBeGreaterThanOrEqual(4)
    for (const items of shared) {
      expect(new Set(items.map((i) => i.path)).size).toBe(items.length)
      for (const item of items) expect(item.messages.length).toBe(items.length)
      expect(new Set(items.map((i) => i.sha256)).size).toBe(1)
    }
  })

  it('writes a CSV with a header and one row per file and message', () => {
    const csv = readFileSync(join(to, 'chatkeep-export.csv'), 'utf8')
    expect(
      csv.startsWith('\ufeffpath,variant,provider,account,chat,fan,fan_name,message_id,date,price,text'),
    ).toBe(true)
    expect(csv).toContain('\r\n')
  })

  it('writes a transcript per chat with working relative media links and no live markup', () => {
    expect(summary.transcripts).toHaveLength(chatCount(fake))
    for (const path of summary.transcripts) {
      expect(path.endsWith('/transcript.html')).toBe(true)
      const html = readFileSync(path, 'utf8')
      expect(html).toContain('Content-Security-Policy')
      expect(html).not.toMatch(/<script|<img[^>]*onerror|<svg|<iframe/i)
      const dir = path.slice(0, path.lastIndexOf('/'))
      const links = [...html.matchAll(/ src="([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? ''))
      for (const link of links) {
        expect(link).not.toMatch(/^(\/|[a-z]+:)/i)
        expect(statSync(join(dir, link)).isFile()).toBe(true)
      }
    }
    const texts = summary.transcripts.map((p) => readFileSync(p, 'utf8')).join('\n')
    expect(texts).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(texts).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('never writes an API key into any exported byte', () => {
    const keys = [...new Set(Object.values(knownKeys))]
    for (const path of walk(to)) {
      const bytes = readFileSync(join(to, path))
      for (const key of keys) expect(bytes.includes(key), `${key} in ${path}`).toBe(false)
    }
  })

  it('a second export into the same folder copies nothing and skips every file', async () => {
    const again = jsonOut<SummaryJson>(await exportCli(data.path, to))
    expect(again).toMatchObject({
      copied: 0,
      linked: 0,
      skipped: summary.files,
      files: summary.files,
      bytes: 0,
      errors: [],
    })
  })
})

describe('export with hostile names', () => {
  it('makes every name legal everywhere and keeps everything under the export folder', async () => {
    const to = join(out.path, 'hostile')
    const result = await exportCli(data.path, to, ['--template', '{fanName}/{fanName}_{mediaId}.{ext}'])
    expect(result.code, result.stderr).toBe(0)
    const summary = jsonOut<SummaryJson>(result)
    const files = walk(to)
    expect(files.length).toBe(summary.files + summary.transcripts.length + summary.conversations.length + 3)
    expect(summary.conversations).toHaveLength(summary.transcripts.length * 2)
    for (const path of files) {
      for (const part of path.split('/')) expect(legal(part), JSON.stringify(part)).toBe(true)
      // Short enough to copy under a Windows folder later (docs/export.md, path length).
      expect(path.length, path).toBeLessThanOrEqual(portablePathUnits)
    }
    const top = readdirSync(to)
    expect(top).toContain('CON_')
    expect(top).toContain('NUL_.txt')
    expect(top).toContain('__.._etc_passwd')
    expect(top.some((name) => name.startsWith('emoji 😈'))).toBe(true)
    expect(top.some((name) => /^a{100,}~[0-9a-f]{6}$/.test(name))).toBe(true)
  })

  it('with a template without chat folders, writes a shared item once', async () => {
    const to = join(out.path, 'flat')
    const summary = jsonOut<SummaryJson>(
      await exportCli(data.path, to, ['--template', '{provider}/{mediaId}.{ext}']),
    )
    const sidecar = readSidecar(to)
    const withPath = sidecar.items.filter((i) => i.path !== null)
    expect(new Set(withPath.map((i) => i.path)).size).toBe(summary.files)
    expect(withPath.length).toBeGreaterThan(summary.files)
    expect(summary.transcripts.every((p) => /transcript - /.test(p))).toBe(true)
  })
})

describe('export options and exit codes', () => {
  it('filters like list', async () => {
    const to = join(out.path, 'filtered')
    const summary = jsonOut<SummaryJson>(
      await exportCli(data.path, to, ['--provider', 'ofauth', '--type', 'photo']),
    )
    const sidecar = readSidecar(to)
    expect(summary.files).toBeGreaterThan(0)
    expect(new Set(sidecar.items.map((i) => `${i.provider}/${i.type}`))).toEqual(new Set(['ofauth/photo']))
  })

  it('--link hard-links files to the store (same inode)', async () => {
    const to = join(out.path, 'linked')
    const summary = jsonOut<SummaryJson>(
      await exportCli(data.path, to, ['--link', '--provider', 'fansmetric']),
    )
    expect(summary.linked).toBe(summary.files)
    expect(summary.copied).toBe(0)
    const item = readSidecar(to).items.find((i) => i.variant === 'full')!
    const stored = join(data.path, 'files', item.sha256!.slice(0, 2))
    const storedFile = readdirSync(stored).find((n) => n.startsWith(item.sha256!))!
    expect(statSync(join(to, item.path!)).ino).toBe(statSync(join(stored, storedFile)).ino)
  })

  it('refuses to write through a symlink planted in the export folder, and exits 1', async () => {
    const to = join(out.path, 'planted')
    const outside = join(out.path, 'outside')
    mkdirSync(join(to, 'ofauth'), { recursive: true })
    mkdirSync(outside)
    symlinkSync(outside, join(to, 'ofauth', '900000002'))
    const result = await exportCli(data.path, to, ['--provider', 'ofauth'])
    expect(result.code).toBe(1)
    const summary = jsonOut<SummaryJson>(result)
    expect(summary.errors.length).toBeGreaterThan(0)
    expect(summary.errors[0]?.message).toMatch(/symbolic link/)
    expect(readdirSync(outside)).toEqual([])
    expect(lstatSync(join(to, 'ofauth', '900000002')).isSymbolicLink()).toBe(true)
  })

  const usageCases: Array<[readonly string[], RegExp]> = [
    [[], /export needs --to DIR/],
    [['--to', 'X', '--template', '{nope}.{ext}'], /Unknown template variable "\{nope\}"/],
    [['--to', 'X', '--type', 'pdf'], /--type must be one of/],
    [['--to', 'FILES'], /data folder .* or a folder inside it/],
    [['--to', 'DATA'], /data folder .* or a folder inside it/],
    [['--to', 'AROUND'], /contains Chatkeep's data folder/],
    // Recursive mkdir spun there forever at 100% CPU; now it is one line within seconds.
    ...(process.platform === 'linux'
      ? [[['--to', '/proc/self/x'], /Cannot create the export folder \/proc\/self\/x/] as [string[], RegExp]]
      : []),
  ]
  it.each(usageCases)('%j exits 2 with one line', async (args, message) => {
    const named: Readonly<Record<string, string>> = {
      X: join(out.path, 'x'),
      FILES: join(data.path, 'files', 'sub'),
      DATA: data.path,
      AROUND: dirname(data.path),
    }
    const fixed = args.map((a) => named[a] ?? a)
    const run = await runCli(['export', '--data-dir', data.path, ...fixed])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stdout).toBe('')
  })

  it('exits 1 when a file fails, and names it', async () => {
    const to = join(out.path, 'blocked')
    const first = jsonOut<SummaryJson>(await exportCli(data.path, to, ['--provider', 'onlyfansapi']))
    const victim = readSidecar(to).items.find((i) => i.variant === 'full')!
    // A folder where the file should go makes that one file fail; the rest still export.
    const path = join(to, victim.path!)
    rmSync(path)
    mkdirSync(path)
    writeFileSync(join(path, 'x'), 'x')
    const result = await exportCli(data.path, to, ['--provider', 'onlyfansapi'])
    expect(result.code).toBe(1)
    const summary = jsonOut<SummaryJson>(result)
    expect(summary.errors.map((e) => e.path)).toEqual([victim.path])
    expect(summary.skipped).toBe(first.files - 1)
    // The sidecars staged during the copy assumed no failure: they are written again, saying so.
    const after = readSidecar(to).items.find((i) => i.chat === victim.chat && i.mediaId === victim.mediaId)
    expect(after).toMatchObject({ path: null, sha256: null })
    expect(walk(to).filter((p) => p.endsWith('.tmp'))).toEqual([])
  })
})
