// Issue 17.8: one chat the provider answers with 404 is that chat's failure. The sync reads every
// other chat, resumes what an earlier run left in any of them, exits 1 naming the chat, and the
// next sync (the chat back) completes.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeProviders } from '../../fake-providers/server'
import { runCli, spawnCli } from '../../support/cli'
import {
  checkArchive,
  keyEnv,
  list,
  providerCases,
  sync,
  syncArgs,
  type ListJsonItem,
} from '../../support/sync-fixture'
import { tempDir } from '../../support/temp-dir'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface FailedChatJson {
  readonly chat: string
  readonly label: string
  readonly error: string
}

describe.each(providerCases)('$provider: a chat answering 404 among others', (c) => {
  it('is recorded and named; the other chats and an earlier run’s leftovers are archived', async () => {
    const fake = await startFakeProviders({
      seed: 91,
      specials: false,
      chats: 3,
      messagesPerChat: 5,
      fileSizes: [100_000, 200_000],
    })
    const dir = tempDir()
    cleanups.push(
      () => fake.close(),
      () => dir.remove(),
    )
    const chats = fake.dataset.account(c.provider, c.account)!.chats
    const broken = chats[1]!.id

    // An earlier run killed mid-download leaves pending items behind in several chats.
    fake.faults({ cdnBytesPerSecond: 300_000, target: 'cdn' })
    const killed = spawnCli(syncArgs(c, fake, dir.path), { env: keyEnv(c, fake) })
    for (let i = 0; i < 300 && fake.requestLog.filter((r) => r.provider === 'cdn').length < 3; i++)
      await sleep(50)
    killed.kill('SIGKILL')
    await new Promise((done) => killed.on('close', done))
    const before = await list(dir.path)
    expect(before.some((item) => item.status === 'pending')).toBe(true)

    fake.resetFaults()
    fake.faults({ hostileApi: { mode: { kind: 'not-found' }, pathIncludes: `/chats/${broken}/` } })
    // --full: the killed run may have read every chat already, and an unchanged chat is not asked.
    const { result, json } = await sync(c, fake, dir.path, ['--full'])
    expect(result.code, result.stderr).toBe(1)
    const failed = (json as unknown as { failedChats: FailedChatJson[]; error?: string }).failedChats
    expect(failed.map((chat) => chat.chat)).toEqual([broken])
    expect(failed[0]!.error).toMatch(/404|not found/i)
    expect((json as unknown as { error?: string }).error).toBeUndefined()

    // Every item of the other chats is archived, the leftovers of the killed run included.
    const items = await list(dir.path)
    const others = (item: ListJsonItem): boolean => item.chat !== broken
    expect(items.filter(others).every((item) => item.status === 'downloaded')).toBe(true)
    const account = fake.dataset.account(c.provider, c.account)!
    const expected = chats
      .filter((chat) => chat.id !== broken)
      .flatMap((chat) => fake.dataset.chatMediaIds(account, chat.id))
    expect(new Set(items.filter(others).map((item) => item.mediaId))).toEqual(new Set(expected))

    // The text summary names it too.
    const text = await runCli(
      syncArgs(c, fake, dir.path, ['--full']).filter((arg) => arg !== '--json'),
      { env: keyEnv(c, fake) },
    )
    expect(text.code).toBe(1)
    expect(text.stdout).toContain(`Could not read chat ${broken}`)

    // With the chat back, the next sync completes.
    fake.resetFaults()
    const again = await sync(c, fake, dir.path)
    expect(again.result.code, again.result.stderr).toBe(0)
    expect(checkArchive(c, fake, await list(dir.path)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir.path])).code).toBe(0)
  }, 120_000)
})
