// The conversation surface of the command line (design §8), as outside tests drive it: `messages`
// (its --json shape, order and filters, and readable text), `sync --media-only`, and `sync
// --max-credits` stopping at the cap with exit 4 for each provider, then a sync that completes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { jsonOut, runCli } from '../../support/cli'
import { conversationWorld } from '../../support/fake-world'
import { keyEnv, providerCases, sync, syncArgs } from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

interface MessageJson {
  provider: string
  account: string
  chat: string
  messageId: string
  createdAt: string
  fromCreator: boolean
  text: string
  price: number | null
  tip: number | null
  mediaIds: string[]
  deletedUpstream: boolean
}

let fake: FakeProviders
beforeAll(async () => {
  fake = await startFakeProviders({ ...conversationWorld, seed: 41, chats: 2, messagesPerChat: 12 })
})
afterAll(() => fake?.close())

const messages = async (dataDir: string, more: readonly string[] = []): Promise<MessageJson[]> =>
  jsonOut<MessageJson[]>(await runCli(['messages', '--json', '--data-dir', dataDir, ...more]))

describe('messages', () => {
  const dir = tempDir()
  const c = providerCases[0]!
  afterAll(() => dir.remove())

  it('lists every message with the fixed keys, oldest first within a chat, text-only ones too', async () => {
    const { result } = await sync(c, fake, dir.path)
    expect(result.code, result.stderr).toBe(0)
    const all = await messages(dir.path)
    const account = fake.dataset.account(c.provider, c.account)!
    expect(all).toHaveLength(account.chats.reduce((n, chat) => n + chat.messages.length, 0))
    expect(Object.keys(all[0]!).sort()).toEqual(
      [
        'account',
        'chat',
        'createdAt',
        'deletedUpstream',
        'fromCreator',
        'mediaIds',
        'messageId',
        'price',
        'provider',
        'text',
        'tip',
      ].sort(),
    )
    for (const chat of account.chats) {
      const mine = all.filter((m) => m.chat === chat.id)
      expect(mine.map((m) => m.messageId)).toEqual(chat.messages.map((m) => m.id))
      expect(mine.map((m) => m.createdAt)).toEqual([...mine.map((m) => m.createdAt)].sort())
    }
    expect(all.some((m) => m.mediaIds.length === 0)).toBe(true)
    expect(all.some((m) => m.tip !== null && m.tip > 0)).toBe(true)
    expect(all.every((m) => m.deletedUpstream === false)).toBe(true)
  })

  it('filters by provider, account, chat and search text', async () => {
    const chat = fake.dataset.account(c.provider, c.account)!.chats[1]!
    const inChat = await messages(dir.path, ['--chat', chat.id])
    expect(inChat.map((m) => m.messageId)).toEqual(chat.messages.map((m) => m.id))
    expect(await messages(dir.path, ['--provider', 'ofauth'])).toEqual([])
    expect(await messages(dir.path, ['--account', c.account, '--chat', chat.id])).toEqual(inChat)
    const added = fake.dataset.addMessage(c.provider, c.account, chat.id, {
      mediaCount: 0,
      text: 'zebrafinch appears once',
    })
    expect((await sync(c, fake, dir.path)).result.code).toBe(0)
    const found = await messages(dir.path, ['--search', 'zebrafin'])
    expect(found.map((m) => m.messageId)).toEqual([added.id])
    expect(found[0]).toMatchObject({ text: 'zebrafinch appears once', mediaIds: [], fromCreator: true })
  })

  it('prints one readable line per message: local time with its offset, side, text, tips', async () => {
    const chat = fake.dataset.account(c.provider, c.account)!.chats[0]!
    fake.dataset.addMessage(c.provider, c.account, chat.id, {
      mediaCount: 0,
      text: 'red \u001b[31malert\u001b[0m and \u202Egnp.exe\nsecond line',
    })
    expect((await sync(c, fake, dir.path)).result.code).toBe(0)
    const result = await runCli(['messages', '--data-dir', dir.path], { env: { TZ: 'Asia/Kolkata' } })
    expect(result.code, result.stderr).toBe(0)
    const lines = result.stdout.trim().split('\n')
    const messageLines = lines.filter((line) => !line.startsWith('== '))
    expect(messageLines.length).toBe((await messages(dir.path)).length)
    expect(messageLines.every((line) => / \+05:30 {2}(creator|fan {4}) {2}/.test(line))).toBe(true)
    expect(messageLines.some((line) => /\[tip \$\d+\.\d\d\]/.test(line))).toBe(true)
    // A terminal escape or a bidi override in the text cannot reach the terminal (--json keeps them).
    expect(result.stdout).not.toContain('\u001b')
    expect(result.stdout).not.toContain('\u202e')
    expect(result.stdout).toMatch(/red \ufffd\[31malert\ufffd\[0m and \ufffdgnp\.exe second line/)
    expect((await messages(dir.path)).some((m) => m.text.includes('\u001b[31m'))).toBe(true)
  })

  it('says so when nothing matches, exit 0', async () => {
    const result = await runCli(['messages', '--data-dir', dir.path, '--search', 'nothingmatchesthis'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/No messages match/)
  })
})

describe('sync --media-only', () => {
  const dir = tempDir()
  afterAll(() => dir.remove())

  it('archives only the messages that carry media and reads no messages route', async () => {
    const c = providerCases[2]!
    const start = fake.requestLog.length
    const { result, json } = await sync(c, fake, dir.path, ['--media-only'])
    expect(result.code, result.stderr).toBe(0)
    const paths = fake.requestLog.slice(start).map((r) => r.path)
    expect(paths.some((p) => p.includes('/messages'))).toBe(false)
    const all = await messages(dir.path)
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((m) => m.mediaIds.length > 0)).toBe(true)
    expect(json).toMatchObject({ messagesSeen: all.length })
  })
})

describe.each(providerCases)('$provider: sync --max-credits', (c) => {
  const dir = tempDir()
  afterAll(() => dir.remove())

  it('stops before the cap with exit 4 and says why; the next sync completes', async () => {
    const { result, json } = await sync(c, fake, dir.path, ['--max-credits', '2'])
    expect(result.code, result.stderr).toBe(4)
    const stopped = json as unknown as { credits: number; creditCapReached: boolean; error: string }
    expect(stopped.creditCapReached).toBe(true)
    expect(stopped.credits).toBeLessThanOrEqual(2)
    expect(stopped.error).toMatch(/credit cap of 2/)
    const text = await runCli(
      syncArgs(c, fake, dir.path, ['--max-credits', '1']).filter((arg) => arg !== '--json'),
      { env: keyEnv(c, fake) },
    )
    expect(text.code).toBe(4)
    expect(text.stdout).toMatch(/^Stopped at the credit cap of 1: /m)
    const done = await sync(c, fake, dir.path)
    expect(done.result.code, done.result.stderr).toBe(0)
    const account = fake.dataset.account(c.provider, c.account)!
    expect((await messages(dir.path)).length).toBe(
      account.chats.reduce((n, chat) => n + chat.messages.length, 0),
    )
  })
})
