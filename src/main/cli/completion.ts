// `chatkeep completion bash|zsh|fish`: shell completion scripts written from the command table,
// so a new command, option or choice completes without anyone editing a script. The scripts are
// static (they never call chatkeep while completing), so completing costs nothing at all.
import type { CommandRun, CommandSpec, OptionSpec } from './command'
import { commands, globalOptions, valuedGlobalOptions } from './table'

export type Shell = 'bash' | 'zsh' | 'fish'

const bashWord = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`
const optionWords = (options: readonly OptionSpec[]): string =>
  options.flatMap((o) => [`--${o.name}`, ...(o.short !== undefined ? [`-${o.short}`] : [])]).join(' ')

/** The case arms that complete the value of the option before the cursor. */
function bashValueArms(scope: string | null, options: readonly OptionSpec[]): string[] {
  return options
    .filter((option) => option.arg !== undefined)
    .map((option) => {
      const reply =
        option.choices !== undefined
          ? `COMPREPLY=($(compgen -W ${bashWord(option.choices.join(' '))} -- "$cur"))`
          : option.kind === 'directory'
            ? 'COMPREPLY=($(compgen -d -- "$cur"))'
            : 'COMPREPLY=()'
      // Any command (scope null) matches with a glob, which must stay outside the quotes.
      const pattern = `${scope === null ? '*' : bashWord(scope)}${bashWord(`:--${option.name}`)}`
      return `    ${pattern}) ${reply}; return ;;`
    })
}

function bashScript(): string {
  const arms = commands.map((command) => {
    const words = command.positional ? ` ${command.positional.choices.join(' ')}` : ''
    return `    ${command.name}) options=${bashWord(optionWords([...command.options, ...globalOptions]))}; words=${bashWord(words.trim())} ;;`
  })
  return [
    '# bash completion for chatkeep, written by `chatkeep completion bash` from its command table.',
    '# Load it from ~/.bashrc: eval "$(chatkeep completion bash)"',
    '_chatkeep() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= i options words',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case ${COMP_WORDS[i]} in',
    `      ${valuedGlobalOptions.join('|')}) ((i++)) ;;`,
    '      -*) ;;',
    '      *) command=${COMP_WORDS[i]}; break ;;',
    '    esac',
    '  done',
    '  case "$command:$prev" in',
    ...bashValueArms(null, globalOptions),
    ...commands.flatMap((command) => bashValueArms(command.name, command.options)),
    '  esac',
    '  case $command in',
    `    '') options=${bashWord(optionWords(globalOptions))}; words=${bashWord(commands.map((c) => c.name).join(' '))} ;;`,
    ...arms,
    '    *) COMPREPLY=(); return ;;',
    '  esac',
    '  # A command takes its one word (completion bash) once; after that only options.',
    '  if [[ -n $command && $cur != -* ]]; then',
    '    local seen=0',
    '    for ((i++; i < COMP_CWORD; i++)); do [[ ${COMP_WORDS[i]} != -* ]] && seen=1; done',
    '    [[ $seen == 1 ]] && words=',
    '  fi',
    '  if [[ $cur == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$options" -- "$cur"))',
    '  else',
    '    COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '  fi',
    '}',
    'complete -F _chatkeep chatkeep',
    '',
  ].join('\n')
}

/** Text inside single quotes in zsh, and inside an _arguments description, where [ ] and \ are special. */
const zshQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`
const zshDescription = (text: string): string => text.replace(/([[\]\\])/g, '\\$1')

function zshOptionSpecs(option: OptionSpec): string[] {
  const action =
    option.arg === undefined
      ? ''
      : `:${zshDescription(option.arg)}:${
          option.choices !== undefined
            ? `(${option.choices.join(' ')})`
            : option.kind === 'directory'
              ? '_files -/'
              : ' '
        }`
  const names = [`--${option.name}`, ...(option.short !== undefined ? [`-${option.short}`] : [])]
  const exclusive = names.length > 1 ? `(${names.join(' ')})` : ''
  const repeat = option.multiple === true ? '*' : ''
  return names.map((name) =>
    zshQuote(`${exclusive}${repeat}${name}[${zshDescription(option.help)}]${action}`),
  )
}

function zshCommandArm(command: CommandSpec): string {
  const specs = [...command.options, ...globalOptions].flatMap(zshOptionSpecs)
  if (command.positional)
    specs.push(
      zshQuote(`1:${zshDescription(command.positional.help)}:(${command.positional.choices.join(' ')})`),
    )
  return `        ${command.name}) _arguments -s ${specs.join(' ')} ;;`
}

function zshScript(): string {
  return [
    '#compdef chatkeep',
    '# zsh completion for chatkeep, written by `chatkeep completion zsh` from its command table.',
    '# Load it from ~/.zshrc after compinit: eval "$(chatkeep completion zsh)"',
    '# (or save it as _chatkeep in a folder of $fpath).',
    '_chatkeep() {',
    '  local curcontext=$curcontext state line',
    '  local -a commands',
    `  commands=(${commands.map((c) => zshQuote(`${c.name}:${c.summary}`)).join(' ')})`,
    `  _arguments -C ${globalOptions.flatMap(zshOptionSpecs).join(' ')} '1:command:->command' '*::argument:->argument'`,
    '  case $state in',
    "    command) _describe -t commands 'chatkeep command' commands ;;",
    '    argument)',
    '      case $words[1] in',
    ...commands.map(zshCommandArm),
    '      esac ;;',
    '  esac',
    '}',
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then',
    '  _chatkeep "$@"',
    'else',
    '  compdef _chatkeep chatkeep',
    'fi',
    '',
  ].join('\n')
}

const fishQuote = (text: string): string => `'${text.replace(/[\\']/g, '\\$&')}'`

function fishOptionLine(condition: string, option: OptionSpec): string {
  const parts = ['complete -c chatkeep', `-n ${fishQuote(condition)}`, `-l ${option.name}`]
  if (option.short !== undefined) parts.push(`-s ${option.short}`)
  if (option.arg !== undefined) {
    parts.push('-x')
    if (option.choices !== undefined) parts.push(`-a ${fishQuote(option.choices.join(' '))}`)
    else if (option.kind === 'directory') parts.push(`-a '(__fish_complete_directories)'`)
  }
  parts.push(`-d ${fishQuote(option.help)}`)
  return parts.join(' ')
}

function fishScript(): string {
  const valued = valuedGlobalOptions.join(' ')
  return [
    '# fish completion for chatkeep, written by `chatkeep completion fish` from its command table.',
    '# Install: chatkeep completion fish > ~/.config/fish/completions/chatkeep.fish',
    '',
    '# The command word, skipping global options and their values.',
    'function __chatkeep_command',
    '    set -l skip 0',
    '    for token in (commandline -opc)[2..-1]',
    '        if test $skip = 1',
    '            set skip 0',
    '        else if contains -- $token ' + valued,
    '            set skip 1',
    "        else if not string match -q -- '-*' $token",
    '            echo $token',
    '            return 0',
    '        end',
    '    end',
    '    return 1',
    'end',
    'function __chatkeep_using',
    '    set -l command (__chatkeep_command)',
    '    and test "$command" = $argv[1]',
    'end',
    '',
    'complete -c chatkeep -f',
    ...commands.map(
      (c) => `complete -c chatkeep -n 'not __chatkeep_command' -a ${c.name} -d ${fishQuote(c.summary)}`,
    ),
    ...globalOptions.map((o) => fishOptionLine('true', o)),
    ...commands.flatMap((c) => [
      ...c.options.map((o) => fishOptionLine(`__chatkeep_using ${c.name}`, o)),
      ...(c.positional
        ? [
            `complete -c chatkeep -n ${fishQuote(`__chatkeep_using ${c.name}`)} -a ${fishQuote(c.positional.choices.join(' '))} -d ${fishQuote(c.positional.help)}`,
          ]
        : []),
    ]),
    '',
  ].join('\n')
}

export function completionScript(shell: Shell): string {
  return shell === 'bash' ? bashScript() : shell === 'zsh' ? zshScript() : fishScript()
}

export const run: CommandRun = async (context, values) => {
  context.stdout.write(completionScript(values.shell as Shell))
  return 0
}
