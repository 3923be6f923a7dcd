// Starts serve-child.ts under tsx and waits for the URL line it prints when ready.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const root = resolve(import.meta.dirname, '..', '..', '..')

export interface ServeProcess {
  readonly url: string
  close(): Promise<void>
}

export function startServeProcess(dataDir: string, rendererDir: string): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'serve-child.ts'), dataDir, rendererDir],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => rejectStart(new Error('serve did not print its URL within 60 s')), 60_000)
    child.once('exit', (code) => rejectStart(new Error(`serve exited early with code ${code}`)))
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer)
      if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/.test(line)) {
        rejectStart(new Error(`unexpected serve output: ${line}`))
        return
      }
      resolveStart({
        url: line,
        close: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}
