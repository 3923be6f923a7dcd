// `npm run --silent cli -- <command>`: process wiring only; the logic is in main.ts.
import '../threadpool'
import { main } from './main'

const controller = new AbortController()
let interrupted = 0
// How long a clean stop may take before the process ends anyway (design §8: "stops within 10 s").
// Work in a system call cannot see the abort (a copy to a hung network drive, say); every write
// Chatkeep makes is safe to cut short, and a sync's lock is released on exit.
const stopWithinMs = 10_000
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted++
    // First Ctrl+C stops cleanly (jobs stay in the catalog and resume); a second one is the user insisting.
    if (interrupted > 1) process.exit(130)
    controller.abort()
    setTimeout(() => process.exit(130), stopWithinMs).unref()
  })
}

const code = await main(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTty: process.stderr.isTTY === true,
  signal: controller.signal,
})
process.exitCode = code
