// What a command-line run loads before it answers. `--help`, `--version`, completion and usage
// errors must touch none of the catalog, downloader or provider code (nor zod, SQLite, the HTTP
// client): each costs start-up time that scripts and shell completion pay on every call. Counted
// from outside, with a module resolve hook in the child that logs every module it loads.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launcherArgs, launchers, projectRoot, type CliLauncher } from '../../support/cli'
import { tempDir } from '../../support/temp-dir'

const dir = tempDir()
let hook = ''
beforeAll(() => {
  hook = join(dir.path, 'log-modules.mjs')
  writeFileSync(
    hook,
    [
      `import { appendFileSync } from 'node:fs'`,
      `import { registerHooks } from 'node:module'`,
      `registerHooks({ resolve(specifier, context, next) {`,
      `  const result = next(specifier, context)`,
      `  appendFileSync(process.env.CHATKEEP_MODULE_LOG, result.url + '\\n')`,
      `  return result`,
      `} })`,
    ].join('\n'),
  )
})
afterAll(() => dir.remove())

let runs = 0
function loadedModules(via: CliLauncher, args: readonly string[], env: NodeJS.ProcessEnv = {}): string[] {
  const log = join(dir.path, `modules-${runs++}.log`)
  writeFileSync(log, '')
  const [first, ...rest] = launcherArgs(via)
  // The hook goes after tsx's, so it sees the modules tsx resolves too.
  const args0 =
    via === 'source'
      ? [first ?? '', rest[0] ?? '', '--import', pathToFileURL(hook).href, ...rest.slice(1)]
      : ['--import', pathToFileURL(hook).href, first ?? '']
  const result = spawnSync(process.execPath, [...args0, ...args, '--data-dir', dir.path], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CHATKEEP_MODULE_LOG: log, ...env },
    encoding: 'utf8',
  })
  expect(result.status, result.stderr).not.toBeNull()
  return [
    ...new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
    ),
  ]
}

const project = pathToFileURL(projectRoot).href
const heavy = (modules: readonly string[]): string[] =>
  modules.filter(
    (url) =>
      /\/node_modules\/(zod|better-sqlite3|got|cli-progress)\//.test(url) ||
      (url.startsWith(`${project}/src/`) &&
        /\/src\/main\/(catalog|download|providers|store|sync|server|api|electron)\//.test(url)),
  )

const light: readonly (readonly string[])[] = [
  ['--help'],
  ['--version'],
  ['sync', '--help'],
  ['completion', 'bash'],
  ['bogus'],
  ['list', '--type', 'pdf'],
  ['sync', '--provider', 'fansmetric', '--account', 'a'],
  ['sync', '--provider', 'ofauth', '--account', 'a'],
  ['export', '--to', 'x', '--template', '{nope}'],
]

describe.each(launchers)('start-up of a command-line run (%s)', (via) => {
  it.each(light.map((args) => [args]))(
    '%j loads no catalog, downloader, provider, zod or SQLite code',
    (args) => {
      const modules = loadedModules(via, args)
      expect(modules.length).toBeGreaterThan(3)
      expect(heavy(modules)).toEqual([])
    },
  )

  // The control: the hook does see them when a command needs them. `list` (scripts run it often)
  // needs SQLite but not zod (about 90 ms of start-up).
  it('list loads the catalog and SQLite, not zod', () => {
    const modules = loadedModules(via, ['list', '--json'])
    expect(modules.some((url) => url.includes('/node_modules/better-sqlite3/'))).toBe(true)
    expect(modules.filter((url) => url.includes('/node_modules/zod/'))).toEqual([])
  })
})

describe('the built bin', () => {
  it('imports nothing from node_modules for --help', () => {
    const modules = loadedModules('bin', ['--help'])
    expect(modules.filter((url) => url.includes('/node_modules/'))).toEqual([])
    expect(modules.some((url) => url.includes('/out/cli/'))).toBe(true)
  })
})
