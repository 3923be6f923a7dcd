// Runs the real CLI as a child process, as users and outside tests do: from source the way
// `npm run cli` does (scripts/cli.mjs under tsx), or as the built `chatkeep` bin (bin/chatkeep.js,
// built once per test run by test/support/build-cli.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** How the CLI is started: `npm run cli` (source) or the `chatkeep` bin (built). */
export type CliLauncher = 'source' | 'bin'

export const launchers: readonly CliLauncher[] = ['source', 'bin']

export function launcherArgs(launcher: CliLauncher): readonly string[] {
  return launcher === 'source'
    ? ['--import', 'tsx', join(projectRoot, 'scripts', 'cli.mjs')]
    : [join(projectRoot, 'bin', 'chatkeep.js')]
}

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface CliOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly timeoutMs?: number
  /** Defaults to source. */
  readonly via?: CliLauncher
}

export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [...launcherArgs(options.via ?? 'source'), ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, options)
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      done({ code, signal, stdout, stderr })
    })
  })
}

/** Parses the one JSON document `--json` promises on stdout. */
export function jsonOut<T = unknown>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${result.code}).\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
    )
  }
}

/** `sync` of the fake FansMetric account (the quickest real sync) from a fake at `url`, as JSON. */
export function fakeSyncArgs(url: string, dataDir: string): readonly string[] {
  return [
    'sync',
    '--provider',
    'fansmetric',
    '--account',
    'acct_fake_fm_1',
    '--base-url',
    url,
    '--json',
    '--data-dir',
    dataDir,
  ]
}
