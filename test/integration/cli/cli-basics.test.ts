// The fixed command-line surface (design §8), run both ways users start it: `npm run cli` from
// source and the built `chatkeep` bin. Every case must behave the same through both.
import { afterAll, describe, expect, it } from 'vitest'
import { jsonOut, launchers, runCli } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

describe.each(launchers)('command line surface (%s)', (via) => {
  it('list --json on an empty catalog prints []', async () => {
    const result = await runCli(['list', '--json', '--data-dir', dir.path], { via })
    expect(result.code).toBe(0)
    expect(jsonOut(result)).toEqual([])
  })

  it('--help lists every command and exits 0', async () => {
    const result = await runCli(['--help'], { via })
    expect(result.code).toBe(0)
    for (const name of ['sync', 'list', 'export', 'verify', 'serve', 'demo', 'completion'])
      expect(result.stdout).toContain(name)
  })

  it('--version prints the package version and nothing else', async () => {
    const { version } = (await import('../../../package.json', { with: { type: 'json' } })).default
    const result = await runCli(['--version'], { via })
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it.each([
    [['bogus'], /Unknown command "bogus"/],
    [['list', '--bogus'], /list: Unknown option '--bogus'/],
    [['list', '--type', 'pdf'], /--type must be one of photo, video, audio, gif/],
    [['sync', '--account', 'x'], /sync needs --provider/],
    [['sync', '--provider', 'ofauth', '--account', 'x'], /ofauth needs --connection/],
    [['sync', '--provider', 'fansmetric', '--account', 'x', '--concurrency', '-3'], /./],
    [['sync', '--provider', 'fansmetric', '--account', 'x', '--base-url', 'ftp://x'], /--base-url/],
    [['export', '--json'], /export needs --to DIR/],
    [['export', '--to', 'x', '--template', '{nope}'], /nope/],
    [['serve', '--port', '70000'], /--port must be a port/],
    [['completion', 'tcsh'], /completion needs one of bash, zsh, fish/],
  ])('%j exits 2 with one line', async (args, message) => {
    const result = await runCli([...args, '--data-dir', dir.path], {
      env: { FANSMETRIC_API_KEY: 'k' },
      via,
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stdout).toBe('')
  })

  it('sync without a key says which variable to set and exits 2', async () => {
    const result = await runCli(
      ['sync', '--provider', 'onlyfansapi', '--account', 'a', '--data-dir', dir.path],
      { via },
    )
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
      const result = await runCli(['list', '--json', '--data-dir', other.path], { via })
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/newer Chatkeep/)
      expect(result.stdout).toBe('')
    } finally {
      other.remove()
    }
  })
})
