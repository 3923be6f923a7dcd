// Packages the real app with electron-builder (linux `dir` target) and checks the layout.
//
// The Electron zip cannot be downloaded here, so the test hands electron-builder a stand-in
// "unpacked Electron" directory through `electronDist`. From app-builder-lib's
// ElectronFramework.unpack (26.17): a directory without `electron-v<version>-<platform>-<arch>.zip`
// in it is copied verbatim as the app folder; the `electron` file is then renamed to the executable
// name, `LICENSE` becomes `LICENSE.electron.txt`, and app.asar is written to `resources/`. With
// `electronFuses` configured, @electron/fuses also needs the fuse sentinel inside the binary, so the
// stand-in carries a fuse wire with Electron's default states, which lets this test check the flip.
// `electronVersion` is passed explicitly because the staged project has only production
// node_modules (no electron package to read the version from). Nothing is downloaded: the builder's
// cache directory is pointed at an empty folder and checked to stay empty.
//
// The `chatkeep` command of the package (build/cli/chatkeep, run by the deb as /usr/bin/chatkeep)
// starts the app binary headless. Here the stand-in binary plays Electron for that: when the test
// sets CHATKEEP_STAND_IN_APP, it runs the packaged main bundle (extracted from app.asar) under
// plain Node with a mocked `electron` module (mocks only at the Electron boundary), receiving the
// same arguments the launcher hands the real binary.
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const require = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'))

interface AsarApi {
  listPackage(archive: string, options: { isPack: boolean }): string[]
  extractAll(archive: string, dest: string): void
}
interface FusesApi {
  getCurrentFuseWire(binary: string): Promise<Record<string, number | string>>
  FuseV1Options: Record<string, number>
}
const asar = require('@electron/asar') as AsarApi
const fuses = require('@electron/fuses') as FusesApi

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const ENABLE = 49 // '1'
const DISABLE = 48 // '0'
// Electron's shipped defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
// asar integrity off, only-load-from-asar off, browser V8 snapshot off, file:// privileges on.
const defaultWire = '10110001'
// Package for this machine's arch, so the packaged better-sqlite3 prebuild can be loaded below.
const arch = process.arch === 'arm64' ? 'arm64' : 'x64'

let work = ''
let stage = ''
let appDir = ''
let builderCache = ''
let builderLog = ''

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string
  }
  return pkg.version
}

/** What `npm ci --omit=dev` would leave: the production dependency closure, at npm's paths. */
async function copyProductionModules(to: string): Promise<void> {
  const { stdout } = await run('npm', ['ls', '--all', '--omit', 'dev', '--parseable'], {
    cwd: root,
    maxBuffer: 16 << 20,
  })
  const paths = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== root)
  for (const path of new Set(paths)) {
    cpSync(path, join(to, relative(root, path)), { recursive: true })
  }
}

/** Named imports of `electron` across the main bundle, for the mock to export. */
function electronImports(files: readonly string[]): string[] {
  const names = new Set<string>()
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"electron"/g))
      for (const part of (match[1] ?? '').split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0]
        if (name) names.add(name)
      }
  }
  return [...names].sort()
}

/**
 * Plain Node as Electron for a command-line run: `app` is packaged and exits the process; every
 * other Electron API is a stub that a command-line run must never need (the desktop path would
 * fail on it at once: whenReady() has no then).
 */
function writeStandInRunner(dir: string, names: readonly string[]): string {
  const mock = join(dir, 'electron-mock.mjs')
  writeFileSync(
    mock,
    [
      'const stub = new Proxy(function () {}, { get: (_t, key) => (key === "then" ? undefined : stub), apply: () => stub, construct: () => stub })',
      'const appBase = { isPackaged: true, on: () => app, exit: (code) => process.exit(code) }',
      'export const app = new Proxy(appBase, { get: (t, key) => (key in t ? t[key] : stub) })',
      ...names.filter((name) => name !== 'app').map((name) => `export const ${name} = stub`),
    ].join('\n'),
  )
  const runner = join(dir, 'stand-in-runner.mjs')
  writeFileSync(
    runner,
    [
      `import { writeFileSync } from 'node:fs'`,
      `import { registerHooks } from 'node:module'`,
      `import { join } from 'node:path'`,
      `import { pathToFileURL } from 'node:url'`,
      `const [binary, ...args] = process.argv.slice(2)`,
      `if (process.env.CHATKEEP_STAND_IN_ARGV_LOG) writeFileSync(process.env.CHATKEEP_STAND_IN_ARGV_LOG, JSON.stringify(args))`,
      `registerHooks({ resolve: (specifier, context, next) => specifier === 'electron' ? { url: ${JSON.stringify(pathToFileURL(mock).href)}, shortCircuit: true } : next(specifier, context) })`,
      `process.argv = [binary, ...args]`,
      `await import(pathToFileURL(join(process.env.CHATKEEP_STAND_IN_APP, 'out/main/index.js')).href)`,
    ].join('\n'),
  )
  return runner
}

function makeStandInElectron(dir: string, runner: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  mkdirSync(join(dir, 'locales'), { recursive: true })
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n' +
        `[ -n "$CHATKEEP_STAND_IN_APP" ] && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(runner)} "$0" "$@"\n` +
        'echo "stand-in Electron: no real binary on this machine" >&2\nexit 1\n# fuse wire: ',
    ),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, defaultWire.length]), // fuse wire version 1, length
    Buffer.from(`${defaultWire}\n`),
  ])
  writeFileSync(join(dir, 'electron'), script, { mode: 0o755 })
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron MIT license.\n')
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<html></html>\n')
  writeFileSync(join(dir, 'version'), electronVersion())
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '')
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'chatkeep-pack-'))
  stage = join(work, 'app')
  builderCache = join(work, 'builder-cache')
  const dist = join(work, 'electron-dist')
  mkdirSync(stage)
  mkdirSync(builderCache)

  // The staged project is what CI would package: sources built by electron-vite, the manifest,
  // lockfile, builder config and icon, and production node_modules. Building into the stage keeps
  // this test off the shared out/ and release/ folders.
  await run(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', join(stage, 'out')],
    {
      cwd: root,
      maxBuffer: 16 << 20,
    },
  )
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml', 'build']) {
    cpSync(join(root, file), join(stage, file), { recursive: true })
  }
  await copyProductionModules(stage)
  const mainFiles = readdirSync(join(stage, 'out', 'main'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => join(stage, 'out', 'main', file))
  makeStandInElectron(dist, writeStandInRunner(work, electronImports(mainFiles)))

  const { stdout, stderr } = await run(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      `--${arch}`,
      '--publish',
      'never',
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${electronVersion()}`,
    ],
    {
      cwd: stage,
      maxBuffer: 16 << 20,
      env: { ...process.env, ELECTRON_BUILDER_CACHE: builderCache, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  )
  builderLog = `${stdout}\n${stderr}`
  appDir = join(stage, 'release', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`)
}, 300_000)

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true })
})

function bareImports(source: string): string[] {
  const found = new Set<string>()
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g)) {
    const specifier = match[1] ?? ''
    if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier === 'electron') continue
    found.add(specifier)
  }
  return [...found].sort()
}

describe('electron-builder linux dir package', () => {
  it('writes app.asar with only the built app and production modules', () => {
    const archive = join(appDir, 'resources', 'app.asar')
    expect(existsSync(archive), builderLog).toBe(true)
    const files = asar.listPackage(archive, { isPack: false })
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files).toContain(file)
    }
    expect(files.filter((file) => file.startsWith('/src/') || file.startsWith('/test/'))).toEqual([])
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]))
    // env-paths and p-queue were production dependencies nothing imported; they must not come back unnoticed.
    for (const devOnly of [
      'env-paths',
      'p-queue',
      'electron',
      'vite',
      'electron-vite',
      'vitest',
      'react',
      'typescript',
      'electron-builder',
    ]) {
      expect(modules.has(devOnly), devOnly).toBe(false)
    }
  })

  it('unpacks the better-sqlite3 native module for this target only, next to the archive', () => {
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3')
    expect(readdirSync(join(unpacked, 'prebuilds'))).toEqual([`linux-${arch}.node`])
    // Its C++ sources and other platforms' prebuilds stay out of the package.
    expect(existsSync(join(unpacked, 'deps'))).toBe(false)
    expect(existsSync(join(unpacked, 'src'))).toBe(false)
    const listed = asar.listPackage(join(appDir, 'resources', 'app.asar'), { isPack: true })
    const nativeEntries = listed.filter((line) => line.endsWith('.node'))
    expect(nativeEntries.length).toBeGreaterThan(0)
    expect(nativeEntries.every((line) => line.startsWith('unpack'))).toBe(true)
  })

  it('names the executable after the app and keeps the Electron license', () => {
    expect(existsSync(join(appDir, 'chatkeep'))).toBe(true)
    expect(existsSync(join(appDir, 'LICENSE.electron.txt'))).toBe(true)
  })

  it('flips the security fuses configured in electron-builder.yml', async () => {
    const wire = await fuses.getCurrentFuseWire(join(appDir, 'chatkeep'))
    const option = fuses.FuseV1Options
    const state = (name: string): number | string | undefined => wire[String(option[name])]
    expect(state('RunAsNode')).toBe(DISABLE)
    expect(state('EnableNodeOptionsEnvironmentVariable')).toBe(DISABLE)
    expect(state('EnableNodeCliInspectArguments')).toBe(DISABLE)
    expect(state('OnlyLoadAppFromAsar')).toBe(ENABLE)
    expect(state('EnableCookieEncryption')).toBe(ENABLE)
  })

  // Loading the linux prebuild needs a linux host; elsewhere the layout checks above still run.
  it.skipIf(process.platform !== 'linux')(
    'resolves every runtime import of the main bundle from the packaged app alone',
    async () => {
      const extracted = join(work, 'extracted')
      asar.extractAll(join(appDir, 'resources', 'app.asar'), extracted)
      // The entry and its lazily loaded chunks (the command line's commands).
      const main = readdirSync(join(extracted, 'out/main'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFileSync(join(extracted, 'out/main', file), 'utf8'))
        .join('\n')
      const specifiers = bareImports(main)
      expect(specifiers).toContain('better-sqlite3')
      // Plain Node stands in for Electron's: the point is that each module and its dependencies are
      // in the package, and better-sqlite3's N-API prebuild loads without a rebuild.
      const probe = join(extracted, 'out', 'main', 'probe.mjs')
      writeFileSync(
        probe,
        `for (const s of ${JSON.stringify(specifiers)}) await import(s)\n` +
          `const { default: Database } = await import('better-sqlite3')\n` +
          `console.log(new Database(':memory:').prepare('select sqlite_version() as v').get().v)\n`,
      )
      const { stdout } = await run(process.execPath, [probe], { cwd: dirname(probe) })
      expect(stdout.trim()).toMatch(/^3\.\d+\.\d+$/)
    },
  )

  // libuv fixes its pool size when the pool first starts; src/main/threadpool.ts explains the 16.
  // In an ES module every import is loaded before the first statement runs, so that statement is
  // in time only if loading the bundle's imports starts no pool (plain Node stands in for
  // Electron's here, as above).
  it.skipIf(process.platform !== 'linux')(
    'sizes the thread pool in the main bundle before anything can start it',
    async () => {
      const extracted = join(work, 'extracted-threadpool')
      asar.extractAll(join(appDir, 'resources', 'app.asar'), extracted)
      const lines = readFileSync(join(extracted, 'out/main/index.js'), 'utf8').split('\n')
      const imports = lines.filter((line) => line.startsWith('import '))
      const firstStatement = lines.find(
        (line) => line.trim() !== '' && !line.startsWith('import ') && !line.startsWith('//'),
      )
      expect(firstStatement).toContain('process.env.UV_THREADPOOL_SIZE')
      const probe = join(extracted, 'out', 'main', 'threadpool-probe.mjs')
      writeFileSync(
        probe,
        [
          ...imports.filter((line) => !/from "electron";$/.test(line)),
          `import { readdirSync as probeDir, readFileSync as probeRead } from 'node:fs'`,
          `const tasks = probeDir('/proc/self/task')`,
          `console.log(tasks.filter((t) => probeRead('/proc/self/task/' + t + '/comm', 'utf8').trim() === 'libuv-worker').length)`,
        ].join('\n'),
      )
      const { stdout } = await run(process.execPath, [probe], { cwd: dirname(probe) })
      expect(stdout.trim()).toBe('0')
    },
  )

  describe('the chatkeep command', () => {
    const launcher = (): string => join(appDir, 'resources', 'bin', 'chatkeep')
    let extracted = ''
    let linkDir = ''
    const version = (): string =>
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

    beforeAll(() => {
      extracted = join(work, 'extracted-cli')
      asar.extractAll(join(appDir, 'resources', 'app.asar'), extracted)
      // Where the deb's after-install puts it: /usr/bin/chatkeep -> /opt/Chatkeep/resources/bin/chatkeep.
      linkDir = join(work, 'usr-bin')
      mkdirSync(linkDir)
      symlinkSync(launcher(), join(linkDir, 'chatkeep'))
    })

    async function chatkeep(
      args: readonly string[],
    ): Promise<{ code: number; stdout: string; stderr: string; argv: readonly string[] }> {
      const argvLog = join(work, `argv-${Date.now()}-${Math.random()}.json`)
      const env = { ...process.env, CHATKEEP_STAND_IN_APP: extracted, CHATKEEP_STAND_IN_ARGV_LOG: argvLog }
      try {
        const { stdout, stderr } = await run(join(linkDir, 'chatkeep'), [...args], { env })
        return { code: 0, stdout, stderr, argv: JSON.parse(readFileSync(argvLog, 'utf8')) as string[] }
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string }
        return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', argv: [] }
      }
    }

    it('is an executable launcher in resources/bin', () => {
      expect(statSync(launcher()).mode & 0o111).not.toBe(0)
    })

    it.skipIf(process.platform !== 'linux')(
      'answers --version through the app binary, headless, with Chromium switches ended before the arguments',
      async () => {
        const result = await chatkeep(['--version'])
        expect(result, result.stderr).toMatchObject({ code: 0, stdout: `${version()}\n` })
        expect(result.argv).toEqual(['--ozone-platform=headless', '--disable-gpu', '--', 'cli', '--version'])
      },
    )

    it.skipIf(process.platform !== 'linux')(
      'runs commands from the packaged bundle: list on SQLite, and a usage error with exit 2',
      async () => {
        const dataDir = mkdtempSync(join(work, 'data-'))
        const list = await chatkeep(['list', '--json', '--type=video', '--data-dir', dataDir])
        expect(list, list.stderr).toMatchObject({ code: 0 })
        expect(JSON.parse(list.stdout)).toEqual([])
        const usage = await chatkeep(['bogus'])
        expect(usage.code).toBe(2)
        expect(usage.stderr.trim().split('\n')).toEqual([expect.stringMatching(/Unknown command "bogus"/)])
      },
    )

    it('carries neither the fake providers nor tsx (demo runs from a checkout only)', () => {
      const bundle = readdirSync(join(extracted, 'out'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFileSync(join(extracted, 'out', file), 'utf8'))
        .join('\n')
      expect(bundle).toContain('headless')
      expect(bundle).not.toContain('fake_key_0123456789')
      expect(bareImports(bundle)).not.toContain('tsx/esm/api')
      expect(existsSync(join(extracted, 'out', 'cli'))).toBe(false)
    })
  })

  it("writes deb install scripts that link /usr/bin/chatkeep to the launcher, with only electron-builder's macros", async () => {
    for (const name of ['after-install.tpl', 'after-remove.tpl']) {
      const template = readFileSync(join(root, 'build', 'linux', name), 'utf8')
      const macros = new Set([...template.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]))
      expect([...macros].sort()).toEqual(['executable', 'sanitizedProductName'])
      // Rendered as FpmTarget's writeConfigFile does, then parsed by bash.
      const script = template
        .replaceAll('${executable}', 'chatkeep')
        .replaceAll('${sanitizedProductName}', 'Chatkeep')
      const file = join(work, name.replace('.tpl', '.sh'))
      writeFileSync(file, script)
      await run('bash', ['-n', file])
      if (name === 'after-install.tpl') {
        expect(script).toContain(`command="$app/resources/bin/chatkeep"`)
        expect(script).toMatch(/update-alternatives --install '\/usr\/bin\/chatkeep' 'chatkeep' "\$command"/)
      }
    }
  })

  it('downloaded nothing', () => {
    expect(readdirSync(builderCache)).toEqual([])
    expect(builderLog).not.toMatch(/downloading/i)
  })
})
