import { describe, expect, it } from 'vitest'
import { checkValues, parseOptions, splitCommand } from '../../../src/main/cli/args'
import { findCommand } from '../../../src/main/cli/table'
import { defaultDataDir } from '../../../src/main/cli/data-dir'
import { terminalSafe } from '../../../src/main/cli/progress-view'
import { UsageError } from '../../../src/main/cli/usage-error'

describe('command line parsing', () => {
  it('finds the command wherever the global options stand', () => {
    expect(splitCommand(['--data-dir', '/x', 'list', '--json'], ['--data-dir'])).toEqual({
      command: 'list',
      rest: ['--data-dir', '/x', '--json'],
    })
    expect(splitCommand(['--json'], ['--data-dir'])).toEqual({ command: null, rest: ['--json'] })
  })

  it('rejects unknown options with a usage error naming the command', () => {
    expect(() => parseOptions('list', ['--nope'], [])).toThrow(UsageError)
    expect(() => parseOptions('list', ['--nope'], [])).toThrow(/^list: Unknown option '--nope'/)
  })

  it('accepts only positive whole numbers where a count is asked for', () => {
    const sync = findCommand('sync')!
    const values = { provider: 'fansmetric', account: 'a' }
    expect(() => checkValues(sync, { ...values, concurrency: '8' })).not.toThrow()
    for (const bad of ['0', '-1', '1.5', 'eight', '9999999'])
      expect(() => checkValues(sync, { ...values, concurrency: bad })).toThrow(
        /--concurrency must be a positive whole number/,
      )
  })

  it('shares the desktop app data folder by default, and the environment overrides it', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Chatkeep')
    expect(defaultDataDir({ CHATKEEP_DATA_DIR: '/d' }, 'linux')).toBe('/d')
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Chatkeep$/)
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Chatkeep$/)
  })

  it('strips control and bidi-override characters from names shown in a terminal', () => {
    expect(terminalSafe('evil\u202Egnp.exe\u001b[31m')).toBe('evilgnp.exe[31m')
    expect(terminalSafe('Zoë 🌸')).toBe('Zoë 🌸')
  })
})
