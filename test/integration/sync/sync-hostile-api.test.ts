// Real CLI syncs against a hostile provider API (test/fake-providers/hostile-api.ts): what is
// printed and stored, and what it costs in paid requests.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { keyEchoForms } from '../../fake-providers/hostile-api'
import { type FakeProviders, type HostileApi, startFakeProviders } from '../../fake-providers/server'
import { runCli, type CliResult } from '../../support/cli'
import { leakedForms } from '../../support/key-forms'
import { keyEnv, providerCases, syncArgs, type ProviderCase } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

let fake: FakeProviders
const dir = tempDir()
beforeAll(async () => {
  fake = await startFakeProviders({ seed: 62, chats: 2, messagesPerChat: 3, specials: false })
})
afterAll(async () => {
  await fake.close()
  dir.remove()
})
beforeEach(() => fake.resetFaults())

const byProvider = (provider: string): ProviderCase => providerCases.find((c) => c.provider === provider)!

/** One sync under `hostile`; the API requests it made to paths containing `counted`. */
async function hostileSync(
  c: ProviderCase,
  hostile: HostileApi,
  counted = '/chats',
  json = true,
): Promise<{ result: CliResult; requests: number }> {
  fake.faults({ hostileApi: hostile })
  const mark = fake.requestLog.length
  const args = syncArgs(c, fake, dir.path).filter((arg) => json || arg !== '--json')
  const result = await runCli(args, { env: keyEnv(c, fake) })
  const requests = fake.requestLog
    .slice(mark)
    .filter((e) => e.provider !== 'cdn' && e.path.includes(counted)).length
  return { result, requests }
}

/** The last run's error, or else its first unread chat's (a chat's failure is not the run's). */
function lastRunError(): string | null {
  const db = new Database(join(dir.path, 'catalog.sqlite'), { readonly: true })
  try {
    const row = db
      .prepare('SELECT error, failed_chats AS chats FROM sync_runs ORDER BY id DESC LIMIT 1')
      .get() as { error: string | null; chats: string | null } | undefined
    const chats = JSON.parse(row?.chats ?? '[]') as { error: string }[]
    return row?.error ?? chats[0]?.error ?? null
  } finally {
    db.close()
  }
}

/**
 * The error line the CLI printed: the --json error field or the text summary's "Stopped:" line,
 * else the first chat it could not read.
 */
function printedError(result: CliResult): string {
  if (/^\{/.test(result.stdout.trim())) {
    const json = JSON.parse(result.stdout) as { error?: string; failedChats?: { error: string }[] }
    return json.error ?? json.failedChats?.[0]?.error ?? ''
  }
  const text = result.stdout + result.stderr
  return /Stopped: (.*)/.exec(text)?.[1] ?? /Could not read chat \S+ \(.*?\): (.*)/.exec(text)?.[1] ?? ''
}

describe('deterministic provider errors are paid for once, not six times', () => {
  // Fansly's chat list pages by offset with no next-page pointer to repeat.
  for (const provider of ['onlyfansapi', 'ofauth', 'fansmetric']) {
    it(`${provider}: a chat list that hands back the cursor it was given`, async () => {
      const { result, requests } = await hostileSync(byProvider(provider), {
        mode: { kind: 'stuck-cursor' },
        pathIncludes: '/chats',
      })
      expect(result.code, result.stderr).toBe(1)
      expect(printedError(result)).toMatch(/repeated/)
      expect(requests).toBe(1)
    })
  }

  it('a 200 whose body is not JSON', async () => {
    const { result, requests } = await hostileSync(byProvider('onlyfansapi'), { mode: { kind: 'not-json' } })
    expect(result.code, result.stderr).toBe(1)
    expect(printedError(result)).toMatch(/^onlyfansapi: GET \/api\/acct_fake_onlyfans_1\/chats: .*not JSON/)
    expect(requests).toBe(1)
  })

  it('a 422 (a 4xx other than 408 and 429)', async () => {
    const { result, requests } = await hostileSync(byProvider('fansmetric'), {
      mode: { kind: 'key-echo', form: 'plain', status: 422 },
    })
    expect(result.code, result.stderr).toBe(1)
    expect(requests).toBe(1)
  })
})

describe('hostile bodies end the sync with one line naming provider and route', () => {
  it('an endless chat list', async () => {
    const c = byProvider('ofauth')
    const { result, requests } = await hostileSync(c, {
      mode: { kind: 'endless-json', maxBytes: 512 * 1024 * 1024 },
    })
    expect(result.code, result.stderr).toBe(1)
    expect(printedError(result)).toBe(
      'ofauth: GET /v2/access/chats: answer larger than 32 MiB (maxApiBodyBytes): not read further',
    )
    expect(lastRunError()).toBe(printedError(result))
    expect(requests).toBe(1)
  })

  it('chat pages nested 5,000 deep', async () => {
    const c = byProvider('onlyfansapi')
    const { result } = await hostileSync(c, {
      mode: { kind: 'deep-json', depth: 5000 },
      pathIncludes: '/messages',
    })
    expect(result.code, result.stderr).toBe(1)
    const error = printedError(result)
    expect(error).toMatch(
      /^onlyfansapi: GET \/api\/acct_fake_onlyfans_1\/chats\/\d+\/messages: answer nested deeper/,
    )
    expect(error).not.toMatch(/call stack/i)
    expect(lastRunError()).toBe(error)
  })
})

describe('a key echoed in disguise reaches no output, no sync_runs row and no file', () => {
  const outputs: CliResult[] = []
  const c = byProvider('onlyfansapi')
  const key = (): string => fake.keys.onlyfansapi

  it.each(keyEchoForms.map((form, i) => ({ form, html: i % 2 === 1, json: i % 3 !== 0 })))(
    '$form (html: $html, --json: $json)',
    async ({ form, html, json }) => {
      const { result } = await hostileSync(
        c,
        { mode: { kind: 'key-echo', form, status: 401, html } },
        '/',
        json,
      )
      outputs.push(result)
      expect(result.code, result.stderr).toBe(3)
      expect(leakedForms(result.stdout + result.stderr, key())).toEqual([])
      const stored = lastRunError()
      expect(stored).toContain('is not valid')
      expect(leakedForms(stored ?? '', key())).toEqual([])
    },
  )

  it('and nothing in the data folder holds the key in any of those forms', () => {
    expect(outputs).toHaveLength(keyEchoForms.length)
    for (const name of readdirSync(dir.path, { recursive: true, withFileTypes: true })) {
      if (!name.isFile()) continue
      const text = readFileSync(join(name.parentPath, name.name)).toString('latin1')
      expect(leakedForms(text, key()), name.name).toEqual([])
    }
  })
})
