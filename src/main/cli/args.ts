// Command-line parsing on node:util parseArgs, strict: an unknown command or option is a
// UsageError (exit 2) with one line that says what to run instead.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './usage-error'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export const globalOptions = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec

export interface SplitArgs {
  readonly command: string | null
  readonly rest: readonly string[]
}

/** Finds the command word; global options may stand before or after it. */
export function splitCommand(argv: readonly string[]): SplitArgs {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--data-dir') {
      i++
      continue
    }
    if (arg.startsWith('-')) continue
    return { command: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] }
  }
  return { command: null, rest: [...argv] }
}

export type ParsedValues = Record<string, string | boolean | string[] | undefined>

export function parseCommandArgs(
  command: string,
  rest: readonly string[],
  options: OptionSpec,
): ParsedValues {
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: { ...globalOptions, ...options },
      strict: true,
      allowPositionals: false,
    })
    return values as ParsedValues
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'bad arguments'
    throw new UsageError(
      `${command}: ${message.replace(/^TypeError \[[A-Z_]+\]: /, '')}. Run "chatkeep ${command} --help".`,
    )
  }
}

export function stringOption(values: ParsedValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function listOption(values: ParsedValues, name: string): readonly string[] {
  const value = values[name]
  if (Array.isArray(value)) return value
  return typeof value === 'string' ? [value] : []
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value.slice(0, 40)}").`)
}

export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} must be a positive whole number.`)
  return Number(value)
}
