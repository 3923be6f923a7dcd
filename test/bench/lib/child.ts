// Benchmarks and their workers run as separate Node processes (under tsx) so that RSS, CPU and the
// event loop are the measured code's alone. Results come back over the IPC channel.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

export const projectRoot = resolve(import.meta.dirname, '..', '..', '..')

export interface ChildOptions {
  readonly args?: readonly string[]
  /** Extra node flags (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[]
  readonly timeoutMs?: number
  readonly env?: NodeJS.ProcessEnv
}

interface Envelope<T> {
  readonly kind: 'chatkeep-bench-result'
  readonly value: T
}

function isEnvelope<T>(message: unknown): message is Envelope<T> {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { kind?: unknown }).kind === 'chatkeep-bench-result'
  )
}

/** Runs a TypeScript file in a fresh Node process and resolves with the one value it sends back. */
export function runTsChild<T>(file: string, options: ChildOptions = {}): Promise<T> {
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', file, ...(options.args ?? [])],
    {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  let result: { value: T } | null = null
  child.on('message', (message: unknown) => {
    if (isEnvelope<T>(message)) result = { value: message.value }
  })
  return new Promise<T>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`${file} timed out after ${options.timeoutMs} ms`))
    }, options.timeoutMs ?? 600_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      fail(error)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (result) done(result.value)
      else fail(new Error(`${file} exited (${signal ?? code}) without a result`))
    })
  })
}

/** Sends this process's result to the parent and lets the process exit once it is delivered. */
export function sendResult<T>(value: T): Promise<void> {
  const envelope: Envelope<T> = { kind: 'chatkeep-bench-result', value }
  return new Promise((done, fail) => {
    if (!process.send) {
      // Run by hand: print instead.
      process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
      done()
      return
    }
    process.send(envelope, (error: Error | null) => (error ? fail(error) : done()))
  })
}

/** Argument after `--name`, or undefined. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name)
  return index >= 0 ? argv[index + 1] : undefined
}

export function hasFlag(argv: readonly string[], name: string): boolean {
  return argv.includes(name)
}
