import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireLock, isProcessAlive, lockHolder } from '../../../src/main/lib/lock-file'
import { projectRoot } from '../../support/cli'
import { freshDirEachTest } from '../../support/each-test-dirs'

const freshDir = freshDirEachTest('chatkeep-lock-')
/** A locks folder that does not exist yet, in a fresh folder. */
const fresh = (): string => join(freshDir(), 'locks')

/** A claim file as another process would have left it. */
function plant(dir: string, name: string, claim: Record<string, unknown>, suffix = 'planted'): string {
  const file = join(dir, `${name}.${String(claim.pid)}-${suffix}.lock`)
  writeFileSync(file, JSON.stringify(claim))
  return file
}

describe('acquireLock', () => {
  it('holds the lock until released, names the holder to the next one, then lets it in', async () => {
    const dir = fresh()
    const first = await acquireLock(dir, 'acct', { command: 'chatkeep sync' })
    if (!first.acquired) throw new Error('first attempt refused')
    expect(first.lock.holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'chatkeep sync' })
    expect(JSON.parse(readFileSync(first.lock.holder.file, 'utf8'))).toMatchObject({ pid: process.pid })

    const second = await acquireLock(dir, 'acct', { command: 'chatkeep serve' })
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid, command: 'chatkeep sync' } })
    expect(await lockHolder(dir, 'acct')).toMatchObject({ command: 'chatkeep sync' })
    // Another name is another lock.
    const other = await acquireLock(dir, 'other', { command: 'x' })
    expect(other.acquired).toBe(true)

    await first.lock.release()
    await first.lock.release()
    expect(await lockHolder(dir, 'acct')).toBeNull()
    const third = await acquireLock(dir, 'acct', { command: 'chatkeep serve' })
    expect(third.acquired).toBe(true)
    if (third.acquired) await third.lock.release()
    if (other.acquired) await other.lock.release()
    expect(readdirSync(dir)).toEqual([])
  })

  it('takes over the claim of a process that is gone, and removes a damaged claim', async () => {
    const dir = fresh()
    mkdirSync(dir, { recursive: true })
    const dead = plant(dir, 'acct', {
      pid: 2_000_000_001,
      host: hostname(),
      command: 'chatkeep sync',
      startedAt: '2024-01-01T00:00:00.000Z',
    })
    writeFileSync(join(dir, 'acct.1-damaged.lock'), '{"pid": 1, "host"')
    expect(isProcessAlive(2_000_000_001)).toBe(false)
    expect(await lockHolder(dir, 'acct')).toBeNull()
    const attempt = await acquireLock(dir, 'acct', { command: 'chatkeep sync' })
    expect(attempt.acquired).toBe(true)
    expect(readdirSync(dir)).toEqual([attempt.acquired ? attempt.lock.holder.file.slice(dir.length + 1) : ''])
    expect(readdirSync(dir)).not.toContain(dead.slice(dir.length + 1))
    if (attempt.acquired) await attempt.lock.release()
  })

  it('takes a claim from another host as live: there is no asking it', async () => {
    const dir = fresh()
    mkdirSync(dir, { recursive: true })
    plant(dir, 'acct', {
      pid: 2_000_000_001,
      host: 'nas-client-2',
      command: 'chatkeep sync',
      startedAt: '2024-01-01T00:00:00.000Z',
    })
    const attempt = await acquireLock(dir, 'acct', { command: 'chatkeep sync' })
    expect(attempt).toMatchObject({ acquired: false, holder: { host: 'nas-client-2' } })
  })

  it('lets exactly one of two processes starting at the same moment in', async () => {
    const dir = fresh()
    const alive = (): boolean => true
    const attempts = await Promise.all(
      [11, 12].map((pid) => acquireLock(dir, 'acct', { command: `p${pid}`, pid, isAlive: alive })),
    )
    expect(attempts.filter((a) => a.acquired)).toHaveLength(1)
  })

  it('never lets two of many contenders in', async () => {
    const dir = fresh()
    const alive = (): boolean => true
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        acquireLock(dir, 'acct', { command: `p${i}`, pid: 100 + i, isAlive: alive }),
      ),
    )
    expect(attempts.filter((a) => a.acquired).length).toBeLessThanOrEqual(1)
  })

  it('refuses names that are not plain', async () => {
    await expect(acquireLock(fresh(), '../x', { command: 'x' })).rejects.toThrow(/lock name/)
  })

  it('removes the claim of a process that exits without releasing it', () => {
    const dir = fresh()
    const script = `
      const { readdirSync } = await import('node:fs')
      const { acquireLock } = await import(${JSON.stringify(join(projectRoot, 'src/main/lib/lock-file.ts'))})
      const attempt = await acquireLock(${JSON.stringify(dir)}, 'acct', { command: 'child' })
      console.log(attempt.acquired ? readdirSync(${JSON.stringify(dir)}).length : 'refused')
      process.exit(0)
    `
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
    expect(child.stderr).toBe('')
    expect(child.stdout.trim()).toBe('1')
    expect(readdirSync(dir)).toEqual([])
  })
})
