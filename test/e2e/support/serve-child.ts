// Serve mode in a child process, exactly as `chatkeep serve` wires it (openServeCore, then
// startServer), but with the renderer the e2e run just built. Prints the URL as its one stdout
// line, like the CLI.
// Run with tsx: the core imports package.json, which Playwright's own loader will not.
import { openServeCore } from '../../../src/main/cli/serve-core'
import { startServer } from '../../../src/main/server'
import { serveUntilStopped } from '../../support/serve-until-stopped'

const [dataDir, rendererDir] = process.argv.slice(2)
if (!dataDir || !rendererDir) {
  process.stderr.write('usage: serve-child <dataDir> <rendererDir>\n')
  process.exit(2)
}

const core = await openServeCore({
  dataDir,
  env: process.env,
  log: (line) => process.stderr.write(`${line}\n`),
})
const server = await startServer(core, { rendererDir })
serveUntilStopped(server, core)
