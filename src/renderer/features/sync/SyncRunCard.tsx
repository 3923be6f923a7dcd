// One sync job: its state, overall and per-chat progress, messages read, throughput, ETA, API
// requests and credits spent (a run stopped at its credit cap says so in its error line), and what
// can be done with it now (cancel, pause, resume, retry).
import type { ReactElement } from 'react'
import type { SyncJob } from '../../../shared/contract'
import type { SyncProgress } from '../../../shared/domain'
import { formatBytes, formatCount, formatEta, formatRate } from '../../lib/format'
import { providerMeta } from '../../../shared/providers'
import { ErrorNotice } from '../../components/ErrorNotice'
import { Name } from '../../components/Name'
import { ProgressBar } from './ProgressBar'

export interface SyncRunCardProps {
  readonly job: SyncJob
  /** Offered when the job failed or left items behind; absent while the account syncs again. */
  readonly onRetry?: (() => void) | undefined
  /** Cancel, pause or resume this job's account. */
  readonly onControl?: ((action: 'cancel' | 'pause' | 'resume') => void) | undefined
}

type Shown = SyncJob['state'] | 'listing' | 'downloading'

const stateLabels: Readonly<Record<Shown, string>> = {
  queued: 'Queued',
  running: 'Running',
  listing: 'Listing messages',
  downloading: 'Downloading',
  paused: 'Paused',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** What the card's pill says: a running job by its run's phase, the others by their state. */
function shownState(job: SyncJob): Shown {
  if (job.state !== 'running') return job.state
  const phase = job.progress?.phase
  return phase === 'listing' || phase === 'downloading' ? phase : 'running'
}

const emptyProgress = (job: SyncJob): SyncProgress => ({
  runId: job.runId ?? 0,
  provider: job.provider,
  account: job.account,
  phase: 'listing',
  requests: 0,
  credits: 0,
  mediaSeen: 0,
  messagesSeen: 0,
  messagesNew: 0,
  downloaded: 0,
  alreadyHad: 0,
  failed: 0,
  bytes: 0,
  totalBytes: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
  chats: [],
  error: null,
})

type ChatProgress = SyncProgress['chats'][number]
type ChatState = 'unchanged' | 'listing' | 'downloading' | 'done' | 'incomplete' | 'unreadable'

const chatStateLabels: Readonly<Record<ChatState, string>> = {
  unchanged: 'nothing new',
  listing: 'reading messages',
  downloading: 'downloading',
  done: 'done',
  incomplete: 'some items left',
  unreadable: 'could not be read',
}

/**
 * Listing still adds to a chat's total, so a chat is only "done" once listing has finished. A chat
 * the sync did not read (nothing new since its last sync) is "unchanged", unless it resumes
 * downloads an earlier run left behind; one whose pages the provider refused is "unreadable".
 */
export function chatState(run: SyncProgress, chat: ChatProgress): ChatState {
  if (chat.error !== undefined) return 'unreadable'
  if (chat.unchanged && chat.total === 0) return 'unchanged'
  if (run.phase === 'listing') return 'listing'
  // `done` counts finished downloads, the failed ones included.
  if (chat.done >= chat.total) return chat.failed > 0 ? 'incomplete' : 'done'
  return run.phase === 'downloading' ? 'downloading' : 'incomplete'
}

export function SyncRunCard({ job, onRetry, onControl }: SyncRunCardProps): ReactElement {
  const run = job.progress ?? emptyProgress(job)
  const finished = run.downloaded + run.alreadyHad + run.failed
  const moving = job.state === 'running'
  const shown = shownState(job)
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
    ['Rate', moving ? formatRate(run.bytesPerSecond) : '—'],
    ['ETA', moving ? formatEta(run.etaSeconds) : '—'],
    ['Requests', formatCount(run.requests)],
    ['Credits', formatCount(run.credits)],
    ['Failed', formatCount(run.failed), run.failed > 0],
  ]
  const error = job.error ?? run.error
  return (
    <article
      className={`sync-run phase-${run.phase} job-${job.state}`}
      data-testid="sync-run"
      data-state={job.state}
    >
      <header>
        <h3 className="sync-run-title">
          {providerMeta[job.provider].label} · <Name text={job.label} />
          {job.label !== job.account && (
            <span className="muted small">
              {' '}
              (<Name text={job.account} />)
            </span>
          )}
        </h3>
        <span className={`status-pill phase-pill-${shown}`}>{stateLabels[shown]}</span>
      </header>
      {job.state !== 'queued' && (
        <ProgressBar value={finished} max={Math.max(run.mediaSeen, finished)} label="Overall progress" />
      )}
      {onControl && (job.state === 'queued' || job.state === 'running' || job.state === 'paused') && (
        <div className="sync-run-actions">
          {job.state === 'running' && (
            <button type="button" className="button button-secondary" onClick={() => onControl('pause')}>
              Pause
            </button>
          )}
          {job.state === 'paused' && (
            <button type="button" className="button button-secondary" onClick={() => onControl('resume')}>
              Resume
            </button>
          )}
          <button type="button" className="button button-secondary" onClick={() => onControl('cancel')}>
            Cancel
          </button>
          {job.state === 'paused' && (
            <span className="muted small">
              Downloads under way finish; nothing new starts until you resume.
            </span>
          )}
        </div>
      )}
      {job.state !== 'queued' && (
        <dl className="sync-stats">
          {stats.map(([label, value, danger]) => (
            <div key={label} className="sync-stat">
              <dt>{label}</dt>
              <dd className={danger ? 'text-danger' : undefined}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {job.result && (
        <p className="sync-result" data-testid="sync-result">
          {job.result}.{job.retry && ` ${job.retry}`}
        </p>
      )}
      {error && job.state !== 'cancelled' && <ErrorNotice error={error} testId="sync-error" />}
      {onRetry && (job.state === 'failed' || job.state === 'cancelled' || job.retry !== null) && (
        <div className="sync-run-actions">
          <button type="button" className="button" onClick={onRetry}>
            {job.state === 'done' ? 'Retry failed items' : 'Retry sync'}
          </button>
          {job.state === 'failed' && (
            <span className="muted small">
              Fix the cause above (the key, the network), then sync again: what is already archived is not
              fetched again.
            </span>
          )}
        </div>
      )}
      {run.chats.length > 0 && (
        <ul className="sync-chats">
          {run.chats.map((chat) => (
            <li key={chat.chatId} data-testid="sync-chat" data-state={chatState(run, chat)}>
              <Name className="sync-chat-label" text={chat.label} />
              <ProgressBar value={chat.done} max={chat.total} label={`Progress of ${chat.label}`} />
              <span className="sync-chat-count" title={chat.error}>
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
