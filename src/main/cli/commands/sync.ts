import { providerIds, videoQualities, type ProviderId } from '../../../shared/domain'
import { openCatalog } from '../../catalog/catalog'
import { describeWait } from '../../download/retry-policy'
import { AuthError } from '../../providers/errors'
import { keyEnvByProvider } from '../../providers/key-env'
import { createAdapter } from '../../providers/registry'
import { FileStore } from '../../store/file-store'
import { runSync, type SyncSummary } from '../../sync/run-sync'
import { listOption, oneOf, positiveInt, stringOption } from '../args'
import type { Command } from '../command'
import { createBarView, createLineView, formatBytes } from '../progress-view'
import { KeyRefusedError, UsageError } from '../usage-error'

export function apiKeyFrom(env: NodeJS.ProcessEnv, provider: ProviderId, override?: string): string {
  const name = override ?? keyEnvByProvider[provider]
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new UsageError('--api-key-env must name an environment variable.')
  const key = env[name]?.trim()
  if (!key)
    throw new UsageError(
      `No API key: set the environment variable ${name} (keys are never taken as arguments).`,
    )
  return key
}

function validBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:')
      return url.origin + url.pathname.replace(/\/$/, '')
  } catch {
    // fall through to the usage error
  }
  throw new UsageError('--base-url must be an http(s) URL such as https://app.onlyfansapi.com.')
}

function summaryText(s: SyncSummary): string {
  const lines = [
    `${s.provider} ${s.account}: ${s.chats} chats${s.unchangedChats > 0 ? ` (${s.unchangedChats} unchanged since the last sync, not read)` : ''}, ${s.mediaSeen} media seen, ${s.downloaded} downloaded (${formatBytes(s.bytes)}), ${s.alreadyHad} already archived.`,
    `${s.requests} API requests, ${s.credits} credits. Locked ${s.locked}, DRM ${s.drm}, not ready ${s.notReady}, failed ${s.failed}.`,
  ]
  if (s.deferred > 0 && s.retryAt) {
    const now = Date.now()
    lines.push(
      `${s.deferred} file${s.deferred === 1 ? '' : 's'} left for later (a host asked to wait, or was too slow): sync again ${describeWait(Date.parse(s.retryAt) - now, now)} or after.`,
    )
  }
  if (s.error) lines.push(`Stopped: ${s.error}`)
  if (s.exitCode === 1 && !s.error)
    lines.push('Some items failed or are not ready yet: run the same sync again later to retry them.')
  return lines.join('\n')
}

export const syncCommand: Command = {
  name: 'sync',
  summary: "Archive every media item of an account's chats (incremental unless --full)",
  usage: [
    `--provider ${providerIds.join('|')}   (required)`,
    '--account ID          the provider account id (required)',
    '--chat ID             only this chat; repeat for several',
    '--type photos|videos|audios',
    '--connection ID       OFAuth connection id (conn_…), required for ofauth',
    '--base-url URL        replace the API origin',
    '--concurrency N       parallel downloads (default 8)',
    `--quality ${videoQualities.join('|')}   preferred video rendition (default source)`,
    '--full                page every message instead of stopping at what is archived',
    '--api-key-env NAME    read the key from this environment variable',
  ],
  options: {
    provider: { type: 'string' },
    account: { type: 'string' },
    chat: { type: 'string', multiple: true },
    type: { type: 'string' },
    connection: { type: 'string' },
    'base-url': { type: 'string' },
    concurrency: { type: 'string' },
    quality: { type: 'string' },
    full: { type: 'boolean' },
    'api-key-env': { type: 'string' },
  },
  async run(context, values) {
    const provider = oneOf('provider', stringOption(values, 'provider'), providerIds)
    const account = stringOption(values, 'account')
    if (!provider) throw new UsageError(`sync needs --provider (${providerIds.join(', ')}).`)
    if (!account) throw new UsageError('sync needs --account ID.')
    const connectionId = stringOption(values, 'connection')
    if (provider === 'ofauth' && !connectionId)
      throw new UsageError('ofauth needs --connection conn_… (the OFAuth connection id).')
    const type = oneOf('type', stringOption(values, 'type'), ['photos', 'videos', 'audios'] as const)
    const quality = oneOf('quality', stringOption(values, 'quality'), videoQualities)
    const concurrency = positiveInt('concurrency', stringOption(values, 'concurrency'))
    const baseUrl = validBaseUrl(stringOption(values, 'base-url'))
    const apiKey = apiKeyFrom(context.env, provider, stringOption(values, 'api-key-env'))
    const adapter = createAdapter(provider, { apiKey, ...(baseUrl && { baseUrl }) })

    const catalog = openCatalog(context.dataDir)
    const view =
      context.output.json || !context.stderrIsTty
        ? createLineView((line) => context.output.info(line))
        : createBarView(process.stderr)
    try {
      const store = await FileStore.open(context.dataDir)
      const summary = await runSync(
        {
          provider,
          account,
          ...(connectionId && { connectionId }),
          chats: listOption(values, 'chat'),
          ...(type && { type }),
          full: values.full === true,
          ...(concurrency && { concurrency }),
          ...(quality && { quality }),
        },
        { catalog, store, adapter, signal: context.signal, onProgress: (p) => view.update(p) },
      )
      view.stop()
      // The --json keys are fixed (design §8): the unchanged-chat count is for the text summary only.
      const { exitCode: _exit, runId: _run, unchangedChats: _unchanged, error, ...counts } = summary
      context.output.result({ ...counts, ...(error && { error }) }, () => summaryText(summary))
      if (summary.exitCode === 3) {
        throw new KeyRefusedError(
          `${provider} refused the API key or its permissions (${error ?? 'unauthorised'}). Check ${keyEnvByProvider[provider]} and the account id${provider === 'ofauth' ? ' and connection' : ''}.`,
        )
      }
      return summary.exitCode
    } catch (error) {
      view.stop()
      if (error instanceof AuthError)
        throw new KeyRefusedError(`${provider} refused the API key: ${error.message}`)
      throw error
    } finally {
      catalog.close()
    }
  },
}
