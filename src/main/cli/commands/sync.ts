// chatkeep sync: one account's chats into the archive, with progress on stderr. The run goes
// through the sync service like the app's; SIGINT or SIGTERM cancels it: the summary so far is
// printed (with --json, the one document says "cancelled": true) and the exit code is 130.
import { openCatalog } from '../../catalog/catalog'
import { describeWait } from '../../download/retry-policy'
import { createAdapter } from '../../providers/registry'
import { FileStore } from '../../store/file-store'
import { createEventBus } from '../../event-bus'
import { createSyncService } from '../../sync/service'
import type { SyncSummary } from '../../sync/types'
import { formatBytes } from '../../../shared/format-bytes'
import type { CommandRun } from '../command'
import { createBarView, createLineView } from '../progress-view'
import { syncExitCode } from '../sync-exit'
import { KeyRefusedError } from '../usage-error'
import { parseSyncInput } from './sync-input'

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`

function summaryText(s: SyncSummary, exitCode: number): string {
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
  if (s.outcome.cancelled)
    lines.push(`Cancelled: ${s.pending} items left; the next sync resumes them (partial files included).`)
  // The cap's message says it stopped, and why; other errors get the word here.
  else if (s.error) lines.push(s.outcome.creditCapReached ? s.error : `Stopped: ${s.error}`)
  for (const chat of s.failedChats)
    lines.push(`Could not read chat ${chat.chat} (${chat.label}): ${chat.error}`)
  for (const problem of s.problems) lines.push(`Could not read: ${problem}`)
  if (exitCode === 1 && !s.error)
    lines.push(
      'Some items failed, are not ready or were not read: run the same sync again later to retry them.',
    )
  return lines.join('\n')
}

/** The --json document: design §8's keys and a few more; the unchanged-chat count is text only. */
function jsonOf(s: SyncSummary): Record<string, unknown> {
  const { runId: _run, unchangedChats: _unchanged, outcome, error, ...counts } = s
  return {
    ...counts,
    cancelled: outcome.cancelled,
    creditCapReached: outcome.creditCapReached,
    ...(error && { error }),
  }
}

// The sync itself. The table has checked the input (sync-input.ts) before this module loaded.
export const run: CommandRun = async (context, values) => {
  const input = parseSyncInput(values, context.env)
  const { provider, apiKey, baseUrl } = input
  const catalog = openCatalog(context.dataDir)
  const view =
    context.output.json || !context.stderrIsTty
      ? createLineView((line) => context.output.info(line))
      : createBarView(process.stderr)
  const events = createEventBus()
  const unwatch = events.on('sync:progress', (progress) => view.update(progress))
  const service = createSyncService({
    catalog,
    openStore: () => FileStore.open(context.dataDir),
    adapterFor: async () => createAdapter(provider, { apiKey, ...(baseUrl && { baseUrl }) }),
    command: 'chatkeep sync',
    events,
    ...(input.transcodePollsMs && { runDeps: { transcodePollsMs: input.transcodePollsMs } }),
  })
  const account = catalog.accounts.upsert(provider, input.account, {
    ...(input.connectionId && { connectionId: input.connectionId }),
  })
  const interrupt = (): void =>
    void service.cancel(account.id, 'Interrupted: everything not yet archived resumes at the next sync.')
  context.signal.addEventListener('abort', interrupt, { once: true })
  try {
    const [job] = await service.start({
      accountIds: [account.id],
      chats: input.chats,
      ...(input.type && { type: input.type }),
      full: values.full === true,
      ...(input.concurrency && { concurrency: input.concurrency }),
      ...(input.quality && { quality: input.quality }),
      mode: input.mode,
      ...(input.maxCredits !== undefined && { maxCredits: input.maxCredits }),
      trigger: 'cli',
    })
    if (context.signal.aborted) interrupt()
    const summary = await service.finished(job!.id)
    view.stop()
    const exitCode = syncExitCode(summary.outcome)
    context.output.result(jsonOf(summary), () => summaryText(summary, exitCode))
    if (exitCode === 3) {
      throw new KeyRefusedError(
        `${provider} refused the API key or its permissions (${summary.error ?? 'unauthorised'}). Check ${input.keyEnv} and the account id${input.connectionId ? ' and connection' : ''}.`,
      )
    }
    return exitCode
  } finally {
    view.stop()
    unwatch()
    context.signal.removeEventListener('abort', interrupt)
    await service.stop()
    catalog.close()
  }
}
