// `npm run demo`: the built-in sample provider (the faithful fake of all four APIs) on 127.0.0.1,
// synced into a demo folder, then the gallery: the desktop app where Electron is installed,
// otherwise serve mode in the browser. No key, no network.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { ProviderId } from '../../../shared/domain'
import { openCatalog } from '../../catalog/catalog'
import { keyEnvByProvider } from '../../providers/key-env'
import { createAdapter } from '../../providers/registry'
import { FileStore } from '../../store/file-store'
import { runSync } from '../../sync/run-sync'
import { openCore } from '../../core'
import { startServer } from '../../server'
import { stringOption } from '../args'
import type { Command, CommandContext } from '../command'
import { electronBinary } from '../electron-binary'
import { createLineView } from '../progress-view'
import { ensureRendererBuilt, projectRoot } from '../renderer-dir'
import { createSyncFactory } from '../sync-factory'

interface DemoAccount {
  readonly provider: ProviderId
  readonly account: string
  readonly connectionId?: string
}

const demoAccounts: readonly DemoAccount[] = [
  { provider: 'onlyfansapi', account: 'acct_fake_onlyfans_1' },
  { provider: 'onlyfansapi-fansly', account: 'fansly_acct_fake_1' },
  { provider: 'ofauth', account: '900000002', connectionId: 'conn_fake_1' },
  { provider: 'fansmetric', account: 'acct_fake_fm_1' },
]

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

async function syncDemo(
  context: CommandContext,
  baseUrl: string,
  keys: Readonly<Record<ProviderId, string>>,
): Promise<void> {
  const catalog = openCatalog(context.dataDir)
  try {
    const store = await FileStore.open(context.dataDir)
    for (const demo of demoAccounts) {
      const view = createLineView((line) => context.output.info(line), 1000)
      const summary = await runSync(
        { ...demo, full: false },
        {
          catalog,
          store,
          adapter: createAdapter(demo.provider, { apiKey: keys[demo.provider], baseUrl }),
          signal: context.signal,
          onProgress: (p) => view.update(p),
          command: 'chatkeep demo',
        },
      )
      view.stop()
      context.output.info(
        `${demo.provider}: ${summary.downloaded} downloaded, ${summary.alreadyHad} already there, ` +
          `${summary.locked} locked, ${summary.drm} DRM, ${summary.notReady} not ready, ${summary.failed} failed`,
      )
      if (context.signal.aborted) return
    }
  } finally {
    catalog.close()
  }
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Sync the built-in sample provider into a demo folder and open the gallery (no key needed)',
  usage: [
    '--port N              serve mode port (default: a free one)',
    '(--data-dir defaults to .demo-data in the project)',
  ],
  options: { port: { type: 'string' } },
  async run(context, values) {
    const { startFakeProviders } = await import('../../../../test/fake-providers/server')
    const fake = await startFakeProviders({ seed: 1, chats: 6, messagesPerChat: 16 })
    const dataDir = values['data-dir'] === undefined ? join(projectRoot, '.demo-data') : context.dataDir
    const demoContext: CommandContext = { ...context, dataDir }
    context.output.info(`Sample providers at ${fake.url}; archiving into ${dataDir}`)
    const keyEnv: NodeJS.ProcessEnv = { CHATKEEP_BASE_URL: fake.url }
    for (const [provider, name] of Object.entries(keyEnvByProvider))
      keyEnv[name] = fake.keys[provider as ProviderId]
    try {
      await syncDemo(demoContext, fake.url, fake.keys)
      if (context.signal.aborted) return 130
      const binary = electronBinary(projectRoot)
      if (binary) {
        await ensureRendererBuilt((line) => context.output.info(line))
        context.output.info('Opening the desktop app…')
        const child = spawn(binary, [projectRoot], {
          stdio: 'inherit',
          env: { ...process.env, ...keyEnv, CHATKEEP_DATA_DIR: dataDir },
        })
        await new Promise((resolve) => child.on('exit', resolve))
        return 0
      }
      const rendererDir = await ensureRendererBuilt((line) => context.output.info(line))
      const core = await openCore({
        dataDir,
        transport: 'http',
        createSync: createSyncFactory({ ...context.env, ...keyEnv }, (line) => context.output.info(line)),
      })
      const portText = stringOption(values, 'port')
      const server = await startServer(core, { port: portText ? Number(portText) : 0, rendererDir })
      process.stdout.write(`${server.url}\n`)
      context.output.info(
        'No Electron binary here, so the gallery is served to your browser: open the URL above. Ctrl+C stops.',
      )
      await waitForAbort(context.signal)
      await server.close()
      await core.close()
      return 0
    } finally {
      await fake.close()
    }
  },
}
