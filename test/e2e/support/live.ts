// A live world for sync tests: the fake providers on 127.0.0.1 and serve mode over an empty data
// folder, started with CHATKEEP_BASE_URL pointing at the fake and keys in the environment, exactly
// as a user runs `chatkeep serve`. The FansMetric key is right; the OnlyFansAPI key is wrong, so
// one test syncs for real and another sees the provider refuse the key.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { serveDataDir } from './fixtures'

export interface LiveApp {
  readonly url: string
  readonly origin: string
  readonly dataDir: string
  readonly fake: FakeProviders
  /** What serve wrote to stderr so far. */
  stderr(): string
}

export interface LiveWorld extends LiveApp {
  /** Stops serve (its memory, session keys included, goes with it), keeping the data folder. */
  stopServe(): Promise<void>
  close(): Promise<void>
}

export const wrongOnlyFansApiKey = 'ofapi_wrong_key_0000000000'

/** The fake providers and serve over a fresh data folder; each test file may start its own. */
export async function startLiveWorld(): Promise<LiveWorld> {
  const fake = await startFakeProviders({ seed: 7, chats: 3, messagesPerChat: 5, specials: false })
  const dataDir = await mkdtemp(join(tmpdir(), 'chatkeep-e2e-live-'))
  const served = await serveDataDir(dataDir, {
    CHATKEEP_BASE_URL: fake.url,
    FANSMETRIC_API_KEY: fake.keys.fansmetric,
    OFAUTH_API_KEY: fake.keys.ofauth,
    ONLYFANSAPI_API_KEY: wrongOnlyFansApiKey,
  })
  let stopped: Promise<void> | null = null
  const stopServe = (): Promise<void> => (stopped ??= served.close())
  return {
    url: served.url,
    origin: new URL(served.url).origin,
    dataDir,
    fake,
    stderr: () => served.stderr(),
    stopServe,
    close: async () => {
      await stopServe()
      await fake.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export const test = base.extend<object, { live: LiveApp }>({
  live: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixture object pattern
    async ({}, use) => {
      const world = await startLiveWorld()
      await use(world)
      await world.close()
    },
    { scope: 'worker', timeout: 120_000 },
  ],
})

export { expect } from '@playwright/test'
