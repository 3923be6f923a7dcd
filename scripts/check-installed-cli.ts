// `npx tsx scripts/check-installed-cli.ts <command>`: checks the `chatkeep` command an installer
// shipped, run the way users run it (the release workflow calls it on each system after building
// the installers; a machine without Electron cannot, see test/integration/packaging.test.ts for
// what is checked there). With no display on Linux: --version, a usage error, list on an empty
// folder, and a real sync from the fake providers, each with the exit code design §8 fixes.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeProviders } from '../test/fake-providers/server'
import { fakeSyncArgs } from '../test/support/cli'

const command = process.argv[2]
if (!command) {
  process.stderr.write('usage: check-installed-cli <path of the chatkeep command>\n')
  process.exit(2)
}
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
  version: string
}

interface Result {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

// No display: the command must start the way cron and ssh start it.
const env: NodeJS.ProcessEnv = { ...process.env }
delete env.DISPLAY
delete env.WAYLAND_DISPLAY

function chatkeep(args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<Result> {
  // chatkeep.cmd needs cmd.exe; its arguments here are plain words, safe to hand to a shell.
  const child = spawn(command as string, [...args], {
    env: { ...env, ...extra },
    shell: process.platform === 'win32',
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill(), 120_000)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

function check(what: string, ok: boolean, result: Result): void {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`)
  if (!ok) {
    process.stdout.write(`  exit ${result.code}\n  stdout: ${result.stdout}\n  stderr: ${result.stderr}\n`)
    process.exitCode = 1
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'chatkeep-installed-'))
const fake = await startFakeProviders({ seed: 3, specials: false, chats: 2, messagesPerChat: 6 })
try {
  const shown = await chatkeep(['--version'])
  check(`--version prints ${version}`, shown.code === 0 && shown.stdout.trim() === version, shown)

  const usage = await chatkeep(['bogus'])
  check(
    'a usage error exits 2 with one line',
    usage.code === 2 && usage.stderr.trim().split('\n').length === 1,
    usage,
  )

  const empty = await chatkeep(['list', '--json', '--type=video', '--data-dir', dataDir])
  check('list --json on an empty folder prints []', empty.code === 0 && empty.stdout.trim() === '[]', empty)

  const sync = await chatkeep(fakeSyncArgs(fake.url, dataDir), { FANSMETRIC_API_KEY: fake.keys.fansmetric })
  const downloaded = sync.code === 0 ? (JSON.parse(sync.stdout) as { downloaded: number }).downloaded : 0
  check(
    `sync from the fake provider exits 0 (${downloaded} downloaded)`,
    sync.code === 0 && downloaded > 0,
    sync,
  )

  const verify = await chatkeep(['verify', '--data-dir', dataDir])
  check('verify exits 0', verify.code === 0, verify)
} finally {
  await fake.close()
  rmSync(dataDir, { recursive: true, force: true })
}
