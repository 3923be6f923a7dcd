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
import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
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

function makeStandInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true })
  mkdirSync(join(dir, 'locales'), { recursive: true })
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "stand-in Electron: no real binary on this machine" >&2\nexit 1\n# fuse wire: ',
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
  makeStandInElectron(dist)

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
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml', 'build/icon.png']) {
    cpSync(join(root, file), join(stage, file), { recursive: true })
  }
  await copyProductionModules(stage)

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
    for (const devOnly of [
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
      const main = readFileSync(join(extracted, 'out/main/index.js'), 'utf8')
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

  it('downloaded nothing', () => {
    expect(readdirSync(builderCache)).toEqual([])
    expect(builderLog).not.toMatch(/downloading/i)
  })
})
