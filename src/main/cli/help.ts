// Usage text, derived from the command table.
import { keyEnvNames } from '../../shared/providers'
import type { CommandSpec, OptionSpec } from './command'
import { commands, globalOptions } from './table'

const leftWidth = 24

/** "--type photo|video|audio|gif", "--data-dir DIR", "-h, --help". */
export function optionSynopsis(option: OptionSpec): string {
  const names = `${option.short !== undefined ? `-${option.short}, ` : ''}--${option.name}`
  if (option.arg === undefined) return names
  return `${names} ${option.choices !== undefined ? option.choices.join('|') : option.arg}`
}

function optionLine(option: OptionSpec): string {
  const left = optionSynopsis(option)
  const help = `${option.required === true ? '(required) ' : ''}${option.help}`
  // A long list of choices gets the line to itself and the help below it.
  return left.length < leftWidth - 1
    ? `  ${left.padEnd(leftWidth)}${help}`
    : `  ${left}\n  ${' '.repeat(leftWidth)}${help}`
}

export function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: chatkeep <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    ...globalOptions.map(optionLine),
    '',
    `API keys come from the environment only: ${keyEnvNames.join(', ')},`,
    'or the variable named by sync --api-key-env. They are never read from arguments or printed.',
    'Exit codes: 0 ok, 1 incomplete, 2 usage, 3 key or permission refused, 130 interrupted.',
  ].join('\n')
}

export function commandHelp(command: CommandSpec): string {
  const positional = command.positional
  return [
    `Usage: chatkeep ${command.name}${positional ? ` ${positional.choices.join('|')}` : ''} [options]`,
    '',
    command.summary,
    ...(command.options.length > 0 ? ['', 'Options:', ...command.options.map(optionLine)] : []),
    ...(command.notes?.length ? ['', ...command.notes] : []),
    '',
    `Global options: ${globalOptions.map((option) => optionSynopsis(option)).join(', ')}`,
  ].join('\n')
}
