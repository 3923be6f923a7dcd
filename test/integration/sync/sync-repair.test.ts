// The archive heals: damaged or deleted files found by verify are fetched again by the next sync,
// and items that were not ready are picked up once the provider has them.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { jsonOut, runCli } from '../../support/cli'
import { checkArchive, list, providerCases, sync } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

describe('repair and late arrivals', () => {
  let fake: FakeProviders
  const dir = tempDir()

  beforeAll(async () => {
    fake = await startFakeProviders({ seed: 51, chats: 2, messagesPerChat: 6 })
  })
  afterAll(async () => {
    await fake.close()
    dir.remove()
  })

  it('verify finds a damaged and a deleted file, and the next sync restores both', async () => {
    const c = providerCases[3]!
    await sync(c, fake, dir.path)
    const downloaded = (await list(dir.path)).filter((i) => i.status === 'downloaded' && i.path)
    const [damaged, deleted] = [downloaded[0]!, downloaded.find((i) => i.sha256 !== downloaded[0]!.sha256)!]
    const bytes = readFileSync(damaged.path!)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1)
    writeFileSync(damaged.path!, bytes)
    rmSync(deleted.path!)

    const report = await runCli(['verify', '--json', '--data-dir', dir.path])
    expect(report.code).toBe(1)
    const json = jsonOut<{ missing: unknown[]; corrupt: unknown[]; reopened: number }>(report)
    expect(json.missing).toHaveLength(1)
    expect(json.corrupt).toHaveLength(1)
    expect(json.reopened).toBeGreaterThanOrEqual(2)
    // The catalog no longer claims them, so verify is clean and list says they are pending.
    expect((await runCli(['verify', '--data-dir', dir.path])).code).toBe(0)
    const statuses = (await list(dir.path)).filter(
      (i) => i.mediaId === damaged.mediaId || i.mediaId === deleted.mediaId,
    )
    expect(new Set(statuses.map((i) => i.status))).toEqual(new Set(['pending']))

    const again = await sync(c, fake, dir.path)
    expect(again.json.downloaded).toBeGreaterThanOrEqual(2)
    expect(checkArchive(c, fake, await list(dir.path)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir.path])).code).toBe(0)
  })

  it.each(providerCases)('$provider: a video that was not ready is downloaded by a later sync', async (c) => {
    const data = tempDir()
    try {
      const first = await sync(c, fake, data.path)
      expect(first.json.notReady).toBe(1)
      const pending = fake.dataset.allMedia(c.provider).find((m) => m.state === 'not_ready')!
      fake.dataset.markReady(pending.id)
      const second = await sync(c, fake, data.path)
      expect(second.json.notReady).toBe(0)
      const item = (await list(data.path)).find((i) => i.mediaId === pending.id)
      expect(item?.status).toBe('downloaded')
      expect(item?.sha256).toBe(fake.dataset.expectedSha256(pending.id, 'full'))
      // Still exit 1: the errored item remains failed, as it should.
      expect(second.result.code).toBe(1)
    } finally {
      data.remove()
    }
  })
})
