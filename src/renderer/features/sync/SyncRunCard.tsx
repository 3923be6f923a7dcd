// One sync run: overall and per-chat progress, messages read, throughput, ETA, API requests and
// credits spent (a run stopped at its credit cap says so in its error line).
import type { ReactElement } from 'react'
import type { SyncProgress } from '../../../shared/domain'
import { formatBytes, formatCount, formatEta, formatRate } from '../../lib/format'
import { providerMeta } from '../../../shared/providers'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { ProgressBar } from './ProgressBar'

export interface SyncRunCardProps {
  readonly run: SyncProgress
  /** Offered when the run failed or left items behind; absent while the account syncs again. */
  readonly onRetry?: () => void
}

const phaseLabels: Readonly<Record<SyncProgress['phase'], string>> = {
  listing: 'Listing messages',
  downloading: 'Downloading',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

type ChatProgress = SyncProgress['chats'][number]
type ChatState = 'unchanged' | 'listing' | 'downloading' | 'done' | 'incomplete'

const chatStateLabels: Readonly<Record<ChatState, string>> = {
  unchanged: 'nothing new',
  listing: 'reading messages',
  downloading: 'downloading',
  done: 'done',
  incomplete: 'some items left',
}

/**
 * Listing still adds to a chat's total, so a chat is only "done" once listing has finished. A chat
 * the sync did not read (nothing new since its last sync) is "unchanged", unless it resumes
 * downloads an earlier run left behind.
 */
export function chatState(run: SyncProgress, chat: ChatProgress): ChatState {
  if (chat.unchanged && chat.total === 0) return 'unchanged'
  if (run.phase === 'listing') return 'listing'
  // `done` counts finished downloads, the failed ones included.
  if (chat.done >= chat.total) return chat.failed > 0 ? 'incomplete' : 'done'
  return run.phase === 'downloading' ? 'downloading' : 'incomplete'
}

export function SyncRunCard({ run, onRetry }: SyncRunCardProps): ReactElement {
  const finished = run.downloaded + run.alreadyHad + run.failed
  const active = run.phase === 'listing' || run.phase === 'downloading'
  const stats: ReadonlyArray<readonly [string, string, boolean?]> = [
    ['Messages', `${formatCount(run.messagesSeen)} (${formatCount(run.messagesNew)} new)`],
    ['Media', `${formatCount(finished)} / ${formatCount(run.mediaSeen)}`],
    ['New', formatCount(run.downloaded)],
    ['Already had', formatCount(run.alreadyHad)],
    [
      'Data',
      run.totalBytes > 0
        ? `${formatBytes(run.bytes)} of ${formatBytes(run.totalBytes)}`
        : formatBytes(run.bytes),
    ],
    ['Rate', active ? formatRate(run.bytesPerSecond) : '—'],
    ['ETA', active ? formatEta(run.etaSeconds) : '—'],
    ['Requests', formatCount(run.requests)],
    ['Credits', formatCount(run.credits)],
    ['Failed', formatCount(run.failed), run.failed > 0],
  ]
  return (
    <article className={`sync-run phase-${run.phase}`} data-testid="sync-run">
      <header>
        <h3 className="sync-run-title">
          {providerMeta[run.provider].label} · <Name text={run.account} />
        </h3>
        <span className={`status-pill phase-pill-${run.phase}`}>{phaseLabels[run.phase]}</span>
      </header>
      <ProgressBar value={finished} max={Math.max(run.mediaSeen, finished)} label="Overall progress" />
      <dl className="sync-stats">
        {stats.map(([label, value, danger]) => (
          <div key={label} className="sync-stat">
            <dt>{label}</dt>
            <dd className={danger ? 'text-danger' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      {run.error && <ErrorNotice error={run.error} testId="sync-error" />}
      {onRetry && (run.phase === 'failed' || run.phase === 'cancelled' || run.failed > 0) && (
        <div className="sync-run-actions">
          <button type="button" className="button" onClick={onRetry}>
            {run.phase === 'done' ? 'Retry failed items' : 'Retry sync'}
          </button>
          <span className="muted small">
            {run.phase === 'failed'
              ? 'Fix the cause above (the key, the network), then retry: what is already archived is not fetched again.'
              : 'A new sync retries every failed item.'}
          </span>
        </div>
      )}
      {run.chats.length > 0 && (
        <ul className="sync-chats">
          {run.chats.map((chat) => (
            <li key={chat.chatId} data-testid="sync-chat" data-state={chatState(run, chat)}>
              <Name className="sync-chat-label" text={chat.label} />
              <ProgressBar value={chat.done} max={chat.total} label={`Progress of ${chat.label}`} />
              <span className="sync-chat-count">
                {formatCount(chat.done)}/{formatCount(chat.total)}
                {chat.failed > 0 && <span className="text-danger"> · {chat.failed} failed</span>}
                <span className={`chat-state chat-state-${chatState(run, chat)}`}>
                  {' '}
                  · {chatStateLabels[chatState(run, chat)]}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}
