// A hostile network and a hard kill: the archive still ends complete and byte-exact.
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { runCli, spawnCli } from '../../support/cli'
import { checkArchive, keyEnv, list, providerCases, sync, syncArgs } from '../../support/sync-fixture'
import { fakeWorldEachTest, worldOf } from '../../support/fake-world'

const startWorld = fakeWorldEachTest()

describe.each(providerCases)('$provider under faults', (c) => {
  it('10% 5xx, 5% resets, 5% truncations and a 429 burst still complete within two syncs', async () => {
    const { fake, dir } = await startWorld({ seed: 21, specials: false, chats: 3, messagesPerChat: 10 })
    fake.faults({
      status5xxRate: 0.1,
      resetRate: 0.05,
      truncateRate: 0.05,
      burst429: 4,
      retryAfterSeconds: 1,
      seed: 5,
    })
    const first = await sync(c, fake, dir)
    if (first.result.code !== 0) {
      expect(first.result.code, first.result.stderr).toBe(1)
      const second = await sync(c, fake, dir)
      expect(second.result.code, second.result.stderr).toBe(0)
    }
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
  })

  it('URLs that live 5 seconds behind a slow CDN are refreshed until every file is in', async () => {
    // Six 250 KB files at 100 KB/s, two at a time: the last URLs handed out expire before their turn.
    const { fake, dir } = await startWorld(
      worldOf(22, { chats: 1, messages: 6, sizes: [240_000, 260_000], photos: 1 }),
    )
    fake.faults({ urlTtlSeconds: 5, cdnBytesPerSecond: 100_000, target: 'cdn' })
    const { result, json } = await sync(c, fake, dir, ['--concurrency', '2'])
    expect(result.code, result.stderr).toBe(0)
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    // Some downloads needed a fresh URL: their signature expired while earlier files crawled in.
    expect(json.urlRefreshes).toBeGreaterThan(0)
  })

  it('kill -9 in the middle of a sync, then sync again: complete, byte-exact, verify passes', async () => {
    const { fake, dir } = await startWorld(worldOf(23, { chats: 3, messages: 8, sizes: [150_000, 300_000] }))
    fake.faults({ cdnBytesPerSecond: 400_000, target: 'cdn' })
    const child = spawnCli(syncArgs(c, fake, dir), { env: keyEnv(c, fake) })
    // Wait until some files are in and others are under way, then pull the plug.
    for (
      let i = 0;
      i < 100 && fake.requestLog.filter((r) => r.provider === 'cdn' && r.status < 300).length < 4;
      i++
    )
      await sleep(100)
    child.kill('SIGKILL')
    await new Promise((done) => child.on('close', done))
    fake.resetFaults()
    const { result } = await sync(c, fake, dir)
    expect(result.code, result.stderr).toBe(0)
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    const verify = await runCli(['verify', '--json', '--data-dir', dir])
    expect(verify.code, verify.stdout).toBe(0)
  })
})
