// Serve mode as `chatkeep serve` wires it (openCore + startServer) on a given catalog and built
// renderer. Prints its URL as the one stdout line; stops on SIGTERM or when the parent goes away.
import { openCore } from '../../../src/main/core'
import { startServer } from '../../../src/main/server'

const [dataDir, rendererDir] = process.argv.slice(2)
if (!dataDir || !rendererDir) {
  process.stderr.write('usage: serve-worker <dataDir> <rendererDir>\n')
  process.exit(2)
}
const core = await openCore({ dataDir, transport: 'http' })
const server = await startServer(core, { rendererDir, host: '127.0.0.1' })
process.stdout.write(`${server.url}\n`)

const stop = async (): Promise<void> => {
  await server.close()
  await core.close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.stdin.on('end', () => void stop())
process.stdin.resume()
