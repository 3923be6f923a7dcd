// `npm run demo` as a new user runs it: no key, no network, the sample provider synced into a demo
// folder, then the gallery (serve mode here, where no Electron binary exists). Run twice, the
// second run finds the archive complete and reads only the chat lists.
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { electronBinary } from '../../../src/main/cli/electron-binary'
import { projectRoot } from '../../../src/main/cli/renderer-dir'
import type { catalogStatsSchema } from '../../../src/shared/contract'
import type { z } from 'zod'
import { spawnCli } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

type CatalogStats = z.infer<typeof catalogStatsSchema>

interface DemoRun {
  readonly stats: CatalogStats
  readonly stderr: string
  readonly code: number | null
}

/** Runs the demo until it serves, reads the archive's numbers through the contract, stops it. */
async function runDemo(): Promise<DemoRun> {
  const child = spawnCli(['demo', '--data-dir', dir.path, '--port', '0'])
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('http://')) resolve(line)
      })
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${stderr}`)))
    })
    const address = new URL(url)
    expect(address.hostname).toBe('127.0.0.1')
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    const answer = await fetch(new URL('/api/catalog:stats', url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${address.searchParams.get('token') ?? ''}`,
      },
      body: '{}',
    })
    const body = (await answer.json()) as { ok: boolean; value: CatalogStats }
    expect(body.ok).toBe(true)
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    return { stats: body.value, stderr, code }
  } finally {
    child.kill('SIGKILL')
  }
}

// Where an Electron binary exists the demo opens the desktop app instead (the Electron e2e's job).
describe.skipIf(electronBinary(projectRoot) !== null)('demo', () => {
  it('fills a gallery from the sample provider with no key, and serves it', async () => {
    const first = await runDemo()
    expect(first.code).toBe(0)
    expect(first.stats.accounts).toBe(4)
    expect(first.stats.chats).toBeGreaterThanOrEqual(4 * 6)
    expect(first.stats.files).toBeGreaterThan(100)
    expect(first.stats.byStatus.downloaded ?? 0).toBeGreaterThan(100)
    // Every special case of the sample data is there to look at.
    expect(first.stats.byStatus.locked ?? 0).toBeGreaterThan(0)
    expect(first.stats.byStatus.drm ?? 0).toBeGreaterThan(0)
    expect(first.stderr).toMatch(/onlyfansapi: \d+ downloaded/)
  })

  it('run again, finds everything archived and downloads nothing', async () => {
    const again = await runDemo()
    expect(again.code).toBe(0)
    expect(again.stats.accounts).toBe(4)
    for (const provider of ['onlyfansapi', 'onlyfansapi-fansly', 'ofauth', 'fansmetric'])
      expect(again.stderr).toMatch(new RegExp(`${provider}: 0 downloaded`))
  })
})
