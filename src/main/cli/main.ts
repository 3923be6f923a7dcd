// The command-line entry, separated from process wiring (process.ts) so tests can call it in-process.
// Everything up to a command's `load` is light; see table.ts for why.
import { resolve } from 'node:path'
import { appVersion } from '../version'
import { checkValues, parseOptions, splitCommand, stringOption } from './args'
import type { CommandSpec, ParsedValues } from './command'
import { defaultDataDir } from './data-dir'
import { commandHelp, globalHelp } from './help'
import { createOutput } from './output'
import { commands, findCommand, globalOptions, valuedGlobalOptions } from './table'
import { KeyRefusedError, UsageError } from './usage-error'

export interface MainIo {
  readonly env: NodeJS.ProcessEnv
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  readonly stderrIsTty: boolean
  readonly signal: AbortSignal
}

function commandValues(command: CommandSpec, rest: readonly string[]): ParsedValues {
  const positional = command.positional
  const parsed = parseOptions(command.name, rest, [...globalOptions, ...command.options], positional ? 1 : 0)
  if (!positional || parsed.values.help === true || parsed.values.version === true) return parsed.values
  const word = parsed.positionals[0]
  if (word === undefined || !positional.choices.includes(word)) {
    throw new UsageError(
      `${command.name} needs one of ${positional.choices.join(', ')}${word === undefined ? '' : ` (got "${word.slice(0, 40)}")`}. Run "chatkeep ${command.name} --help".`,
    )
  }
  return { ...parsed.values, [positional.name]: word }
}

export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  try {
    const { command: name, rest } = splitCommand(argv, valuedGlobalOptions)
    const command = name === null ? null : findCommand(name)
    if (name !== null && !command) {
      throw new UsageError(
        `Unknown command "${name.slice(0, 40)}". Commands: ${commands.map((c) => c.name).join(', ')}.`,
      )
    }
    const values = command
      ? commandValues(command, rest)
      : parseOptions('chatkeep', rest, globalOptions).values
    if (values.version === true) {
      io.stdout.write(`${appVersion}\n`)
      return 0
    }
    if (!command || values.help === true) {
      io.stdout.write(`${command ? commandHelp(command) : globalHelp()}\n`)
      // `chatkeep` alone is a usage mistake: the help goes to stdout, the exit code says so.
      return values.help === true ? 0 : 2
    }
    checkValues(command, values)
    command.check?.(values, io.env)
    const run = await command.load()
    const dataDirOption = stringOption(values, 'data-dir')
    return await run(
      {
        dataDir: resolve(dataDirOption ?? defaultDataDir(io.env)),
        dataDirGiven: dataDirOption !== undefined,
        output: createOutput(values.json === true, io.stdout, io.stderr),
        env: io.env,
        stdout: io.stdout,
        stderr: io.stderr,
        stderrIsTty: io.stderrIsTty,
        signal: io.signal,
      },
      values,
    )
  } catch (error) {
    const say = (line: string): void => void io.stderr.write(`chatkeep: ${line}\n`)
    if (error instanceof UsageError) {
      say(error.message)
      return 2
    }
    if (error instanceof KeyRefusedError) {
      say(error.message)
      return 3
    }
    // Only a command that ran throws anything else, so the catalog's error types are loaded by now.
    const { describeFailure } = await import('./failure')
    say(describeFailure(error))
    return 1
  }
}
