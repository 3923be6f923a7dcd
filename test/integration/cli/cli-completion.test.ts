// `chatkeep completion bash|zsh|fish` loaded into the real shells, completing a command, an
// option and an option's value. bash always runs; zsh and fish where they are installed.
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
afterAll(() => dir.remove())

function installed(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0
}

async function script(shell: string): Promise<string> {
  const result = await runCli(['completion', shell], { via: 'bin' })
  expect(result.code, result.stderr).toBe(0)
  const file = join(dir.path, `chatkeep.${shell}`)
  writeFileSync(file, result.stdout)
  return file
}

/** The cases every shell must get right: [line typed so far, one expected candidate]. */
const cases: readonly (readonly [string, string])[] = [
  ['chatkeep sy', 'sync'],
  ['chatkeep --data-dir /tmp ver', 'verify'],
  ['chatkeep sync --prov', '--provider'],
  ['chatkeep list --type v', 'video'],
  ['chatkeep sync --provider of', 'ofauth'],
  ['chatkeep completion f', 'fish'],
]

describe('bash', () => {
  let file = ''
  beforeAll(async () => {
    file = await script('bash')
  })

  it.each(cases)('completes %j with %j', (line, expected) => {
    // COMP_WORDS as bash splits the line (a trailing space starts an empty word).
    const words = line.split(' ')
    const out = execFileSync(
      'bash',
      [
        '--norc',
        '-c',
        `source "$1"; COMP_WORDS=("\${@:2}"); COMP_CWORD=$(($# - 2)); _chatkeep; printf '%s\\n' "\${COMPREPLY[@]}"`,
        'bash',
        file,
        ...words,
      ],
      { encoding: 'utf8' },
    )
    expect(out.split('\n')).toContain(expected)
  })

  it('registers itself for the chatkeep command', () => {
    const out = execFileSync('bash', ['--norc', '-c', `source "$1"; complete -p chatkeep`, 'bash', file], {
      encoding: 'utf8',
    })
    expect(out.trim()).toBe('complete -F _chatkeep chatkeep')
  })
})

describe.skipIf(!installed('fish'))('fish', () => {
  let file = ''
  beforeAll(async () => {
    file = await script('fish')
  })

  it.each(cases)('completes %j with %j', (line, expected) => {
    const out = execFileSync(
      'fish',
      ['--no-config', '-c', `source $argv[1]; complete -C $argv[2]`, file, line],
      {
        encoding: 'utf8',
      },
    )
    expect(out.split('\n').map((candidate) => candidate.split('\t')[0])).toContain(expected)
  })
})

// zsh completes only inside its line editor: a zsh drives an interactive zsh through zpty, types
// the line and a Tab, and reads the candidates a compadd wrapper prints.
describe.skipIf(!installed('zsh'))('zsh', () => {
  let file = ''
  let driver = ''
  beforeAll(async () => {
    file = await script('zsh')
    const setup = join(dir.path, 'setup.zsh')
    writeFileSync(
      setup,
      [
        "PS1='' RPROMPT=''",
        'autoload -Uz compinit && compinit -u -D',
        `source ${JSON.stringify(file)}`,
        'compadd() {',
        '  if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi',
        '  local -a hits; builtin compadd -A hits "$@"',
        '  local hit; for hit in $hits; do print -r -- "<hit>$hit</hit>"; done',
        '  builtin compadd "$@"',
        '}',
      ].join('\n'),
    )
    driver = join(dir.path, 'drive.zsh')
    writeFileSync(
      driver,
      [
        'zmodload zsh/zpty',
        'zpty z zsh -f -i',
        `zpty -w z ${JSON.stringify(`source ${setup}; print READY-FOR-INPUT`)}`,
        'local out line i',
        'for i in {1..100}; do',
        '  while zpty -r -t z line; do out+=$line; done',
        '  [[ $out == *READY-FOR-INPUT*READY-FOR-INPUT* ]] && break',
        '  sleep 0.1',
        'done',
        // One line at a time: type it and a Tab, read until the candidates are in and the shell
        // has been quiet for a moment, print them, then clear the line (Ctrl+U) for the next.
        'for typed in "$@"; do',
        '  out=',
        '  zpty -w -n z "$typed"$\'\\t\'',
        '  local quiet=0',
        '  for i in {1..100}; do',
        '    if zpty -r -t z line; then out+=$line; quiet=0; continue; fi',
        '    [[ $out == *"</hit>"* ]] && (( ++quiet > 3 )) && break',
        '    sleep 0.1',
        '  done',
        '  print -r -- "== $typed"',
        "  print -r -- \"$out\" | grep -o '<hit>[^<]*</hit>' | sed 's#<hit>##;s#</hit>##'",
        "  zpty -w -n z $'\\C-u'",
        'done',
        'zpty -d z',
      ].join('\n'),
    )
  })

  it('completes commands, options and values', () => {
    const out = execFileSync('zsh', ['-f', driver, ...cases.map(([line]) => line)], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    const candidates = new Map<string, string[]>()
    let current: string[] = []
    for (const line of out.split('\n')) {
      if (line.startsWith('== ')) candidates.set(line.slice(3), (current = []))
      else if (line !== '') current.push(line)
    }
    for (const [line, expected] of cases) expect(candidates.get(line), line).toContain(expected)
  })
})
