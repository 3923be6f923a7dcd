// The Node entry of the command line: `chatkeep` (built to out/cli by scripts/build-cli.mjs and
// started by bin/chatkeep.js) and `npm run cli` (from source under tsx, via scripts/cli.mjs).
import '../threadpool'
import { startCli } from './process'

const run = startCli(process.argv.slice(2))
process.exitCode = await run.exitCode
// A command stopped by SIGINT or SIGTERM has written its end; a provider request it abandoned (a
// slow answer, a keep-alive socket) must not hold the process past it. Output first, then exit.
if (run.stopped) {
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', done))))
  process.exit()
}
