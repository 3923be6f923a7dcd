// After real syncs with known keys (including failing ones), no byte of the data folder and no
// line the CLI printed contains a key: not the catalog, its WAL, temp files nor settings.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { runCli, type CliResult } from '../../support/cli'
import { fastTranscodePolls, providerCases, syncArgs } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else if (entry.isFile()) yield path
  }
}

/** The key as typed, and as it would look URL-encoded or base64'd into a header dump. */
function forms(key: string): string[] {
  return [key, encodeURIComponent(key), Buffer.from(key).toString('base64')]
}

describe('API keys never leak', () => {
  let fake: FakeProviders
  const dir = tempDir()
  const outputs: CliResult[] = []
  const keys = {
    onlyfansapi: 'ofapi_known_key_LEAKCHECK_0001',
    'onlyfansapi-fansly': 'ofapi_known_key_LEAKCHECK_0001',
    ofauth: 'ofauth_known_key_LEAKCHECK_0002',
    fansmetric: 'fm_api_known_key_LEAKCHECK_0003',
  } as const

  beforeAll(async () => {
    fake = await startFakeProviders({ seed: 41, chats: 2, messagesPerChat: 5, keys })
    // Transient faults make error paths (retries, refreshes) run and log too.
    fake.faults({ status5xxRate: 0.1, burst429: 2, retryAfterSeconds: 1 })
    for (const c of providerCases) {
      outputs.push(
        await runCli(syncArgs(c, fake, dir.path), {
          env: { [c.keyEnv]: keys[c.provider], ...fastTranscodePolls },
        }),
      )
      outputs.push(
        await runCli(syncArgs(c, fake, dir.path), {
          env: { [c.keyEnv]: `${keys[c.provider]}_WRONG`, ...fastTranscodePolls },
        }),
      )
    }
    outputs.push(await runCli(['list', '--json', '--data-dir', dir.path]))
    outputs.push(await runCli(['verify', '--json', '--data-dir', dir.path]))
    // Ten CLI processes, four of them syncing through 10% 5xx with back-off: ~40 s on a quiet
    // machine, and past the default 60 s when other work shares the two cores.
  }, 240_000)
  afterAll(async () => {
    await fake.close()
    dir.remove()
  })

  it('the syncs really used the keys (and the wrong ones were refused)', () => {
    expect(outputs.filter((o) => o.code === 3)).toHaveLength(providerCases.length)
    expect(outputs.filter((o) => o.code === 0 || o.code === 1).length).toBeGreaterThanOrEqual(
      providerCases.length,
    )
  })

  it('no file in the data folder contains a key', () => {
    const files = [...filesUnder(dir.path)]
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      if (statSync(file).size > 50_000_000) continue
      const bytes = readFileSync(file)
      for (const key of new Set(Object.values(keys))) {
        for (const form of forms(key)) expect(bytes.includes(form), `${form} in ${file}`).toBe(false)
      }
    }
  })

  it('nothing the CLI printed contains a key, right or wrong', () => {
    const printed = outputs.map((o) => o.stdout + o.stderr).join('\n')
    for (const key of new Set(Object.values(keys))) {
      for (const form of [...forms(key), ...forms(`${key}_WRONG`)]) expect(printed).not.toContain(form)
    }
  })
})
