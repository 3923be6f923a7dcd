// A new user's first run of the `chatkeep` command: a fresh copy of the checkout, the README's
// set-up (npm install, which builds the command through `prepare`, then npm link into a
// temporary prefix instead of the global one), and `chatkeep` found on PATH by name: --version,
// --help, a usage error and a real sync against the fake provider, all through the built bin.
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeProviders, type FakeProviders } from '../../fake-providers/server'
import { fakeSyncArgs, projectRoot } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const run = promisify(execFile)
const dir = tempDir('chatkeep-install-')
const clone = join(dir.path, 'chatkeep')
const prefix = join(dir.path, 'prefix')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
// What .ci/run sets: the Electron binary is not needed to build or run the command.
const installEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_nodedir: undefined }

let fake: FakeProviders | null = null

beforeAll(async () => {
  // The files a fresh clone of this working tree holds: tracked and new, never ignored (no
  // node_modules, no out/).
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    maxBuffer: 64 << 20,
  })
  for (const file of stdout.split('\0')) {
    if (file === '' || !existsSync(join(projectRoot, file))) continue
    cpSync(join(projectRoot, file), join(clone, file), { recursive: true })
  }
  expect(existsSync(join(clone, 'node_modules'))).toBe(false)
  expect(existsSync(join(clone, 'out'))).toBe(false)
  await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: clone,
    env: installEnv,
    maxBuffer: 64 << 20,
  })
  mkdirSync(prefix)
  await run(npm, ['link', '--no-audit', '--no-fund'], {
    cwd: clone,
    env: { ...installEnv, npm_config_prefix: prefix },
  })
  // Without the special items (locked, DRM, errored) every item downloads: exit 0.
  fake = await startFakeProviders({ seed: 7, specials: false, chats: 2, messagesPerChat: 6 })
}, 300_000)

afterAll(async () => {
  await fake?.close()
  dir.remove()
})

interface Result {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** `chatkeep …` as a shell runs it: found by name on a PATH that starts with the prefix's bin. */
function chatkeep(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  const bin = process.platform === 'win32' ? prefix : join(prefix, 'bin')
  const child = spawn('chatkeep', [...args], {
    cwd: dir.path,
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: process.env.HOME, ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('chatkeep after the README set-up', () => {
  it('is linked to the clone and runs its built JavaScript', () => {
    const linked = realpathSync(join(prefix, 'bin', 'chatkeep'))
    expect(linked).toBe(realpathSync(join(clone, 'bin', 'chatkeep.js')))
    expect(existsSync(join(clone, 'out', 'cli', 'index.js'))).toBe(true)
  })

  it('--version prints the version', async () => {
    const { version } = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string }
    expect(await chatkeep(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it('--help lists the commands', async () => {
    const result = await chatkeep(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: chatkeep <command>/)
    for (const name of ['sync', 'list', 'export', 'verify', 'serve', 'completion'])
      expect(result.stdout).toContain(`  ${name}`)
  })

  it('a usage error exits 2 with one line', async () => {
    const result = await chatkeep(['list', '--type', 'pdf'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--type must be one of/)])
  })

  it('syncs an account from the fake provider and lists what it archived', async () => {
    const dataDir = join(dir.path, 'archive')
    const env = { FANSMETRIC_API_KEY: fake?.keys.fansmetric ?? '' }
    const sync = await chatkeep(fakeSyncArgs(fake?.url ?? '', dataDir), env)
    expect(sync.code, sync.stderr).toBe(0)
    const summary = JSON.parse(sync.stdout) as { downloaded: number; failed: number; requests: number }
    expect(summary.downloaded).toBeGreaterThan(0)
    expect(summary.failed).toBe(0)
    const list = await chatkeep(['list', '--json', '--status', 'downloaded', '--data-dir', dataDir])
    expect(list.code).toBe(0)
    const items = JSON.parse(list.stdout) as { path: string | null }[]
    expect(items.length).toBeGreaterThanOrEqual(summary.downloaded)
    expect(items.every((item) => item.path !== null && existsSync(item.path))).toBe(true)
  })
})
