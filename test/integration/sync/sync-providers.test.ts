// Each provider end to end through the CLI: a full sync is byte-exact, a re-sync costs one request
// per chat, new messages are picked up alone, and a refused key exits 3 without printing it.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { runCli, jsonOut } from '../../support/cli'
import {
  apiRequests,
  checkArchive,
  jobErrors,
  keyEnv,
  list,
  providerCases,
  sync,
  syncArgs,
} from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

describe.each(providerCases)('$provider', (c) => {
  let fake: FakeProviders
  let plain: FakeProviders
  const dir = tempDir()
  const plainDir = tempDir()

  beforeAll(async () => {
    fake = await startFakeProviders({ seed: 7 })
    plain = await startFakeProviders({ seed: 8, specials: false, chats: 3, messagesPerChat: 30 })
  })
  afterAll(async () => {
    await fake.close()
    await plain.close()
    dir.remove()
    plainDir.remove()
  })

  it('a full sync archives every item byte-exact and gives the rest their status', async () => {
    const { result, json } = await sync(c, fake, dir.path)
    // Not-ready and errored items exist in this data set, so the sync says "come back later".
    expect(result.code, result.stderr).toBe(1)
    const items = await list(dir.path)
    const check = checkArchive(c, fake, items)
    expect(check.problems, jobErrors(dir.path)).toEqual([])
    expect(json.downloaded).toBe(check.downloaded)
    expect(json).toMatchObject({
      provider: c.provider,
      account: c.account,
      locked: 2,
      drm: 1,
      notReady: 1,
      failed: 1,
    })
    expect(json.requests).toBe(apiRequests(fake, c.provider))
    // The shared item is one media row, listed once per chat it was sent in.
    const perMedia = new Map<string, number>()
    for (const item of items) perMedia.set(item.mediaId, (perMedia.get(item.mediaId) ?? 0) + 1)
    expect(Math.max(...perMedia.values())).toBeGreaterThanOrEqual(2)
    const verify = await runCli(['verify', '--json', '--data-dir', dir.path])
    expect(verify.code).toBe(0)
    expect(readdirSync(join(dir.path, 'files', '.tmp')).filter((f) => !f.startsWith('.'))).toEqual([])
  })

  it('a re-sync of unchanged chats costs one request per chat plus the chat list', async () => {
    const first = await sync(c, plain, plainDir.path)
    expect(first.result.code, first.result.stderr).toBe(0)
    const before = apiRequests(plain, c.provider)
    const logStart = plain.requestLog.length
    const again = await sync(c, plain, plainDir.path)
    expect(again.result.code).toBe(0)
    const chatListRequests = plain.requestLog
      .slice(logStart)
      .filter((r) => /\/chats(\?|$)/.test(r.path)).length
    expect(again.json.requests).toBe(apiRequests(plain, c.provider) - before)
    expect(again.json.requests).toBe(again.json.chats + chatListRequests)
    expect(chatListRequests).toBe(1)
    expect(again.json).toMatchObject({ downloaded: 0, bytes: 0, failed: 0 })
  })

  it('picks up new messages and nothing else', async () => {
    const account = plain.dataset.account(c.provider, c.account)!
    const chat = account.chats[1]!
    const message = plain.dataset.addMessage(c.provider, c.account, chat.id, {
      mediaCount: 2,
      types: ['photo'],
    })
    const { result, json } = await sync(c, plain, plainDir.path)
    expect(result.code, result.stderr).toBe(0)
    expect(json.downloaded).toBe(2)
    // The new message shares its page with archived ones, so that chat reads one page more.
    expect(json.requests).toBeLessThanOrEqual(json.chats + 2)
    const items = await list(plainDir.path, ['--chat', chat.id])
    expect(items.filter((i) => i.messageId === message.id).map((i) => i.status)).toEqual([
      'downloaded',
      'downloaded',
    ])
    expect(checkArchive(c, plain, await list(plainDir.path)).problems).toEqual([])
  })

  it('a refused key exits 3 with one line that names the provider and never the key', async () => {
    const secret = `wrong-key-${c.provider}-0123456789abcdef`
    const result = await runCli(syncArgs(c, fake, dir.path), { env: keyEnv(c, fake, secret) })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(c.provider)
    expect(result.stderr + result.stdout).not.toContain(secret)
    expect(jsonOut(result)).toMatchObject({ provider: c.provider })
  })
})
