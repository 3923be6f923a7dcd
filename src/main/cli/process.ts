// Process wiring for a command-line run, shared by the Node entry (index.ts: `chatkeep`,
// `npm run cli`) and the desktop app run headless (electron/headless-cli.ts).
import { main } from './main'

export interface CliRun {
  /** Resolves to the exit code. */
  readonly exitCode: Promise<number>
  /**
   * What SIGINT and SIGTERM do: the first stops cleanly (jobs stay in the catalog and resume), a
   * second one is the user insisting and exits 130 at once.
   */
  stop(): void
  /** True once SIGINT or SIGTERM asked the command to stop. */
  readonly stopped: boolean
}

/** How long a clean stop may take before the process ends anyway (design §8: "stops within 10 s"). */
const stopWithinMs = 10_000

export function startCli(argv: readonly string[]): CliRun {
  const controller = new AbortController()
  let stops = 0
  const stop = (): void => {
    stops++
    if (stops > 1) process.exit(130)
    controller.abort()
    // Work inside a system call cannot see the abort (a copy to a hung network drive, say); every
    // write Chatkeep makes is safe to cut short, and a sync's lock is released on exit.
    setTimeout(() => process.exit(130), stopWithinMs).unref()
  }
  const signals = ['SIGINT', 'SIGTERM'] as const
  for (const signal of signals) process.on(signal, stop)
  const exitCode = main(argv, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTty: process.stderr.isTTY === true,
    signal: controller.signal,
  }).finally(() => {
    for (const signal of signals) process.off(signal, stop)
  })
  return {
    exitCode,
    stop,
    get stopped() {
      return stops > 0
    },
  }
}
