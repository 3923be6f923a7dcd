// The command-line entry, separated from process wiring so tests can call it in-process.
import { resolve } from 'node:path'
import { CatalogError, isCorruptionError } from '../catalog/db'
import { isProviderError } from '../providers/errors'
import { globalOptions, parseCommandArgs, splitCommand, stringOption } from './args'
import type { Command } from './command'
import { demoCommand } from './commands/demo'
import { exportCommand } from './commands/export'
import { listCommand } from './commands/list'
import { serveCommand } from './commands/serve'
import { syncCommand } from './commands/sync'
import { verifyCommand } from './commands/verify'
import { defaultDataDir } from './data-dir'
import { createOutput } from './output'
import { KeyRefusedError, UsageError } from './usage-error'

export const commands: readonly Command[] = [
  syncCommand,
  listCommand,
  exportCommand,
  verifyCommand,
  serveCommand,
  demoCommand,
]

function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: chatkeep <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR   archive folder (default: $CHATKEEP_DATA_DIR, else the app-data folder "Chatkeep")',
    '  --json           print exactly one JSON document on stdout; progress goes to stderr',
    '  -h, --help       show help (also after a command)',
    '',
    'API keys come from the environment only: ONLYFANSAPI_API_KEY, OFAUTH_API_KEY, FANSMETRIC_API_KEY,',
    'or the variable named by --api-key-env. They are never read from arguments or printed.',
  ].join('\n')
}

function commandHelp(command: Command): string {
  return [
    `Usage: chatkeep ${command.name} [options]`,
    '',
    command.summary,
    ...(command.usage.length ? ['', 'Options:', ...command.usage.map((line) => `  ${line}`)] : []),
    '',
    'Global options: --data-dir DIR, --json, --help',
  ].join('\n')
}

export interface MainIo {
  readonly env: NodeJS.ProcessEnv
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  readonly stderrIsTty: boolean
  readonly signal: AbortSignal
}

export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const say = (line: string): void => void io.stderr.write(`${line}\n`)
  try {
    const { command: name, rest } = splitCommand(argv)
    if (name === null) {
      const values = parseCommandArgs('chatkeep', rest, {})
      io.stdout.write(`${globalHelp()}\n`)
      return values.help ? 0 : 2
    }
    const command = commands.find((c) => c.name === name)
    if (!command) {
      throw new UsageError(
        `Unknown command "${name.slice(0, 40)}". Commands: ${commands.map((c) => c.name).join(', ')}.`,
      )
    }
    const values = parseCommandArgs(name, rest, command.options)
    if (values.help) {
      io.stdout.write(`${commandHelp(command)}\n`)
      return 0
    }
    const dataDir = resolve(stringOption(values, 'data-dir') ?? defaultDataDir(io.env))
    const json = values.json === true
    return await command.run(
      {
        dataDir,
        output: createOutput(json, io.stdout, io.stderr),
        env: io.env,
        stderrIsTty: io.stderrIsTty,
        signal: io.signal,
      },
      values,
    )
  } catch (error) {
    if (error instanceof UsageError) {
      say(`chatkeep: ${error.message}`)
      return 2
    }
    if (error instanceof KeyRefusedError) {
      say(`chatkeep: ${error.message}`)
      return 3
    }
    if (isCorruptionError(error)) {
      say(
        `chatkeep: the catalog is damaged (${(error as Error).message}). Run "chatkeep verify"; to rebuild, move catalog.sqlite aside and sync again.`,
      )
      return 1
    }
    if (error instanceof CatalogError || isProviderError(error)) {
      say(`chatkeep: ${error.message}`)
      return 1
    }
    say(`chatkeep: ${(error as Error).message ?? String(error)}`)
    return 1
  }
}

export { globalOptions }
