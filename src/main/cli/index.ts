// `npm run --silent cli -- <command>`: process wiring only; the logic is in main.ts.
import '../threadpool'
import { main } from './main'

const controller = new AbortController()
let interrupted = 0
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted++
    // First Ctrl+C stops cleanly (jobs stay in the catalog and resume); a second one is the user insisting.
    if (interrupted > 1) process.exit(130)
    controller.abort()
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
