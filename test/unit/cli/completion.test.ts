// The completion scripts and usage text come from the command table: every command, option and
// choice it holds appears in each of them, with no second list to keep in step.
import { describe, expect, it } from 'vitest'
import { completionScript, type Shell } from '../../../src/main/cli/completion'
import { commandHelp, globalHelp } from '../../../src/main/cli/help'
import { commands, globalOptions } from '../../../src/main/cli/table'

const shells: readonly Shell[] = ['bash', 'zsh', 'fish']

describe.each(shells)('%s completion', (shell) => {
  const script = completionScript(shell)
  const longOption = (name: string): string => (shell === 'fish' ? `-l ${name}` : `--${name}`)

  it.each(commands.map((command) => [command.name, command] as const))('covers %s', (_name, command) => {
    expect(script).toContain(command.name)
    for (const option of [...command.options, ...globalOptions]) {
      expect(script).toContain(longOption(option.name))
      for (const choice of option.choices ?? []) expect(script).toContain(choice)
    }
    for (const choice of command.positional?.choices ?? []) expect(script).toContain(choice)
  })
})

describe('usage text', () => {
  it('names every command, and each command help every option it takes', () => {
    const help = globalHelp()
    for (const command of commands) {
      expect(help).toContain(`  ${command.name}  `)
      const text = commandHelp(command)
      for (const option of command.options) expect(text).toContain(`--${option.name}`)
    }
  })
})
