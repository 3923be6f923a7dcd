import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root when run from source (tsx): src/main/cli is three levels below it. */
export const projectRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

export function rendererDir(root: string = projectRoot): string {
  return join(root, 'out', 'renderer')
}

/** Builds the app once when serve or the demo start from a fresh clone, saying so on stderr. */
export async function ensureRendererBuilt(
  log: (line: string) => void,
  root: string = projectRoot,
): Promise<string> {
  const dir = rendererDir(root)
  if (existsSync(join(dir, 'index.html'))) return dir
  log('Building the app UI once (out/renderer is missing)…')
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  await new Promise<void>((done, fail) => {
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
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`The UI build did not produce ${dir}/index.html.`)
  return dir
}
