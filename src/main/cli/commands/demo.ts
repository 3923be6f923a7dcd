// `npm run demo`: the built-in sample provider (the faithful fake of all four APIs) on 127.0.0.1,
// synced into a demo folder, then the gallery: the desktop app where Electron is installed,
// otherwise serve mode in the browser. No key, no network.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { providerIds, providerMeta, type ProviderId } from '../../../shared/providers'
import { openCatalog } from '../../catalog/catalog'
import { createAdapter } from '../../providers/registry'
import { FileStore } from '../../store/file-store'
import { createSyncService } from '../../sync/service'
import { createEventBus } from '../../event-bus'
import { startServer } from '../../server'
import { numberOption } from '../args'
import type { CommandContext, CommandRun } from '../command'
import { electronBinary } from '../electron-binary'
import { createLineView } from '../progress-view'
import { ensureRendererBuilt, projectRoot } from '../renderer-dir'
import { openServeCore } from '../serve-core'
import { UsageError } from '../usage-error'
import { transcodePollsEnv } from '../transcode-polls'
import { transcodePollsFrom } from './sync-input'
import type * as FakeProviderModule from '../../../../test/fake-providers/server'

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

type FakeProviders = typeof FakeProviderModule

/**
 * The fake providers are TypeScript test code in the checkout. They are imported through tsx's API
 * by a computed path, so that neither bundle (the built bin, the desktop app) carries test code or
 * tsx; from a checkout both are on disk, and elsewhere the demo says what to do instead.
 */
async function loadFakeProviders(): Promise<FakeProviders> {
  const server = join(projectRoot, 'test', 'fake-providers', 'server.ts')
  if (!existsSync(server))
    throw new UsageError(
      'demo runs from a source checkout (npm install, then npm run demo); this installation has no sample provider.',
    )
  const tsxApi = 'tsx/esm/api'
  const { tsImport } = (await import(/* @vite-ignore */ tsxApi)) as {
    tsImport: (specifier: string, parent: string) => Promise<FakeProviders>
  }
  return tsImport(pathToFileURL(server).href, import.meta.url)
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

/** The sample provider's not-ready videos never finish: the demo polls them quickly, not for a minute. */
const demoTranscodePolls: NodeJS.ProcessEnv = { [transcodePollsEnv]: '0.25,0.5,1' }

/** The four demo accounts, queued on one sync service as the app queues "sync all". */
async function syncDemo(
  context: CommandContext,
  baseUrl: string,
  keys: Readonly<Record<ProviderId, string>>,
): Promise<void> {
  const catalog = openCatalog(context.dataDir)
  const events = createEventBus()
  const view = createLineView((line) => context.output.info(line), 1000)
  const unwatch = events.on('sync:progress', (progress) => view.update(progress))
  const service = createSyncService({
    catalog,
    openStore: () => FileStore.open(context.dataDir),
    adapterFor: async (account) =>
      createAdapter(account.provider, { apiKey: keys[account.provider], baseUrl }),
    command: 'chatkeep demo',
    events,
    runDeps: { transcodePollsMs: transcodePollsFrom(demoTranscodePolls) ?? [] },
  })
  const stop = (): void => void service.stop()
  context.signal.addEventListener('abort', stop, { once: true })
  try {
    const ids = demoAccounts.map(
      (demo) =>
        catalog.accounts.upsert(demo.provider, demo.account, {
          ...(demo.connectionId && { connectionId: demo.connectionId }),
        }).id,
    )
    const jobs = await service.start({ accountIds: ids, trigger: 'cli' })
    for (const job of jobs) {
      const summary = await service.finished(job.id).catch(() => null)
      view.stop()
      if (!summary) continue
      context.output.info(
        `${summary.provider}: ${summary.downloaded} downloaded, ${summary.alreadyHad} already there, ` +
          `${summary.locked} locked, ${summary.drm} DRM, ${summary.notReady} not ready, ${summary.failed} failed`,
      )
    }
  } finally {
    context.signal.removeEventListener('abort', stop)
    unwatch()
    await service.stop()
    catalog.close()
  }
}

export const run: CommandRun = async (context, values) => {
  const { startFakeProviders } = await loadFakeProviders()
  const fake = await startFakeProviders({ seed: 1, chats: 6, messagesPerChat: 16 })
  const dataDir = context.dataDirGiven ? context.dataDir : join(projectRoot, '.demo-data')
  const demoContext: CommandContext = { ...context, dataDir }
  context.output.info(`Sample providers at ${fake.url}; archiving into ${dataDir}`)
  const keyEnv: NodeJS.ProcessEnv = { CHATKEEP_BASE_URL: fake.url, ...demoTranscodePolls }
  for (const provider of providerIds) keyEnv[providerMeta[provider].keyEnv] = fake.keys[provider]
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
    const core = await openServeCore({
      dataDir,
      env: { ...context.env, ...keyEnv },
      log: (line) => context.output.info(line),
    })
    const server = await startServer(core, { port: numberOption(values, 'port') ?? 0, rendererDir })
    context.stdout.write(`${server.url}\n`)
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
}
