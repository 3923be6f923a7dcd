// A CDN that breaks HTTP on purpose (issue 17.1): the head and a malformed body arrive in one
// packet. The item fails with one line, the sync ends with its summary, and neither the CLI nor
// serve dies of an unhandled 'error' event.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { hostileModeFor, type CdnHostileMode } from '../../fake-providers/cdn-faults'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { spawnCli } from '../../support/cli'
import { checkArchive, list, providerCases, sync, type ListJsonItem } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const ofauth = providerCases.find((c) => c.provider === 'ofauth')!
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function hostileFake(mode: CdnHostileMode): Promise<{ fake: FakeProviders; dir: string }> {
  const fake = await startFakeProviders({
    seed: 31,
    specials: false,
    chats: 2,
    messagesPerChat: 5,
    mediaPerMessage: 1,
    mediaTypes: ['photo'],
    fileSizes: [20_000, 60_000],
  })
  fake.faults({ cdnHostile: mode, cdnHostileShare: 0.3 })
  const dir = tempDir()
  cleanups.push(
    () => fake.close(),
    () => dir.remove(),
  )
  return { fake, dir: dir.path }
}

function runStatuses(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
  try {
    return db
      .prepare<[], { status: string }>('SELECT status FROM sync_runs ORDER BY id')
      .all()
      .map((r) => r.status)
  } finally {
    db.close()
  }
}

/** Items the hostile mode hits (by the fake's own pick), and the rest. */
function split(fake: FakeProviders, items: readonly ListJsonItem[]): [ListJsonItem[], ListJsonItem[]] {
  const hit = (item: ListJsonItem): boolean => hostileModeFor(fake.currentFaults, item.mediaId) !== null
  return [items.filter(hit), items.filter((i) => !hit(i))]
}

describe.each(['bad-chunk', 'extra-bytes'] as const)('a CDN sending %s in the head packet', (mode) => {
  it('fails only the hit items with one line; the sync ends with its summary, and so does the next', async () => {
    const { fake, dir } = await hostileFake(mode)
    const first = await sync(ofauth, fake, dir)
    expect(first.result.stderr).not.toMatch(/Unhandled 'error' event|Parse Error/)
    expect(first.result.code, first.result.stderr).toBe(1)
    const [hit, rest] = split(fake, await list(dir))
    expect(hit.length).toBeGreaterThan(0)
    expect(rest.length).toBeGreaterThan(0)
    // Every other item is archived byte-exact; a hit item is downloaded whole or not at all.
    const problems = checkArchive(ofauth, fake, await list(dir)).problems
    for (const problem of problems)
      expect(
        hit.some((h) => problem.includes(h.mediaId)),
        problem,
      ).toBe(true)
    for (const item of hit) expect(['failed', 'pending', 'downloaded']).toContain(item.status)
    expect(runStatuses(dir)).toEqual(['done'])

    const second = await sync(ofauth, fake, dir)
    expect(second.result.code, second.result.stderr).toBe(1)
    expect(runStatuses(dir)).toEqual(['done', 'done'])
  }, 120_000)
})

function jobErrorsOf(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })
  try {
    return db
      .prepare<[], { error: string }>(`SELECT last_error AS error FROM jobs WHERE last_error IS NOT NULL`)
      .all()
      .map((r) => r.error)
  } finally {
    db.close()
  }
}

describe.each([
  ['endless', /sent more than the provider's size allows/],
  ['overlong', /announces 4294967296 bytes, more than the provider's size allows/],
] as const)('a CDN whose body is %s', (mode, why) => {
  it('stops it near the size the provider gave: the item fails with one line, nothing is kept', async () => {
    const { fake, dir } = await hostileFake(mode)
    const { result, json } = await sync(ofauth, fake, dir)
    expect(result.code, result.stderr).toBe(1)
    const [hit, rest] = split(fake, await list(dir))
    expect(hit.length).toBeGreaterThan(0)
    for (const item of hit) expect(item.status).toBe('failed')
    for (const item of rest) expect(item.status).toBe('downloaded')
    expect(json.failed).toBe(hit.length)
    const errors = jobErrorsOf(dir)
    expect(errors).toHaveLength(hit.length)
    for (const error of errors) {
      expect(error).toMatch(why)
      expect(error).not.toContain('\n')
    }
    // Neither a huge temp file left behind nor anything of the bodies committed.
    const temp = join(dir, 'files', '.tmp')
    expect(readdirSync(temp).filter((name) => statSync(join(temp, name)).size > 0)).toEqual([])
    expect(checkArchive(ofauth, fake, await list(dir)).problems.length).toBe(hit.length)
  }, 120_000)
})

describe('serve under a hostile CDN', () => {
  it('a sync started from the browser ends, and the server keeps answering', async () => {
    const { fake, dir } = await hostileFake('bad-chunk')
    const child = spawnCli(['serve', '--port', '0', '--data-dir', dir], {
      env: { CHATKEEP_BASE_URL: fake.url, [ofauth.keyEnv]: fake.keys.ofauth },
    })
    let exited = false
    child.once('exit', () => (exited = true))
    cleanups.push(async () => {
      if (exited) return
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('close', resolve))
    })
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    const url = new URL(first)
    const token = url.searchParams.get('token')!
    const api = async <T>(channel: string, input: unknown): Promise<T> => {
      const response = await fetch(new URL(`/api/${channel}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      })
      const body = (await response.json()) as { ok: boolean; value: T; error?: unknown }
      if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`)
      return body.value
    }
    const account = await api<{ id: number }>('accounts:add', {
      provider: 'ofauth',
      externalId: ofauth.account,
      connectionId: 'conn_fake_1',
    })
    const { jobs } = await api<{ jobs: Array<{ id: number }> }>('sync:start', { accountId: account.id })
    const jobId = jobs[0]!.id
    let phase = ''
    for (let i = 0; i < 600 && !['done', 'failed', 'cancelled'].includes(phase); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      const status = await api<{ jobs: Array<{ id: number; state: string }> }>('sync:status', {})
      phase = status.jobs.find((job) => job.id === jobId)?.state ?? ''
    }
    expect(phase).toBe('done')
    expect(exited).toBe(false)
    const stats = await api<{ media: number }>('catalog:stats', {})
    expect(stats.media).toBeGreaterThan(0)
  }, 180_000)
})
