// Each provider end to end through the CLI: a full sync is byte-exact, a re-sync of unchanged chats
// costs only the chat list, new messages and bought items are picked up alone, and a refused key
// exits 3 without printing it.
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

  /**
   * API requests since `logStart` other than the chat list and file downloads (OnlyFansAPI's
   * download proxy lives on the API host): the pages of chats, and URL refreshes.
   */
  const pageRequests = (logStart: number): string[] =>
    plain.requestLog
      .slice(logStart)
      .filter((r) => r.provider !== 'cdn' && !/\/chats(\?|$)|\/media\/download\//.test(r.path))
      .map((r) => r.path)

  it('a re-sync of unchanged chats costs only the chat list', async () => {
    const first = await sync(c, plain, plainDir.path)
    expect(first.result.code, first.result.stderr).toBe(0)
    expect(first.json.requests).toBeGreaterThan(first.json.chats)
    const before = apiRequests(plain, c.provider)
    const logStart = plain.requestLog.length
    const again = await sync(c, plain, plainDir.path)
    expect(again.result.code).toBe(0)
    const chatListRequests = plain.requestLog
      .slice(logStart)
      .filter((r) => /\/chats(\?|$)/.test(r.path)).length
    expect(again.json.requests).toBe(apiRequests(plain, c.provider) - before)
    // Every chat's newest message is the one the last sync saw: no chat is paged at all.
    expect(chatListRequests).toBe(1)
    expect(again.json.requests).toBe(chatListRequests)
    expect(pageRequests(logStart)).toEqual([])
    expect(again.json).toMatchObject({ chats: 3, downloaded: 0, bytes: 0, failed: 0 })
    expect(again.json).not.toHaveProperty('unchangedChats')
    // Without --json the summary says why the sync had so little to do.
    const text = await runCli(
      syncArgs(c, plain, plainDir.path).filter((arg) => arg !== '--json'),
      { env: keyEnv(c, plain) },
    )
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('3 chats (3 unchanged since the last sync, not read)')
  })

  it('picks up new messages and nothing else', async () => {
    const account = plain.dataset.account(c.provider, c.account)!
    const chat = account.chats[1]!
    const message = plain.dataset.addMessage(c.provider, c.account, chat.id, {
      mediaCount: 2,
      types: ['photo'],
    })
    const logStart = plain.requestLog.length
    const { result, json } = await sync(c, plain, plainDir.path)
    expect(result.code, result.stderr).toBe(0)
    expect(json.downloaded).toBe(2)
    // Only the chat whose newest message changed is paged; its new message shares its page with
    // archived ones, so it may read one page more.
    const pages = pageRequests(logStart)
    expect(pages.length).toBeGreaterThanOrEqual(1)
    expect(pages.length).toBeLessThanOrEqual(2)
    for (const path of pages) expect(decodeURIComponent(path)).toContain(chat.id)
    expect(json.requests).toBe(1 + pages.length)
    const items = await list(plainDir.path, ['--chat', chat.id])
    expect(items.filter((i) => i.messageId === message.id).map((i) => i.status)).toEqual([
      'downloaded',
      'downloaded',
    ])
    expect(checkArchive(c, plain, await list(plainDir.path)).problems).toEqual([])
  })

  it('keeps reading a chat that holds a locked item, and archives it once it is bought', async () => {
    const chat = plain.dataset.account(c.provider, c.account)!.chats[2]!
    const ppv = plain.dataset.addMessage(c.provider, c.account, chat.id, {
      mediaCount: 1,
      types: ['photo'],
      state: 'locked',
    })
    const locked = await sync(c, plain, plainDir.path)
    expect(locked.result.code, locked.result.stderr).toBe(0)
    expect(locked.json.locked).toBe(1)
    // Bought later: the newest message stays the same, only the item changes.
    plain.dataset.setState(ppv.mediaIds[0]!, 'ok')
    const logStart = plain.requestLog.length
    const bought = await sync(c, plain, plainDir.path)
    expect(bought.result.code, bought.result.stderr).toBe(0)
    const pages = pageRequests(logStart)
    expect(pages.length).toBeGreaterThanOrEqual(1)
    for (const path of pages) expect(decodeURIComponent(path)).toContain(chat.id)
    expect(bought.json).toMatchObject({ locked: 0, downloaded: 1, failed: 0 })
    const items = await list(plainDir.path, ['--chat', chat.id])
    expect(items.filter((i) => i.messageId === ppv.id).map((i) => i.status)).toEqual(['downloaded'])
    // Nothing locked is left, so the chat is skipped again.
    const quiet = await sync(c, plain, plainDir.path)
    expect(quiet.json.requests).toBe(1)
  })

  it('--full pages every chat again', async () => {
    const logStart = plain.requestLog.length
    const { result, json } = await sync(c, plain, plainDir.path, ['--full'])
    expect(result.code, result.stderr).toBe(0)
    const account = plain.dataset.account(c.provider, c.account)!
    for (const chat of account.chats)
      expect(pageRequests(logStart).some((path) => decodeURIComponent(path).includes(chat.id))).toBe(true)
    expect(json).toMatchObject({ downloaded: 0, failed: 0 })
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
