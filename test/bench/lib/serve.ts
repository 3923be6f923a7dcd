// Starts the serve worker and waits for its URL line; the renderer is built once per run with
// Vite's API into a temp folder, so the bench never races other builds over out/.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { projectRoot } from './child'

export interface ServeHandle {
  readonly url: string
  readonly startMs: number
  close(): Promise<void>
}

export async function buildRendererInto(outDir: string): Promise<void> {
  if (existsSync(join(outDir, 'index.html'))) return
  await build({
    configFile: false,
    root: join(projectRoot, 'src', 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  })
}

export function startServe(dataDir: string, rendererDir: string): Promise<ServeHandle> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'workers', 'serve-worker.ts'), dataDir, rendererDir],
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error('serve did not print its URL within 120 s'))
    }, 120_000)
    child.once('exit', (code) => reject(new Error(`serve exited early (${code})`)))
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      resolve({
        url: line.trim(),
        startMs: performance.now() - started,
        close: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}
