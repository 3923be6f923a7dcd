// A full disk stops the sync with a clear message and an intact catalog; with room again, the
// next sync resumes and completes. Needs a small tmpfs, so it runs where mounting is allowed (root).
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { runCli } from '../../support/cli'
import { checkArchive, list, providerCases, sync } from '../../support/sync-fixture'

const mountPoint = join(tmpdir(), `chatkeep-full-disk-${process.pid}`)

function tryMount(sizeMb: number): boolean {
  try {
    mkdirSync(mountPoint, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mountPoint], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const mounted = tryMount(3)

describe.skipIf(!mounted)('full disk (tmpfs of 3 MB)', () => {
  const c = providerCases[3]!
  let fake: FakeProviders

  beforeAll(async () => {
    fake = await startFakeProviders({
      seed: 31,
      specials: false,
      chats: 2,
      messagesPerChat: 10,
      mediaPerMessage: 2,
      mediaTypes: ['photo'],
      fileSizes: [150_000, 250_000],
    })
  })
  afterAll(async () => {
    await fake?.close()
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' })
    } catch {
      // already gone
    }
    rmSync(mountPoint, { recursive: true, force: true })
  })

  it('stops with a clear message, keeps the catalog readable, and resumes once there is room', async () => {
    const dir = join(mountPoint, 'data')
    const first = await sync(c, fake, dir)
    expect(first.result.code).toBe(1)
    // Whichever write meets the full disk first (a media file or the catalog), the message says
    // what happened and what to do next.
    expect(first.result.stderr + JSON.stringify(first.json)).toMatch(/is full\b[^"]*free some space/i)
    const partial = await list(dir)
    expect(partial.length).toBeGreaterThan(0)
    // What the catalog calls downloaded is whole.
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
    execFileSync('mount', ['-o', 'remount,size=64m', mountPoint])
    const second = await sync(c, fake, dir)
    expect(second.result.code, second.result.stderr).toBe(0)
    expect(checkArchive(c, fake, await list(dir)).problems).toEqual([])
    expect((await runCli(['verify', '--data-dir', dir])).code).toBe(0)
  })
})
