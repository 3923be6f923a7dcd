import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * The folder holding Chatkeep's package.json: the checkout when run from source (src/main/cli) or
 * as the built bin (out/cli), app.asar in the desktop app (Electron reads inside it). Found by
 * walking up, because each of those puts this module at a different depth.
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && /"name":\s*"chatkeep"/.test(readFileSync(manifest, 'utf8'))) return dir
    if (dirname(dir) === dir) return from
  }
}

export const projectRoot: string = findProjectRoot(dirname(fileURLToPath(import.meta.url)))

export function rendererDir(root: string = projectRoot): string {
  return join(root, 'out', 'renderer')
}

/** Builds out/ from the sources; rejects with a line saying what to run when it fails. */
export type UiBuild = (root: string) => Promise<void>

const electronViteBuild: UiBuild = (root) =>
  new Promise<void>((done, fail) => {
    const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
    const child = spawn(process.execPath, [bin, 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.on('error', fail)
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(new Error(`Building the UI failed (exit ${code}). Run "npm run build" to see why.`)),
    )
  })

export interface EnsureBuiltOptions {
  readonly root?: string
  readonly build?: UiBuild
  /** A lock older than this was left by a build that died; the next one takes it over. */
  readonly staleLockMs?: number
  readonly pollMs?: number
}

/**
 * Builds the app once when serve or the demo start from a fresh clone, saying so on stderr. Two of
 * them started together (two terminals, two test files) would both empty and rewrite out/, each
 * deleting what the other wrote: a lock folder (mkdir is atomic) lets one build while the other
 * waits for it.
 */
export async function ensureRendererBuilt(
  log: (line: string) => void,
  options: EnsureBuiltOptions = {},
): Promise<string> {
  const root = options.root ?? projectRoot
  const dir = rendererDir(root)
  const index = join(dir, 'index.html')
  const lock = join(root, 'out', '.ui-build.lock')
  const staleMs = options.staleLockMs ?? 10 * 60_000
  let told = false
  while (!existsSync(index)) {
    await mkdir(dirname(lock), { recursive: true })
    if (await takeLock(lock, staleMs)) {
      try {
        // Another build may have finished between our check and taking the lock.
        if (existsSync(index)) break
        log('Building the app UI once (out/renderer is missing)…')
        await (options.build ?? electronViteBuild)(root)
        if (!existsSync(index)) throw new Error(`The UI build did not produce ${index}.`)
      } finally {
        await rm(lock, { recursive: true, force: true })
      }
      break
    }
    if (!told) log('Waiting for another process that is building the app UI…')
    told = true
    await sleep(options.pollMs ?? 250)
  }
  return dir
}

async function takeLock(lock: string, staleMs: number): Promise<boolean> {
  try {
    await mkdir(lock)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const info = await stat(lock).catch(() => null)
  if (info && Date.now() - info.mtimeMs > staleMs) await rm(lock, { recursive: true, force: true })
  return false
}
