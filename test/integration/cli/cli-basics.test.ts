import { afterAll, describe, expect, it } from 'vitest'
import { jsonOut, runCli } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

describe('command line surface', () => {
  it('list --json on an empty catalog prints []', async () => {
    const result = await runCli(['list', '--json', '--data-dir', dir.path])
    expect(result.code).toBe(0)
    expect(jsonOut(result)).toEqual([])
  })

  it('--help lists every command and exits 0', async () => {
    const result = await runCli(['--help'])
    expect(result.code).toBe(0)
    for (const name of ['sync', 'list', 'verify', 'serve']) expect(result.stdout).toContain(name)
  })

  it.each([
    [['bogus'], /Unknown command "bogus"/],
    [['list', '--bogus'], /list: Unknown option '--bogus'/],
    [['list', '--type', 'pdf'], /--type must be one of photo, video, audio, gif/],
    [['sync', '--account', 'x'], /sync needs --provider/],
    [['sync', '--provider', 'ofauth', '--account', 'x'], /ofauth needs --connection/],
    [['sync', '--provider', 'fansmetric', '--account', 'x', '--concurrency', '-3'], /./],
  ])('%j exits 2 with one line', async (args, message) => {
    const result = await runCli([...args, '--data-dir', dir.path], { env: { FANSMETRIC_API_KEY: 'k' } })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stdout).toBe('')
  })

  it('sync without a key says which variable to set and exits 2', async () => {
    const result = await runCli([
      'sync',
      '--provider',
      'onlyfansapi',
      '--account',
      'a',
      '--data-dir',
      dir.path,
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/ONLYFANSAPI_API_KEY/)
  })

  it('a catalog from a newer version is refused with a clear error, exit 1', async () => {
    const other = tempDir()
    try {
      const Database = (await import('better-sqlite3')).default
      const db = new Database(`${other.path}/catalog.sqlite`)
      db.pragma('user_version = 999')
      db.close()
      const result = await runCli(['list', '--json', '--data-dir', other.path])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/newer Chatkeep/)
      expect(result.stdout).toBe('')
    } finally {
      other.remove()
    }
  })
})
