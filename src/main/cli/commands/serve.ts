// chatkeep serve: the gallery for a browser on this machine, until Ctrl+C.
import { startServer } from '../../server'
import { numberOption, stringOption } from '../args'
import type { CommandRun } from '../command'
import { ensureRendererBuilt } from '../renderer-dir'
import { openServeCore } from '../serve-core'

export const run: CommandRun = async (context, values) => {
  const host = stringOption(values, 'host') ?? '127.0.0.1'
  const port = numberOption(values, 'port') ?? 0
  const rendererDir = await ensureRendererBuilt((line) => context.output.info(line))
  const core = await openServeCore({
    dataDir: context.dataDir,
    env: context.env,
    log: (line) => context.output.info(line),
  })
  const server = await startServer(core, { host, port, rendererDir })
  // The one line on stdout: scripts and tests read the URL from it.
  context.stdout.write(`${server.url}\n`)
  context.output.info(`Serving ${context.dataDir} — open the URL above; press Ctrl+C to stop.`)
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve()
    context.signal.addEventListener('abort', () => resolve(), { once: true })
  })
  // A sync under way is cancelled cleanly (bounded wait) before the catalog closes; the next
  // start resumes it.
  await server.close()
  await core.close()
  return 0
}
