// The Node entry of the command line: `chatkeep` (built to out/cli by scripts/build-cli.mjs and
// started by bin/chatkeep.js) and `npm run cli` (from source under tsx, via scripts/cli.mjs).
import '../threadpool'
import { startCli } from './process'

process.exitCode = await startCli(process.argv.slice(2)).exitCode
