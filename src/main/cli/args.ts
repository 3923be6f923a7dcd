// Command-line parsing on node:util parseArgs, strict, configured from the command table: an
// unknown command or option, a missing required one or a value out of its choices is a
// UsageError (exit 2) with one line that says what to run instead.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { CommandSpec, OptionSpec, ParsedValues, ValueKind } from './command'
import { UsageError } from './usage-error'

export interface SplitArgs {
  readonly command: string | null
  readonly rest: readonly string[]
}

/**
 * Finds the command word; global options may stand before or after it. `valued` names the global
 * options that take a value, so that value is not mistaken for the command.
 */
export function splitCommand(argv: readonly string[], valued: readonly string[]): SplitArgs {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (valued.includes(arg)) {
      i++
      continue
    }
    if (arg.startsWith('-')) continue
    return { command: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] }
  }
  return { command: null, rest: [...argv] }
}

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>

function parseArgsOptions(options: readonly OptionSpec[]): ParseArgsOptions {
  const config: ParseArgsOptions = {}
  for (const option of options) {
    config[option.name] = {
      type: option.arg === undefined ? 'boolean' : 'string',
      ...(option.short !== undefined && { short: option.short }),
      ...(option.multiple === true && { multiple: true }),
    }
  }
  return config
}

export interface ParsedArgs {
  readonly values: ParsedValues
  readonly positionals: readonly string[]
}

/** Parses `rest` against exactly these options; `positionals` is how many words may follow. */
export function parseOptions(
  command: string,
  rest: readonly string[],
  options: readonly OptionSpec[],
  positionals = 0,
): ParsedArgs {
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: parseArgsOptions(options),
      strict: true,
      allowPositionals: positionals > 0,
    })
    if (parsed.positionals.length > positionals)
      throw new Error(`Unexpected argument '${(parsed.positionals[positionals] ?? '').slice(0, 40)}'`)
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals }
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'bad arguments'
    throw new UsageError(
      `${command}: ${message.replace(/^TypeError \[[A-Z_]+\]: /, '')}. Run "chatkeep ${command} --help".`,
    )
  }
}

const kindChecks: Readonly<Record<ValueKind, (value: string) => string | null>> = {
  text: () => null,
  directory: (value) => (value.trim() === '' ? 'must name a folder' : null),
  count: (value) =>
    /^\d{1,6}$/.test(value) && Number(value) >= 1 ? null : 'must be a positive whole number',
  port: (value) => (/^\d{1,5}$/.test(value) && Number(value) <= 65535 ? null : 'must be a port, 0–65535'),
  url: (value) => (httpUrl(value) === null ? 'must be an http(s) URL such as https://example.com' : null),
  'env-name': (value) =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? null : 'must name an environment variable',
}

/** The URL's origin and path without a trailing slash, or null when it is not http(s). */
export function httpUrl(value: string): string | null {
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:')
      return url.origin + url.pathname.replace(/\/$/, '')
  } catch {
    // not a URL
  }
  return null
}

function checkValue(option: OptionSpec, value: string): void {
  if (option.choices !== undefined && !option.choices.includes(value)) {
    throw new UsageError(
      `--${option.name} must be one of ${option.choices.join(', ')} (got "${value.slice(0, 40)}").`,
    )
  }
  const problem = kindChecks[option.kind ?? 'text'](value)
  if (problem !== null) throw new UsageError(`--${option.name} ${problem}.`)
}

/** What the table says about each value: required options present, choices and kinds respected. */
export function checkValues(command: CommandSpec, values: ParsedValues): void {
  for (const option of command.options) {
    const value = values[option.name]
    if (option.required === true && (value === undefined || value === '')) {
      const accepted = option.choices ? ` (${option.choices.join(', ')})` : ` ${option.arg ?? ''}`
      throw new UsageError(
        `${command.name} needs --${option.name}${accepted}. Run "chatkeep ${command.name} --help".`,
      )
    }
    if (typeof value === 'string') checkValue(option, value)
    else if (Array.isArray(value)) for (const each of value) checkValue(option, each)
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

/** An option the table limits to `allowed` (checkValues has run), typed as one of them. */
export function choiceOption<T extends string>(
  values: ParsedValues,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = stringOption(values, name)
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined
}

/** A `count` or `port` option as a number (checkValues has run). */
export function numberOption(values: ParsedValues, name: string): number | undefined {
  const value = stringOption(values, name)
  return value === undefined ? undefined : Number(value)
}
