// Serve mode as `chatkeep serve` wires it (openCore + startServer) on a given catalog and built
// renderer, until SIGTERM or the parent goes away (test/support/serve-until-stopped.ts).
import { openCore } from '../../../src/main/core'
import { startServer } from '../../../src/main/server'
import { serveUntilStopped } from '../../support/serve-until-stopped'

const [dataDir, rendererDir] = process.argv.slice(2)
if (!dataDir || !rendererDir) {
  process.stderr.write('usage: serve-worker <dataDir> <rendererDir>\n')
  process.exit(2)
}
const core = await openCore({ dataDir, transport: 'http' })
const server = await startServer(core, { rendererDir, host: '127.0.0.1' })
serveUntilStopped(server, core)
