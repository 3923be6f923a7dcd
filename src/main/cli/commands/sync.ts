// chatkeep sync: one account's chats into the archive, with progress on stderr.
import { openCatalog } from '../../catalog/catalog'
import { describeWait } from '../../download/retry-policy'
import { AuthError } from '../../providers/errors'
import { createAdapter } from '../../providers/registry'
import { FileStore } from '../../store/file-store'
import { runSync, type SyncSummary } from '../../sync/run-sync'
import { formatBytes } from '../../../shared/format-bytes'
import type { CommandRun } from '../command'
import { createBarView, createLineView } from '../progress-view'
import { KeyRefusedError } from '../usage-error'
import { parseSyncInput } from './sync-input'

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`

function summaryText(s: SyncSummary): string {
  const lines = [
    `${s.provider} ${s.account}: ${s.chats} chats${s.unchangedChats > 0 ? ` (${s.unchangedChats} unchanged since the last sync, not read)` : ''}, ${count(s.messagesSeen, 'message')} read (${s.messagesNew.toLocaleString('en')} new), ${s.mediaSeen} media seen, ${s.downloaded} downloaded (${formatBytes(s.bytes)}), ${s.alreadyHad} already archived.`,
    `${s.requests} API requests, ${Number(s.credits.toFixed(2))} credits. Locked ${s.locked}, DRM ${s.drm}, not ready ${s.notReady}, failed ${s.failed}.`,
  ]
  if (s.messagesDeletedUpstream + s.mediaDeletedUpstream > 0)
    lines.push(
      `No longer at the provider, kept and marked deleted upstream: ${count(s.messagesDeletedUpstream, 'message')}, ${count(s.mediaDeletedUpstream, 'media item')}.`,
    )
  if (s.deferred > 0 && s.retryAt) {
    const now = Date.now()
    lines.push(
      `${s.deferred} file${s.deferred === 1 ? '' : 's'} left for later (a host asked to wait, or was too slow): sync again ${describeWait(Date.parse(s.retryAt) - now, now)} or after.`,
    )
  }
  // The cap's message says it stopped, and why; other errors get the word here.
  if (s.error) lines.push(s.creditCapReached ? s.error : `Stopped: ${s.error}`)
  for (const problem of s.problems) lines.push(`Could not read: ${problem}`)
  if (s.exitCode === 1 && !s.error && !s.creditCapReached)
    lines.push('Some items failed or are not ready yet: run the same sync again later to retry them.')
  return lines.join('\n')
}

// The sync itself. The table has checked the input (sync-input.ts) before this module loaded.
export const run: CommandRun = async (context, values) => {
  const input = parseSyncInput(values, context.env)
  const { provider, apiKey, baseUrl } = input
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
        account: input.account,
        ...(input.connectionId && { connectionId: input.connectionId }),
        chats: input.chats,
        ...(input.type && { type: input.type }),
        full: values.full === true,
        ...(input.concurrency && { concurrency: input.concurrency }),
        ...(input.quality && { quality: input.quality }),
        mode: input.mode,
        ...(input.maxCredits !== undefined && { maxCredits: input.maxCredits }),
      },
      {
        catalog,
        store,
        adapter,
        signal: context.signal,
        onProgress: (p) => view.update(p),
        command: 'chatkeep sync',
      },
    )
    view.stop()
    // The --json keys are fixed (design §8): the unchanged-chat count is for the text summary only.
    const { exitCode: _exit, runId: _run, unchangedChats: _unchanged, error, ...counts } = summary
    context.output.result({ ...counts, ...(error && { error }) }, () => summaryText(summary))
    if (summary.exitCode === 3) {
      throw new KeyRefusedError(
        `${provider} refused the API key or its permissions (${error ?? 'unauthorised'}). Check ${input.keyEnv} and the account id${input.connectionId ? ' and connection' : ''}.`,
      )
    }
    // Stopped at the credit cap: exit 4 (design §8), unless the key was refused first.
    return summary.creditCapReached ? 4 : summary.exitCode
  } catch (error) {
    view.stop()
    if (error instanceof AuthError)
      throw new KeyRefusedError(`${provider} refused the API key: ${error.message}`)
    throw error
  } finally {
    catalog.close()
  }
}
