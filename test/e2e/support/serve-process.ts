// Starts serve-child.ts under tsx and waits for the URL line it prints when ready.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const root = resolve(import.meta.dirname, '..', '..', '..')

/** A developer's real keys in the shell never reach a test server. */
function withoutProviderKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env }
  for (const name of ['ONLYFANSAPI_API_KEY', 'OFAUTH_API_KEY', 'FANSMETRIC_API_KEY', 'CHATKEEP_BASE_URL'])
    delete copy[name]
  return copy
}

export interface ServeProcess {
  readonly url: string
  /** Everything serve wrote to stderr so far (it is also passed on to this process's stderr). */
  stderr(): string
  close(): Promise<void>
}

/** `env` is added to this process's environment: provider keys, CHATKEEP_BASE_URL. */
export function startServeProcess(
  dataDir: string,
  rendererDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'serve-child.ts'), dataDir, rendererDir],
    {
      cwd: root,
      env: { ...withoutProviderKeys(process.env), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    process.stderr.write(chunk)
  })
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
        stderr: () => stderr,
        close: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}
