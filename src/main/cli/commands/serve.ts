import type { ProviderId } from '../../../shared/domain'
import { openCore } from '../../core'
import { keyEnvByProvider } from '../../providers/key-env'
import { startServer } from '../../server'
import { positiveInt, stringOption } from '../args'
import type { Command } from '../command'
import { ensureRendererBuilt } from '../renderer-dir'
import { createSyncFactory } from '../sync-factory'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the gallery to a browser on this machine (prints its URL with an access token)',
  usage: [
    '--host 127.0.0.1      interface to bind (loopback unless you mean otherwise)',
    '--port N              port (default: a free one)',
  ],
  options: { host: { type: 'string' }, port: { type: 'string' } },
  async run(context, values) {
    const host = stringOption(values, 'host') ?? '127.0.0.1'
    const portText = stringOption(values, 'port')
    const port = portText === '0' ? 0 : (positiveInt('port', portText) ?? 0)
    const rendererDir = await ensureRendererBuilt((line) => context.output.info(line))
    const core = await openCore({
      dataDir: context.dataDir,
      transport: 'http',
      envKeyName: (provider) => keyEnvByProvider[provider as ProviderId],
      env: context.env,
      createSync: createSyncFactory(context.env, (line) => context.output.info(line)),
    })
    const server = await startServer(core, { host, port, rendererDir })
    // The one line on stdout: scripts and tests read the URL from it.
    process.stdout.write(`${server.url}\n`)
    context.output.info(`Serving ${context.dataDir} — open the URL above; press Ctrl+C to stop.`)
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve()
      context.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    await server.close()
    await core.close()
    return 0
  },
}
